import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../auth/session.tsx';
import { api } from '../lib/api.ts';
import { fmtDate } from '../lib/dates.ts';
import { ErrorBanner, Field } from '../lib/forms.tsx';
import type { CustomerFull, PaymentBehaviourT } from '../lib/types.ts';
import { Empty } from '../lib/ui.tsx';

const BehaviourChart = lazy(() =>
  import('./PaymentBehaviourChart.tsx').then((m) => ({ default: m.PaymentBehaviourChart })),
);

const RATING_TEXT: Record<'A' | 'B' | 'C' | 'D', string> = {
  A: 'pays within 30 days of due',
  B: 'pays 31–60 days late',
  C: 'pays 61–90 days late',
  D: 'pays more than 90 days late',
};

function fmtDays(days: number | null): string {
  if (days === null) return '—';
  return `${days.toFixed(1)} ${Math.abs(days) === 1 ? 'day' : 'days'}`;
}

export function PaymentBehaviourTab({ customer }: { customer: CustomerFull }) {
  const { today } = useSession();
  const [params, setParams] = useSearchParams();
  const raw = params.get('as_of') ?? '';
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : today();
  const behaviour = useQuery({
    queryKey: ['payment-behaviour', customer.id, asOf],
    queryFn: ({ signal }) =>
      api.get<PaymentBehaviourT>(`/customers/${customer.id}/payment-behaviour`, { as_of: asOf }, signal),
    placeholderData: keepPreviousData,
  });
  const b = behaviour.data;
  return (
    <div data-testid="payment-behaviour">
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Payment behaviour date">
        <Field label="As of">
          <input
            type="date"
            required
            value={asOf}
            onChange={(e) => {
              const next = new URLSearchParams(window.location.search);
              if (e.target.value && e.target.value !== today()) next.set('as_of', e.target.value);
              else next.delete('as_of');
              setParams(next, { replace: true });
            }}
          />
        </Field>
      </form>
      <ErrorBanner error={behaviour.error} />
      {!b ? (
        behaviour.isPending && <p role="status">Loading payment behaviour…</p>
      ) : (
        <div aria-busy={behaviour.isPlaceholderData}>
          <div className="summary-cards">
            <div className="card" data-testid="average-delay">
              <span className="field-label">Average payment delay</span>
              <span className="card-value">{fmtDays(b.average_delay_days)}</span>
              <span className="card-note">
                weighted by amount; open overdue items count to {fmtDate(b.as_of)}
              </span>
            </div>
            <div className="card" data-testid="payment-rating">
              <span className="field-label">Rating</span>
              <span className="card-value">
                {b.rating === null ? (
                  <span className="muted">not rated</span>
                ) : (
                  <span
                    className={`rating rating-${b.rating}`}
                    role="img"
                    aria-label={`Rating ${b.rating}: ${RATING_TEXT[b.rating]}`}
                  >
                    {b.rating}
                  </span>
                )}
              </span>
              <span className="card-note">
                {b.rating === null ? 'nothing paid or overdue yet' : RATING_TEXT[b.rating]}
              </span>
            </div>
          </div>
          {b.months.length === 0 ? (
            <Empty>Nothing invoiced or paid in the last 24 months.</Empty>
          ) : (
            <Suspense fallback={<p className="muted">Loading chart…</p>}>
              <BehaviourChart behaviour={b} />
            </Suspense>
          )}
        </div>
      )}
    </div>
  );
}
