import { Link, useNavigate } from 'react-router';
import { useSession } from '../auth/session.tsx';
import { ErrorBanner, Field } from '../lib/forms.tsx';
import { usePagedList, useSearchBox, useUrlFilters } from '../lib/hooks.ts';
import type { Receipt } from '../lib/types.ts';
import { Empty, LoadMore } from '../lib/ui.tsx';
import { METHODS } from './labels.ts';
import { ReceiptTable } from './ReceiptTable.tsx';

const FILTERS = ['q', 'method', 'status', 'from', 'to'] as const;

export function ReceiptsPage() {
  const [filters, setFilter] = useUrlFilters(FILTERS);
  const [search, setSearch] = useSearchBox(filters.q, (q) => setFilter('q', q));
  const { can } = useSession();
  const navigate = useNavigate();
  const list = usePagedList<Receipt>('receipts', '/receipts', { ...filters, limit: 50 });
  return (
    <section>
      <div className="page-head">
        <h1>Receipts</h1>
        {can('receipts.write') && (
          <Link className="button primary" to="/receipts/new">
            New receipt
          </Link>
        )}
      </div>
      <search>
        <form className="filters" aria-label="Filter receipts" onSubmit={(e) => e.preventDefault()}>
          <Field label="Search" className="grow">
            <input
              type="search"
              data-search
              placeholder="Receipt number or UTR / cheque no.  ( / )"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </Field>
          <Field label="Method">
            <select value={filters.method} onChange={(e) => setFilter('method', e.target.value)}>
              <option value="">Any</option>
              {METHODS.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Status">
            <select value={filters.status} onChange={(e) => setFilter('status', e.target.value)}>
              <option value="">Any</option>
              <option value="active">Active</option>
              <option value="unapplied">With unapplied money</option>
              <option value="reversed">Reversed</option>
            </select>
          </Field>
          <Field label="From">
            <input type="date" value={filters.from} onChange={(e) => setFilter('from', e.target.value)} />
          </Field>
          <Field label="To">
            <input type="date" value={filters.to} onChange={(e) => setFilter('to', e.target.value)} />
          </Field>
        </form>
      </search>
      <ErrorBanner error={list.error} />
      {list.rows.length > 0 && (
        <ReceiptTable rows={list.rows} showCustomer onOpen={(r) => navigate(`/receipts/${r.id}`)} />
      )}
      {list.isPending && <p role="status">Loading receipts…</p>}
      {!list.isPending && !list.error && list.rows.length === 0 && (
        <Empty>No receipts match these filters.</Empty>
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
