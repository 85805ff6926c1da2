import { fmtDate } from '../lib/dates.ts';
import { Money } from '../lib/money.tsx';
import { ageClass } from '../lib/ui.tsx';
import { type GridRow, type RowCalc, type RowField, setField, tick } from './allocation.ts';

export type AllocationColumn = { field: RowField; label: string };

/** A receipt can take every kind of settlement. */
const RECEIPT_COLUMNS: AllocationColumn[] = [
  { field: 'amount', label: 'Amount to apply' },
  { field: 'tds', label: 'TDS' },
  { field: 'bank_charges', label: 'Bank charges' },
  { field: 'discount', label: 'Discount' },
  { field: 'write_off', label: 'Write-off' },
];

const noServerErrors = (): Record<string, string> => ({});

/**
 * One row per open invoice; typing in any cell ticks the row, so the keyboard never needs the mouse.
 * Serves the new-receipt page and (compact, fewer columns) the bank workbench's split editor.
 */
export function AllocationGrid({
  rows,
  calcs,
  currency,
  receiptText,
  onRows,
  serverErrors = noServerErrors,
  columns = RECEIPT_COLUMNS,
  compact = false,
  testId = 'allocation-grid',
  caption = 'Open invoices of the customer; tick the ones this receipt pays',
}: {
  /** The rows shown, each with its index in the full list (a search may hide some). */
  rows: { r: GridRow; i: number }[];
  calcs: RowCalc[];
  currency: string;
  receiptText: string;
  onRows: (update: (rows: GridRow[]) => GridRow[]) => void;
  serverErrors?: (index: number) => Record<string, string>;
  columns?: AllocationColumn[];
  /** Narrow layout: no Days column (the age sits by the due date), no issue date, smaller inputs. */
  compact?: boolean;
  testId?: string;
  caption?: string;
}) {
  return (
    <div className="grid-scroll">
      <table className={`grid ${compact ? 'compact ' : ''}alloc`} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Apply</span>
            </th>
            <th scope="col">Invoice</th>
            <th scope="col">Due</th>
            {!compact && (
              <th scope="col" className="num">
                Days
              </th>
            )}
            <th scope="col" className="num">
              Open
            </th>
            {columns.map((c) => (
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
                  {!compact && <div className="muted small">{fmtDate(inv.issue_date)}</div>}
                </th>
                {compact ? (
                  <td className="nowrap">
                    {fmtDate(inv.due_date)}
                    {inv.days_overdue > 0 && <span className="age-pill">{inv.days_overdue}</span>}
                  </td>
                ) : (
                  <>
                    <td>{fmtDate(inv.due_date)}</td>
                    <td className="num">
                      <span className="age-pill">{inv.days_overdue > 0 ? inv.days_overdue : '—'}</span>
                    </td>
                  </>
                )}
                <td className="num">
                  <Money value={inv.open_amount} currency={currency} />
                </td>
                {columns.map((c) => {
                  const message = server[c.field] ?? calc.errors[c.field];
                  return (
                    <td key={c.field} className={`num cell-input ${message ? 'has-error' : ''}`}>
                      <input
                        inputMode="decimal"
                        className="num"
                        size={compact ? 10 : undefined}
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

/** One figure of the totals bar under an allocation grid. */
export function Total({
  label,
  value,
  currency,
  testid,
  warn,
}: {
  label: string;
  value: bigint;
  currency: string;
  testid?: string;
  warn?: boolean;
}) {
  return (
    <div className={`total ${warn ? 'warn' : ''}`} data-testid={testid}>
      <span className="field-label">{label}</span>
      <Money value={value} currency={currency} />
    </div>
  );
}
