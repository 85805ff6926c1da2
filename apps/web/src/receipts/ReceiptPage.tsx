import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useSession } from '../auth/session.tsx';
import { AllocationsTable } from '../invoices/AllocationsTable.tsx';
import { api } from '../lib/api.ts';
import { fmtDate, fmtInstant } from '../lib/dates.ts';
import { ErrorBanner, Field, fieldErrorsOf } from '../lib/forms.tsx';
import { Money, toMinor } from '../lib/money.tsx';
import type { ReceiptFull } from '../lib/types.ts';
import { Badge, Dialog } from '../lib/ui.tsx';
import { methodLabel, referenceLabel } from './labels.ts';

const INVALIDATE = ['receipt', 'receipts', 'invoice', 'invoices', 'customer', 'customers', 'statement'];

export function ReceiptPage() {
  const { id } = useParams();
  const { can } = useSession();
  const location = useLocation();
  const [reversing, setReversing] = useState(false);
  const receipt = useQuery({
    queryKey: ['receipt', id],
    queryFn: () => api.get<ReceiptFull>(`/receipts/${id}`),
  });
  const r = receipt.data;
  if (!r) {
    return (
      <section>
        <h1>Receipt</h1>
        {receipt.isPending ? <p role="status">Loading…</p> : <ErrorBanner error={receipt.error} />}
      </section>
    );
  }
  const unapplied = toMinor(r.unapplied_amount, r.currency);
  return (
    <section>
      <div className="page-head">
        <div>
          <p className="crumbs">
            <Link to="/receipts">Receipts</Link> /{' '}
            <Link to={`/customers/${r.customer_id}`}>{r.customer_name}</Link>
          </p>
          <h1>
            Receipt <span className="mono">{r.number}</span> <Badge value={r.status} />
          </h1>
        </div>
        <div className="actions">
          {r.status === 'active' && unapplied > 0n && can('receipts.write') && (
            <ApplyOldestFirst receipt={r} />
          )}
          {r.status === 'active' && can('receipts.reverse') && (
            <button type="button" className="danger" onClick={() => setReversing(true)}>
              Reverse receipt…
            </button>
          )}
        </div>
      </div>
      {(location.state as { saved?: boolean } | null)?.saved && (
        <p className="banner ok" role="status">
          Receipt recorded.
        </p>
      )}
      <div className="summary-cards">
        <div className="card">
          <span className="field-label">Amount</span>
          <span className="card-value">
            <Money value={r.amount} currency={r.currency} />
          </span>
        </div>
        <div className="card">
          <span className="field-label">Unapplied</span>
          <span className="card-value" data-testid="receipt-unapplied">
            <Money value={r.unapplied_amount} currency={r.currency} />
          </span>
        </div>
      </div>
      <dl className="profile wide">
        <dt>Customer</dt>
        <dd>
          <Link to={`/customers/${r.customer_id}`}>
            <span className="mono">{r.customer_code}</span> {r.customer_name}
          </Link>
        </dd>
        <dt>Date</dt>
        <dd>{fmtDate(r.receipt_date)}</dd>
        <dt>Method</dt>
        <dd>{methodLabel(r.method)}</dd>
        <dt>{referenceLabel(r.method)}</dt>
        <dd className="mono">{r.reference ?? '—'}</dd>
        {r.cheque_date && (
          <>
            <dt>Cheque date</dt>
            <dd>{fmtDate(r.cheque_date)}</dd>
          </>
        )}
        <dt>Payer</dt>
        <dd>{r.payer_name ?? '—'}</dd>
        {r.status === 'reversed' && (
          <>
            <dt>Reversed</dt>
            <dd>
              {fmtDate(r.reversed_on)} — {r.reversal_reason}
              {r.bounce_charge_id && (
                <>
                  {' '}
                  · <Link to={`/invoices/${r.bounce_charge_id}`}>bounce charge debit note</Link>
                </>
              )}
            </dd>
          </>
        )}
        {r.notes && (
          <>
            <dt>Notes</dt>
            <dd>{r.notes}</dd>
          </>
        )}
        <dt>Recorded</dt>
        <dd>{fmtInstant(r.created_at)}</dd>
      </dl>
      <section className="panel" aria-labelledby="alloc-title">
        <h2 id="alloc-title">Allocations</h2>
        <AllocationsTable rows={r.allocations} currency={r.currency} side="receipt" />
      </section>
      {reversing && <ReverseReceipt receipt={r} onClose={() => setReversing(false)} />}
    </section>
  );
}

function ApplyOldestFirst({ receipt }: { receipt: ReceiptFull }) {
  const client = useQueryClient();
  const apply = useMutation({
    mutationFn: () => api.post(`/receipts/${receipt.id}/allocations`, { oldest_first: true }),
    onSuccess: () => {
      for (const key of INVALIDATE) client.invalidateQueries({ queryKey: [key] });
    },
  });
  return (
    <>
      <button type="button" onClick={() => apply.mutate()} disabled={apply.isPending}>
        Apply unapplied, oldest first
      </button>
      <ErrorBanner error={apply.error} />
    </>
  );
}

function ReverseReceipt({ receipt, onClose }: { receipt: ReceiptFull; onClose: () => void }) {
  const client = useQueryClient();
  const { today } = useSession();
  const [d, setD] = useState({
    reversed_on: today(),
    reason: receipt.method === 'cheque' ? 'Cheque returned: ' : '',
    charge: false,
    bounce_charge: '',
  });
  const reverse = useMutation({
    mutationFn: () =>
      api.post(`/receipts/${receipt.id}/reverse`, {
        reversed_on: d.reversed_on,
        reason: d.reason,
        bounce_charge: d.charge && d.bounce_charge.trim() ? d.bounce_charge.trim().replace(/,/g, '') : null,
      }),
    onSuccess: async () => {
      for (const key of INVALIDATE) await client.invalidateQueries({ queryKey: [key] });
      onClose();
    },
  });
  const errors = fieldErrorsOf(reverse.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reverse.mutate();
  };
  return (
    <Dialog title={`Reverse receipt ${receipt.number}`} onClose={onClose}>
      <form onSubmit={submit} className="stack">
        <p>Every invoice this receipt paid re-opens. The receipt stays on record, marked reversed.</p>
        <Field label="Reversed on" error={errors.reversed_on}>
          <input
            type="date"
            required
            value={d.reversed_on}
            onChange={(e) => setD({ ...d, reversed_on: e.target.value })}
          />
        </Field>
        <Field label="Reason" error={errors.reason}>
          <input
            required
            value={d.reason}
            onChange={(e) => setD({ ...d, reason: e.target.value })}
            autoFocus
            placeholder="Cheque returned: insufficient funds"
          />
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={d.charge}
            onChange={(e) => setD({ ...d, charge: e.target.checked })}
          />{' '}
          Charge the customer a bounce fee (raises a debit note)
        </label>
        {d.charge && (
          <Field label={`Bounce charge (${receipt.currency})`} error={errors.bounce_charge}>
            <input
              inputMode="decimal"
              className="num"
              required
              value={d.bounce_charge}
              onChange={(e) => setD({ ...d, bounce_charge: e.target.value })}
            />
          </Field>
        )}
        {reverse.error && !errors.reason && !errors.reversed_on && !errors.bounce_charge && (
          <ErrorBanner error={reverse.error} />
        )}
        <div className="form-actions">
          <button type="submit" className="danger" disabled={reverse.isPending}>
            Reverse receipt
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
