import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/session.tsx';
import { api } from '../lib/api.ts';
import { fmtDate } from '../lib/dates.ts';
import { ErrorBanner, Field, fieldErrorsOf } from '../lib/forms.tsx';
import { Money, toMinor } from '../lib/money.tsx';
import type { Allocation } from '../lib/types.ts';
import { Badge, Dialog, Empty } from '../lib/ui.tsx';

/**
 * Allocation history of an invoice or a receipt. Reversed allocations stay listed, struck
 * through with the reason: history is never deleted.
 */
export function AllocationsTable({
  rows,
  currency,
  side,
}: {
  rows: Allocation[];
  currency: string;
  side: 'invoice' | 'receipt';
}) {
  const { can } = useSession();
  const [reversing, setReversing] = useState<Allocation | null>(null);
  if (rows.length === 0) return <Empty>No allocations.</Empty>;
  let total = 0n;
  let deductions = 0n;
  for (const a of rows) {
    if (a.reversed_on) continue;
    total += toMinor(a.amount, currency);
    deductions +=
      toMinor(a.tds, currency) +
      toMinor(a.bank_charges, currency) +
      toMinor(a.discount, currency) +
      toMinor(a.write_off, currency);
  }
  return (
    <>
      <table className="grid" data-testid="allocations">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">{side === 'invoice' ? 'From' : 'Invoice'}</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col" className="num">
              TDS
            </th>
            <th scope="col" className="num">
              Bank charges
            </th>
            <th scope="col" className="num">
              Discount
            </th>
            <th scope="col" className="num">
              Write-off
            </th>
            <th scope="col">Status</th>
            {can('receipts.reverse') && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id} className={a.reversed_on ? 'reversed' : ''} data-testid="allocation-row">
              <td>{fmtDate(a.allocation_date)}</td>
              <td className="mono">
                {side === 'invoice' ? (
                  a.receipt_id ? (
                    <Link to={`/receipts/${a.receipt_id}`}>{a.source_number}</Link>
                  ) : (
                    <span>
                      {a.source_number} <span className="muted">(credit note)</span>
                    </span>
                  )
                ) : (
                  <Link to={`/invoices/${a.invoice_id}`}>{a.invoice_number}</Link>
                )}
              </td>
              <td className="num">
                <Money value={a.amount} currency={currency} />
              </td>
              <td className="num">
                <Money value={a.tds} currency={currency} />
              </td>
              <td className="num">
                <Money value={a.bank_charges} currency={currency} />
              </td>
              <td className="num">
                <Money value={a.discount} currency={currency} />
              </td>
              <td className="num">
                <Money value={a.write_off} currency={currency} />
              </td>
              <td>
                {a.reversed_on ? (
                  <>
                    <Badge value="reversed" />{' '}
                    <span className="muted small">
                      {fmtDate(a.reversed_on)} — {a.reversal_reason}
                    </span>
                  </>
                ) : (
                  <Badge value="active" />
                )}
              </td>
              {can('receipts.reverse') && (
                <td>
                  {!a.reversed_on && (
                    <button
                      type="button"
                      className="link danger"
                      onClick={() => setReversing(a)}
                      aria-label={`Reverse allocation to ${a.invoice_number}`}
                    >
                      Reverse
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Active total
            </th>
            <td className="num">
              <Money value={total} currency={currency} />
            </td>
            <td colSpan={4} className="num muted">
              deductions <Money value={deductions} currency={currency} />
            </td>
            <td colSpan={can('receipts.reverse') ? 2 : 1} />
          </tr>
        </tfoot>
      </table>
      {reversing && <ReverseAllocation allocation={reversing} onClose={() => setReversing(null)} />}
    </>
  );
}

function ReverseAllocation({ allocation, onClose }: { allocation: Allocation; onClose: () => void }) {
  const client = useQueryClient();
  const { today } = useSession();
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(today());
  const reverse = useMutation({
    mutationFn: () => api.post(`/allocations/${allocation.id}/reverse`, { reason, reversed_on: date }),
    onSuccess: async () => {
      for (const key of ['invoice', 'receipt', 'invoices', 'receipts', 'customer', 'customers', 'statement'])
        await client.invalidateQueries({ queryKey: [key] });
      onClose();
    },
  });
  const errors = fieldErrorsOf(reverse.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reverse.mutate();
  };
  return (
    <Dialog
      title={`Reverse allocation ${allocation.source_number} → ${allocation.invoice_number}`}
      onClose={onClose}
    >
      <form onSubmit={submit} className="stack">
        <p>The invoice re-opens by the amount and deductions; the money goes back to unapplied.</p>
        <Field label="Reversed on" error={errors.reversed_on}>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </Field>
        <Field label="Reason" error={errors.reason}>
          <input value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus />
        </Field>
        {reverse.error && !errors.reason && !errors.reversed_on && <ErrorBanner error={reverse.error} />}
        <div className="form-actions">
          <button type="submit" className="danger" disabled={reverse.isPending}>
            Reverse allocation
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
