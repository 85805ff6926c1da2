import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Link } from 'react-router';
import { api, type Page } from '../lib/api.ts';
import { fmtDate } from '../lib/dates.ts';
import { ErrorBanner } from '../lib/forms.tsx';
import { Money, toMinor } from '../lib/money.tsx';
import type { CustomerFull, Invoice } from '../lib/types.ts';
import { ageClass, Badge, Empty, useRowKeys } from '../lib/ui.tsx';

export function useOpenInvoices(customerId: string | undefined) {
  return useQuery({
    queryKey: ['invoices', 'open-of', customerId],
    queryFn: () =>
      api.get<Page<Invoice>>('/invoices', { customer_id: customerId, status: 'unpaid', limit: 500 }),
    enabled: Boolean(customerId),
  });
}

export function OpenItemsTab({ customer }: { customer: CustomerFull }) {
  const open = useOpenInvoices(customer.id);
  const navigate = useNavigate();
  const rows = open.data?.data ?? [];
  const rowKeys = useRowKeys((i) => rows[i] && navigate(`/invoices/${rows[i].id}`));
  if (open.isPending) return <p role="status">Loading open items…</p>;
  if (open.error) return <ErrorBanner error={open.error} />;
  if (rows.length === 0) return <Empty>No open items: nothing is owed.</Empty>;
  let total = 0n;
  for (const r of rows) total += toMinor(r.open_amount, r.currency);
  return (
    <table className="grid" data-testid="open-items">
      <caption className="sr-only">Open items of {customer.name}</caption>
      <thead>
        <tr>
          <th scope="col">Number</th>
          <th scope="col">Kind</th>
          <th scope="col">Issued</th>
          <th scope="col">Due</th>
          <th scope="col" className="num">
            Days overdue
          </th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Total
          </th>
          <th scope="col" className="num">
            Open
          </th>
        </tr>
      </thead>
      <tbody {...rowKeys}>
        {rows.map((inv, i) => (
          <tr
            key={inv.id}
            data-row
            tabIndex={i === 0 ? 0 : -1}
            className={`clickable ${ageClass(inv.days_overdue)}`}
            onClick={() => navigate(`/invoices/${inv.id}`)}
          >
            <td className="mono">
              <Link to={`/invoices/${inv.id}`} tabIndex={-1} onClick={(e) => e.stopPropagation()}>
                {inv.number}
              </Link>
            </td>
            <td>{inv.kind === 'debit_note' ? 'Debit note' : 'Invoice'}</td>
            <td>{fmtDate(inv.issue_date)}</td>
            <td>{fmtDate(inv.due_date)}</td>
            <td className="num">
              <span className="age-pill">{inv.days_overdue > 0 ? inv.days_overdue : 'not due'}</span>
            </td>
            <td>
              <Badge value={inv.status} />
              {inv.disputed && <Badge value="disputed" />}
            </td>
            <td className="num">
              <Money value={inv.total} currency={inv.currency} />
            </td>
            <td className="num">
              <Money value={inv.open_amount} currency={inv.currency} />
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={7}>
            Total open
          </th>
          <td className="num">
            <Money value={total} currency={customer.currency} />
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
