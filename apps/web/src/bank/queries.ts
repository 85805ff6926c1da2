import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { type BankAccountT, type BankLine, TABS, type TabId } from './types.ts';

export function useBankAccounts() {
  return useQuery({
    queryKey: ['bank-accounts'],
    queryFn: () => api.get<{ data: BankAccountT[] }>('/bank-accounts'),
    staleTime: 300_000,
  });
}

/**
 * One tab of the worklist. The server lists oldest first with no paging, so settled tabs ask for
 * its maximum; the pending tabs are a day's or a week's lines.
 */
export function useBankLines(tab: TabId, bankAccountId: string) {
  const statuses = TABS.find((t) => t.id === tab)?.statuses ?? null;
  return useQuery({
    queryKey: ['bank-lines', tab],
    queryFn: ({ signal }) =>
      api.get<{ data: BankLine[] }>('/bank-lines', { status: statuses?.join(','), limit: 1000 }, signal),
    select: (res) => (bankAccountId ? res.data.filter((l) => l.bank_account_id === bankAccountId) : res.data),
  });
}

/** A line applied or parked moves money: balances, open items and receipts elsewhere change too. */
export function invalidateAfterMatch(client: QueryClient) {
  for (const key of ['bank-lines', 'customers', 'customer', 'invoices', 'invoice', 'receipts', 'statement'])
    client.invalidateQueries({ queryKey: [key] });
}
