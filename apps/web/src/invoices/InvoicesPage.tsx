import { Link, useNavigate } from 'react-router';
import { useSession } from '../auth/session.tsx';
import { fmtDate } from '../lib/dates.ts';
import { ErrorBanner, Field } from '../lib/forms.tsx';
import { usePagedList, useSearchBox, useUrlFilters } from '../lib/hooks.ts';
import { Money } from '../lib/money.tsx';
import type { Invoice } from '../lib/types.ts';
import { ageClass, Badge, Empty, LoadMore, useRowKeys } from '../lib/ui.tsx';

const FILTERS = ['q', 'kind', 'status', 'from', 'to'] as const;

export const KIND_LABEL: Record<string, string> = {
  invoice: 'Invoice',
  debit_note: 'Debit note',
  credit_note: 'Credit note',
};

export function InvoicesPage() {
  const [filters, setFilter] = useUrlFilters(FILTERS);
  const [search, setSearch] = useSearchBox(filters.q, (q) => setFilter('q', q));
  const { can } = useSession();
  const navigate = useNavigate();
  const list = usePagedList<Invoice>('invoices', '/invoices', { ...filters, limit: 50 });
  const rowKeys = useRowKeys((i) => list.rows[i] && navigate(`/invoices/${list.rows[i].id}`));
  return (
    <section>
      <div className="page-head">
        <h1>Invoices</h1>
        {can('invoices.write') && (
          <Link className="button primary" to="/invoices/new">
            New invoice
          </Link>
        )}
      </div>
      <search>
        <form className="filters" aria-label="Filter invoices" onSubmit={(e) => e.preventDefault()}>
          <Field label="Search" className="grow">
            <input
              type="search"
              data-search
              placeholder="Invoice number  ( / )"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </Field>
          <Field label="Kind">
            <select value={filters.kind} onChange={(e) => setFilter('kind', e.target.value)}>
              <option value="">Any</option>
              <option value="invoice">Invoice</option>
              <option value="debit_note">Debit note</option>
              <option value="credit_note">Credit note</option>
            </select>
          </Field>
          <Field label="Status">
            <select value={filters.status} onChange={(e) => setFilter('status', e.target.value)}>
              <option value="">Any</option>
              <option value="unpaid">Unpaid (open or part paid)</option>
              <option value="overdue">Overdue</option>
              <option value="open">Open</option>
              <option value="partially_paid">Part paid</option>
              <option value="paid">Paid</option>
              <option value="void">Void</option>
            </select>
          </Field>
          <Field label="Issued from">
            <input type="date" value={filters.from} onChange={(e) => setFilter('from', e.target.value)} />
          </Field>
          <Field label="to">
            <input type="date" value={filters.to} onChange={(e) => setFilter('to', e.target.value)} />
          </Field>
        </form>
      </search>
      <ErrorBanner error={list.error} />
      {list.rows.length > 0 && (
        <table className="grid">
          <caption className="sr-only">Invoices</caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Kind</th>
              <th scope="col">Customer</th>
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
            {list.rows.map((inv, i) => (
              <tr
                key={inv.id}
                data-row
                tabIndex={i === 0 ? 0 : -1}
                className={`clickable ${inv.status === 'void' ? 'reversed' : ageClass(inv.days_overdue)}`}
                onClick={() => navigate(`/invoices/${inv.id}`)}
              >
                <td className="mono">
                  <Link to={`/invoices/${inv.id}`} tabIndex={-1} onClick={(e) => e.stopPropagation()}>
                    {inv.number}
                  </Link>
                </td>
                <td>{KIND_LABEL[inv.kind]}</td>
                <td>
                  <span className="mono muted">{inv.customer_code}</span> {inv.customer_name}
                </td>
                <td>{fmtDate(inv.issue_date)}</td>
                <td>{fmtDate(inv.due_date)}</td>
                <td className="num">
                  {inv.days_overdue > 0 ? <span className="age-pill">{inv.days_overdue}</span> : ''}
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
        </table>
      )}
      {list.isPending && <p role="status">Loading invoices…</p>}
      {!list.isPending && !list.error && list.rows.length === 0 && (
        <Empty>No invoices match these filters.</Empty>
      )}
      {list.rows.length > 0 && (
        <LoadMore
          hasMore={Boolean(list.hasNextPage)}
          loading={list.isFetchingNextPage}
          onClick={() => list.fetchNextPage()}
          shown={list.rows.length}
        />
      )}
    </section>
  );
}
