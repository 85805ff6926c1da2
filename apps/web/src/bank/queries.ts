import { type QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../lib/api.ts';
import { type BankAccountT, type BankLine, PENDING, TABS, type TabId } from './types.ts';

export function useBankAccounts() {
  return useQuery({
    queryKey: ['bank-accounts'],
    queryFn: () => api.get<{ data: BankAccountT[] }>('/bank-accounts'),
    staleTime: 300_000,
  });
}

/**
 * One tab of the worklist, a page at a time: waiting lines oldest first (the order they are
 * worked in), settled ones newest first (the order they are looked up in). `total` is how many
 * the tab holds, loaded or not.
 */
export function useBankLines(tab: TabId, bankAccountId: string) {
  const statuses = TABS.find((t) => t.id === tab)?.statuses ?? null;
  const waiting = statuses !== null && statuses.every((s) => PENDING.includes(s));
  const result = useInfiniteQuery({
    queryKey: ['bank-lines', tab, bankAccountId],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<BankLine> & { total: number }>(
        '/bank-lines',
        { status: statuses?.join(','), bank_account_id: bankAccountId || undefined, order: waiting ? 'oldest' : 'newest', limit: 200, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  const pages = result.data?.pages;
  return { ...result, rows: pages?.flatMap((p) => p.data), total: pages?.[0]?.total };
}

/** A line applied or parked moves money: balances, open items and receipts elsewhere change too. */
export function invalidateAfterMatch(client: QueryClient) {
  for (const key of ['bank-lines', 'customers', 'customer', 'invoices', 'invoice', 'receipts', 'statement'])
    client.invalidateQueries({ queryKey: [key] });
}
