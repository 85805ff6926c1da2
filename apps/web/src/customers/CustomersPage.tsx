import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, type Page } from '../lib/api.ts';
import { ErrorBanner, Field } from '../lib/forms.tsx';
import { usePagedList, useSearchBox, useUrlFilters } from '../lib/hooks.ts';
import { Money, toMinor } from '../lib/money.tsx';
import type { Customer, User } from '../lib/types.ts';
import { Badge, Empty, focusFirstRow, LoadMore, useRowKeys } from '../lib/ui.tsx';

const FILTERS = ['q', 'collector_id', 'risk_class', 'kind', 'overdue'] as const;

export function useUsers() {
  return useQuery({ queryKey: ['users'], queryFn: () => api.get<Page<User>>('/users'), staleTime: 300_000 });
}

export function CustomersPage() {
  const [filters, setFilter] = useUrlFilters(FILTERS);
  const [search, setSearch] = useSearchBox(filters.q, (q) => setFilter('q', q));
  const navigate = useNavigate();
  const location = useLocation();
  const searchRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const users = useUsers();

  useEffect(() => {
    if ((location.state as { focusSearch?: boolean } | null)?.focusSearch) searchRef.current?.focus();
  }, [location.state]);

  const list = usePagedList<Customer>('customers', '/customers', { ...filters, limit: 50 });
  const rowKeys = useRowKeys((i) => {
    const row = list.rows[i];
    if (row) navigate(`/customers/${row.id}`);
  });

  return (
    <section>
      <div className="page-head">
        <h1>Customers</h1>
      </div>
      <search>
        <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter customers">
          <Field label="Search" className="grow">
            <input
              ref={searchRef}
              type="search"
              data-search
              placeholder="Code, name, GSTIN or city  ( / )"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown') {
                  e.preventDefault();
                  focusFirstRow(bodyRef.current);
                }
              }}
            />
          </Field>
          <Field label="Collector">
            <select value={filters.collector_id} onChange={(e) => setFilter('collector_id', e.target.value)}>
              <option value="">Any</option>
              <option value="none">Unassigned</option>
              {users.data?.data.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Risk">
            <select value={filters.risk_class} onChange={(e) => setFilter('risk_class', e.target.value)}>
              <option value="">Any</option>
              <option value="low">Low</option>
              <option value="medium">Medium</option>
              <option value="high">High</option>
              <option value="critical">Critical</option>
            </select>
          </Field>
          <Field label="Kind">
            <select value={filters.kind} onChange={(e) => setFilter('kind', e.target.value)}>
              <option value="">Any</option>
              <option value="b2b">Business (B2B)</option>
              <option value="b2c">Consumer (B2C)</option>
            </select>
          </Field>
          <Field label="Overdue">
            <select value={filters.overdue} onChange={(e) => setFilter('overdue', e.target.value)}>
              <option value="">Any</option>
              <option value="true">Yes</option>
              <option value="false">No</option>
            </select>
          </Field>
        </form>
      </search>
      <ErrorBanner error={list.error} />
      <table className="grid">
        <caption className="sr-only">Customers</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Name</th>
            <th scope="col">City</th>
            <th scope="col">Collector</th>
            <th scope="col">Risk</th>
            <th scope="col" className="num">
              Balance
            </th>
            <th scope="col" className="num">
              Overdue
            </th>
          </tr>
        </thead>
        <tbody ref={bodyRef} {...rowKeys}>
          {list.rows.map((c, i) => (
            <tr
              key={c.id}
              data-row
              tabIndex={i === 0 ? 0 : -1}
              className="clickable"
              onClick={() => navigate(`/customers/${c.id}`)}
            >
              <td className="mono">{c.code}</td>
              <td>
                <Link to={`/customers/${c.id}`} tabIndex={-1} onClick={(e) => e.stopPropagation()}>
                  {c.name}
                </Link>
              </td>
              <td>{c.city ?? ''}</td>
              <td>{c.collector_name ?? <span className="muted">—</span>}</td>
              <td>
                <Badge value={c.risk_class} tone={`risk-${c.risk_class}`} />
              </td>
              <td className="num">
                <Money value={c.balance} currency={c.currency} />
              </td>
              <td className="num">
                <Money
                  value={c.overdue}
                  currency={c.currency}
                  className={toMinor(c.overdue, c.currency) > 0n ? 'overdue' : ''}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.isPending && <p role="status">Loading customers…</p>}
      {!list.isPending && list.rows.length === 0 && !list.error && (
        <Empty>No customers match these filters.</Empty>
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
