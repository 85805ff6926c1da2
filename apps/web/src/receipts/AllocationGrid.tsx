import { fmtDate } from '../lib/dates.ts';
import { Money } from '../lib/money.tsx';
import { ageClass } from '../lib/ui.tsx';
import { type GridRow, type RowCalc, type RowField, setField, tick } from './allocation.ts';

const COLUMNS: { field: RowField; label: string }[] = [
  { field: 'amount', label: 'Amount to apply' },
  { field: 'tds', label: 'TDS' },
  { field: 'bank_charges', label: 'Bank charges' },
  { field: 'discount', label: 'Discount' },
  { field: 'write_off', label: 'Write-off' },
];

/** One row per open invoice; typing in any cell ticks the row, so the keyboard never needs the mouse. */
export function AllocationGrid({
  rows,
  calcs,
  currency,
  receiptText,
  onRows,
  serverErrors,
}: {
  rows: GridRow[];
  calcs: RowCalc[];
  currency: string;
  receiptText: string;
  onRows: (update: (rows: GridRow[]) => GridRow[]) => void;
  serverErrors: (index: number) => Record<string, string>;
}) {
  return (
    <div className="grid-scroll">
      <table className="grid alloc" data-testid="allocation-grid">
        <caption className="sr-only">Open invoices of the customer; tick the ones this receipt pays</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Apply</span>
            </th>
            <th scope="col">Invoice</th>
            <th scope="col">Due</th>
            <th scope="col" className="num">
              Days
            </th>
            <th scope="col" className="num">
              Open
            </th>
            {COLUMNS.map((c) => (
              <th key={c.field} scope="col" className="num">
                {c.label}
              </th>
            ))}
            <th scope="col" className="num">
              Left open
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const calc = calcs[i]!;
            const server = serverErrors(i);
            const inv = r.invoice;
            return (
              <tr
                key={inv.id}
                className={`${r.selected ? 'selected' : ''} ${ageClass(inv.days_overdue)}`}
                data-invoice={inv.number}
              >
                <td>
                  <input
                    type="checkbox"
                    checked={r.selected}
                    aria-label={`Apply to ${inv.number}`}
                    onChange={() => onRows((rs) => tick(rs, i, receiptText, currency))}
                  />
                </td>
                <th scope="row" className="mono">
                  {inv.number}
                  <div className="muted small">{fmtDate(inv.issue_date)}</div>
                </th>
                <td>{fmtDate(inv.due_date)}</td>
                <td className="num">
                  <span className="age-pill">{inv.days_overdue > 0 ? inv.days_overdue : '—'}</span>
                </td>
                <td className="num">
                  <Money value={inv.open_amount} currency={currency} />
                </td>
                {COLUMNS.map((c) => {
                  const message = server[c.field] ?? calc.errors[c.field];
                  return (
                    <td key={c.field} className={`num cell-input ${message ? 'has-error' : ''}`}>
                      <input
                        inputMode="decimal"
                        className="num"
                        aria-label={`${c.label} for ${inv.number}`}
                        aria-invalid={Boolean(message)}
                        title={message}
                        value={r[c.field]}
                        placeholder={c.field === 'amount' ? '' : '0'}
                        onChange={(e) => {
                          const text = e.target.value;
                          onRows((rs) => setField(rs, i, c.field, text, currency));
                        }}
                      />
                      {message && (
                        <span className="cell-error" role="alert">
                          {message}
                        </span>
                      )}
                    </td>
                  );
                })}
                <td className="num">
                  <Money
                    value={calc.left}
                    currency={currency}
                    className={calc.left === 0n ? 'settled' : ''}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
