import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useUsers } from '../customers/CustomersPage.tsx';
import { api } from '../lib/api.ts';
import { ErrorBanner, fieldErrorsOf, needsBanner } from '../lib/forms.tsx';
import { Money } from '../lib/money.tsx';
import type { CollectorPerformanceT, TargetsBody, User } from '../lib/types.ts';
import { Dialog } from '../lib/ui.tsx';

/**
 * The people a target can be set for: anyone with the collector role, and anyone else who
 * already carries customers (an admin who collects too shows up on the leaderboard as well).
 */
function collectorsOf(users: User[], performance: CollectorPerformanceT | undefined) {
  const onBoard = new Set(performance?.collectors.map((c) => c.collector_id).filter(Boolean));
  return users.filter((u) => u.active && (u.roles.includes('collector') || onBoard.has(u.id)));
}

/** What a person types ("₹ 1,00,000") as the API's decimal; anything else is left for the server to judge. */
function toDecimalText(text: string): string {
  return text.replace(/[₹,\s\u00a0]/g, '');
}

export function TargetsDialog({
  month: initialMonth,
  currency,
  onClose,
}: {
  month: string;
  currency: string;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [month, setMonth] = useState(initialMonth);
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const users = useUsers();
  const performance = useQuery({
    queryKey: ['collector-performance', month],
    queryFn: ({ signal }) => api.get<CollectorPerformanceT>('/collectors/performance', { month }, signal),
    enabled: /^\d{4}-\d{2}$/.test(month),
  });
  const collectors = users.data ? collectorsOf(users.data.data, performance.data) : [];
  const current = new Map(performance.data?.collectors.map((c) => [c.collector_id, c.target]));

  // Only the rows with something typed are sent, so the server's "targets.2.amount" needs
  // mapping back to the collector it is about.
  const [sent, setSent] = useState<string[]>([]);
  const [nothing, setNothing] = useState(false);
  const save = useMutation({
    mutationFn: (body: TargetsBody) => api.post<{ saved: number }>('/collection-targets', body),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['dashboard'] });
      client.invalidateQueries({ queryKey: ['collector-performance'] });
      // Closing the <dialog> itself (not just unmounting it) hands focus back to what opened it.
      form.current?.closest('dialog')?.close();
    },
  });
  const raw = fieldErrorsOf(save.error);
  const rowErrors: Record<string, string> = {};
  let monthError: string | undefined;
  const placed = (field: string) => {
    const m = /^targets\.(\d+)\.(\w+)$/.exec(field);
    return Boolean(m && (m[2] === 'month' || sent[Number(m[1])]));
  };
  for (const [field, message] of Object.entries(raw)) {
    const m = /^targets\.(\d+)\.(\w+)$/.exec(field);
    const id = m ? sent[Number(m[1])] : undefined;
    if (m?.[2] === 'month') monthError ??= message;
    else if (id) rowErrors[id] ??= message;
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const rows = collectors.filter((c) => (amounts[c.id] ?? '').trim() !== '');
    if (rows.length === 0) {
      setNothing(true);
      return;
    }
    setNothing(false);
    setSent(rows.map((r) => r.id));
    save.mutate({
      targets: rows.map((r) => ({ collector_id: r.id, month, amount: toDecimalText(amounts[r.id]!) })),
    });
  };

  return (
    <Dialog title="Set collection targets" onClose={onClose}>
      <form ref={form} onSubmit={submit} className="stack" data-testid="targets-dialog" noValidate>
        <div className={`field ${monthError ? 'has-error' : ''}`}>
          <label className="field-label" htmlFor="targets-month">
            Month
          </label>
          <input
            id="targets-month"
            type="month"
            required
            value={month}
            onChange={(e) => {
              if (/^\d{4}-\d{2}$/.test(e.target.value)) setMonth(e.target.value);
            }}
          />
          {monthError && (
            <span className="field-error" role="alert">
              {monthError}
            </span>
          )}
        </div>
        {users.isPending ? (
          <p role="status">Loading collectors…</p>
        ) : collectors.length === 0 ? (
          <p className="empty">No collectors yet: give a user the collector role first.</p>
        ) : (
          <table className="grid compact targets-grid">
            <caption className="sr-only">Target per collector for {month}</caption>
            <thead>
              <tr>
                <th scope="col">Collector</th>
                <th scope="col" className="num">
                  Current
                </th>
                <th scope="col" className="num">
                  New target ({currency})
                </th>
              </tr>
            </thead>
            <tbody>
              {collectors.map((c, i) => {
                const error = rowErrors[c.id];
                const have = current.get(c.id);
                return (
                  <tr key={c.id} data-testid="target-row">
                    <th scope="row">{c.name}</th>
                    <td className="num">
                      {have ? (
                        <Money value={have} currency={currency} />
                      ) : (
                        <span className="muted">none</span>
                      )}
                    </td>
                    <td className={`num ${error ? 'has-error' : ''}`}>
                      <input
                        className="num"
                        inputMode="decimal"
                        aria-label={`Target for ${c.name}`}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `target-error-${c.id}` : undefined}
                        autoFocus={i === 0}
                        placeholder={have ?? ''}
                        value={amounts[c.id] ?? ''}
                        onChange={(e) => setAmounts({ ...amounts, [c.id]: e.target.value })}
                      />
                      {error && (
                        <span className="cell-error" id={`target-error-${c.id}`} role="alert">
                          {error}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <p className="muted small">Leave a row blank to keep its target. Amounts in {currency}.</p>
        {nothing && (
          <p className="banner error" role="alert">
            Type a target for at least one collector.
          </p>
        )}
        {needsBanner(save.error, raw, placed) && <ErrorBanner error={save.error} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending || collectors.length === 0}>
            {save.isPending ? 'Saving…' : 'Save targets'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
