import type { AllocationTarget } from '../allocation.ts';
import { invoiceKeys } from './invoice-refs.ts';
import { type MatchCustomer, type MatchDirectory, type PayerKind, normaliseIdentifier } from './match.ts';
import { nameKey, nameWords } from './names.ts';

export interface PayerIdentifier {
  kind: PayerKind;
  value: string;
  customerId: string;
}

/** Folded words too common in business names to narrow the search. */
const COMMON_WORDS = new Set(['TRADERS', 'TRADING', 'INDUSTRIES', 'SONS', 'BROS', 'BROTHERS', 'INTERNATIONAL', 'GLOBAL', 'SOLUTIONS', 'SERVICES', 'SISTEMS', 'TECHNOLOGIES', 'EXPORTS', 'IMPORTS', 'AGENCIES', 'STORES', 'SRI']);

export const identifierValue = (kind: PayerKind, value: string) => (kind === 'name' ? nameKey(value) : normaliseIdentifier(value));

/**
 * The matcher's look-ups over one snapshot of the tenant's customers, payer identifiers and open
 * invoices, held in memory for a cash-application run: a statement of thousands of lines is then
 * matched without a query per line.
 */
export function createDirectory(input: { customers: MatchCustomer[]; identifiers: PayerIdentifier[]; openInvoices: AllocationTarget[] }): MatchDirectory {
  const customers = new Map(input.customers.map((c) => [c.id, c]));
  const identifiers = new Map<string, string[]>();
  for (const i of input.identifiers) {
    const key = `${i.kind}|${identifierValue(i.kind, i.value)}`;
    const list = identifiers.get(key) ?? [];
    if (!list.includes(i.customerId)) list.push(i.customerId);
    identifiers.set(key, list);
  }
  const byKey = new Map<string, AllocationTarget[]>();
  const byCustomer = new Map<string, AllocationTarget[]>();
  const byAmount = new Map<string, AllocationTarget[]>();
  const push = <K>(map: Map<K, AllocationTarget[]>, key: K, t: AllocationTarget) => {
    const list = map.get(key);
    if (list) list.push(t);
    else map.set(key, [t]);
  };
  for (const t of input.openInvoices) {
    for (const key of invoiceKeys(t.number)) push(byKey, key, t);
    push(byCustomer, t.customerId, t);
    push(byAmount, `${t.currency}|${t.open}`, t);
  }
  const byWord = new Map<string, string[]>();
  for (const c of input.customers) {
    for (const word of new Set(nameWords(c.name))) {
      if (word.length < 3 || COMMON_WORDS.has(word)) continue;
      const list = byWord.get(word) ?? [];
      list.push(c.id);
      byWord.set(word, list);
    }
  }
  return {
    customer: (id) => customers.get(id),
    customersWith: (kind, value) => identifiers.get(`${kind}|${identifierValue(kind, value)}`) ?? [],
    invoicesWithKey: (key) => byKey.get(key) ?? [],
    openInvoicesOf: (id) => byCustomer.get(id) ?? [],
    customersNamed: (name) => {
      const found = new Set<string>();
      for (const word of nameWords(name)) {
        // A truncated last word still finds its customers by the words before it.
        const ids = byWord.get(word);
        if (ids && ids.length <= 200) for (const id of ids) found.add(id);
      }
      return [...found];
    },
    invoicesOpenFor: (amount, currency) => byAmount.get(`${currency}|${amount}`) ?? [],
  };
}
