import { fmtDate } from '../lib/dates.ts';
import { Money } from '../lib/money.tsx';
import { ageClass } from '../lib/ui.tsx';
import { type GridRow, type RowCalc, type RowField, setField, tick } from '../receipts/allocation.ts';

/** A bank line settles with cash, TDS withheld and the bank's charges; discounts go through receipts. */
const COLUMNS: { field: RowField; label: string }[] = [
  { field: 'amount', label: 'Amount' },
  { field: 'tds', label: 'TDS' },
  { field: 'bank_charges', label: 'Bank charges' },
];

export function SplitGrid({
  rows,
  calcs,
  currency,
  receiptText,
  onRows,
}: {
  /** The rows shown, each with its index in the full list (a search may hide some). */
  rows: { r: GridRow; i: number }[];
  calcs: RowCalc[];
  currency: string;
  receiptText: string;
  onRows: (update: (rows: GridRow[]) => GridRow[]) => void;
}) {
  return (
    <div className="grid-scroll">
      <table className="grid compact alloc" data-testid="split-grid">
        <caption className="sr-only">Open invoices of the customer; tick the ones this line pays</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Apply</span>
            </th>
            <th scope="col">Invoice</th>
            <th scope="col">Due</th>
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
          {rows.map(({ r, i }) => {
            const calc = calcs[i]!;
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
                </th>
                <td className="nowrap">
                  {fmtDate(inv.due_date)}
                  {inv.days_overdue > 0 && <span className="age-pill">{inv.days_overdue}</span>}
                </td>
                <td className="num">
                  <Money value={inv.open_amount} currency={currency} />
                </td>
                {COLUMNS.map((c) => {
                  const message = calc.errors[c.field];
                  return (
                    <td key={c.field} className={`num cell-input ${message ? 'has-error' : ''}`}>
                      <input
                        inputMode="decimal"
                        className="num"
                        size={10}
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
