import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { api, type Page } from '../lib/api.ts';
import { fmtDate } from '../lib/dates.ts';
import { ErrorBanner } from '../lib/forms.tsx';
import { Money } from '../lib/money.tsx';
import type { AgingItemT } from '../lib/types.ts';
import { Badge, Empty, LoadMore } from '../lib/ui.tsx';
import { type AgingParams, type Drill, itemsPath } from './params.ts';

const TYPE_LABEL: Record<AgingItemT['type'], string> = {
  invoice: 'Invoice',
  debit_note: 'Debit note',
  credit_note: 'Credit note',
  unapplied: 'Receipt',
};

function documentPath(item: AgingItemT): string {
  return item.type === 'unapplied' ? `/receipts/${item.id}` : `/invoices/${item.id}`;
}

/**
 * The documents behind one amount of the aging table. A panel beside the table rather than a
 * modal: the figures it explains stay in view, and Escape or Close returns to the cell.
 */
export function DrillPanel({
  params,
  drill,
  onClose,
}: {
  params: AgingParams;
  drill: Drill;
  onClose: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const items = useInfiniteQuery({
    queryKey: ['aging-items', params, drill.key, drill.bucket, drill.type],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<AgingItemT>>(itemsPath(params, drill, pageParam), undefined, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  const rows = items.data?.pages.flatMap((p) => p.data) ?? [];

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new cell's documents are a new panel to read from the top
  useEffect(() => {
    headingRef.current?.focus();
  }, [drill]);

  // A customer's own row needs no customer column: the title already names them.
  const oneCustomer = params.by === 'customer' && Boolean(drill.key);
  const basis = params.basis === 'due' ? 'days past due' : 'days since document date';
  return (
    <aside
      className="drill panel"
      aria-labelledby="drill-title"
      data-testid="drill-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="panel-head">
        <h2 id="drill-title" ref={headingRef} tabIndex={-1}>
          {drill.title}
        </h2>
        <button type="button" onClick={onClose} aria-keyshortcuts="Escape">
          Close
        </button>
      </div>
      <p className="muted small">As of {fmtDate(params.as_of)}, oldest first.</p>
      <ErrorBanner error={items.error} />
      {rows.length > 0 && (
        <div className="grid-scroll">
          <table className="grid compact">
            <caption className="sr-only">Documents</caption>
            <thead>
              <tr>
                <th scope="col">Document</th>
                {oneCustomer ? null : <th scope="col">Customer</th>}
                <th scope="col">Date</th>
                <th scope="col">Due</th>
                <th scope="col" className="num" title={basis}>
                  Days
                </th>
                <th scope="col" className="num">
                  Open
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((item) => (
                <tr key={`${item.type}-${item.id}`} data-testid="drill-row">
                  <td className="nowrap">
                    <span className="muted small">{TYPE_LABEL[item.type]}</span>{' '}
                    <Link to={documentPath(item)} className="mono">
                      {item.number}
                    </Link>
                    {item.disputed && <Badge value="disputed" />}
                  </td>
                  {oneCustomer ? null : (
                    <td className="drill-customer" title={item.customer_name}>
                      <Link to={`/customers/${item.customer_id}`} tabIndex={-1} className="plain-link">
                        <span className="mono">{item.customer_code}</span>
                        {item.customer_name !== item.customer_code && (
                          <span className="small"> {item.customer_name}</span>
                        )}
                      </Link>
                    </td>
                  )}
                  <td className="nowrap">{fmtDate(item.doc_date)}</td>
                  <td className="nowrap">{fmtDate(item.due_date)}</td>
                  <td className="num">{item.days}</td>
                  <td className="num">
                    <Money value={item.open} currency={item.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {items.isPending && <p role="status">Loading documents…</p>}
      {!items.isPending && rows.length === 0 && !items.error && <Empty>No documents.</Empty>}
      {rows.length > 0 && (
        <LoadMore
          hasMore={Boolean(items.hasNextPage)}
          loading={items.isFetchingNextPage}
          onClick={() => items.fetchNextPage()}
          shown={rows.length}
        />
      )}
    </aside>
  );
}
