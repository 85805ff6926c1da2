import { Link } from 'react-router';
import { fmtDate } from '../lib/dates.ts';
import { Money, toMinor } from '../lib/money.tsx';
import type { Receipt } from '../lib/types.ts';
import { Badge, useRowKeys } from '../lib/ui.tsx';
import { methodLabel } from './labels.ts';

export function ReceiptTable({
  rows,
  showCustomer,
  onOpen,
}: {
  rows: Receipt[];
  showCustomer: boolean;
  onOpen: (r: Receipt) => void;
}) {
  const rowKeys = useRowKeys((i) => rows[i] && onOpen(rows[i]));
  return (
    <table className="grid">
      <caption className="sr-only">Receipts</caption>
      <thead>
        <tr>
          <th scope="col">Number</th>
          <th scope="col">Date</th>
          {showCustomer && <th scope="col">Customer</th>}
          <th scope="col">Method</th>
          <th scope="col">Reference</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col" className="num">
            Unapplied
          </th>
        </tr>
      </thead>
      <tbody {...rowKeys}>
        {rows.map((r, i) => (
          <tr
            key={r.id}
            data-row
            tabIndex={i === 0 ? 0 : -1}
            className={`clickable ${r.status === 'reversed' ? 'reversed' : ''}`}
            onClick={() => onOpen(r)}
          >
            <td className="mono">
              <Link to={`/receipts/${r.id}`} tabIndex={-1} onClick={(e) => e.stopPropagation()}>
                {r.number}
              </Link>
            </td>
            <td>{fmtDate(r.receipt_date)}</td>
            {showCustomer && (
              <td>
                <span className="mono muted">{r.customer_code}</span> {r.customer_name}
              </td>
            )}
            <td>{methodLabel(r.method)}</td>
            <td className="mono">{r.reference ?? ''}</td>
            <td>
              <Badge value={r.status} />
            </td>
            <td className="num">
              <Money value={r.amount} currency={r.currency} />
            </td>
            <td className="num">
              {toMinor(r.unapplied_amount, r.currency) > 0n ? (
                <Money value={r.unapplied_amount} currency={r.currency} className="unapplied" />
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
