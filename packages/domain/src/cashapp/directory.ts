import type { AllocationTarget } from '../allocation.ts';
import { invoiceKeys } from './invoice-refs.ts';
import { type MatchCustomer, type MatchDirectory, type PayerKind, normaliseIdentifier } from './match.ts';
import { nameKey, nameWords } from './names.ts';

export interface PayerIdentifier {
  kind: PayerKind;
  value: string;
  customerId: string;
}

/** Customers whose names are compared with a payer's, at most. */
const MAX_NAME_CANDIDATES = 8;
/** Name-index entries read per payer name, at most (after its rarest word). */
const MAX_POSTINGS = 1500;

const NONE: AllocationTarget[] = [];
const stillOpen = (list: AllocationTarget[] | undefined) => (list ? list.filter((t) => t.open > 0n) : []);

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
  // bigint keys compare by value: no string per invoice.
  const byAmount = new Map<bigint, AllocationTarget[]>();
  const push = <K>(map: Map<K, AllocationTarget[]>, key: K, t: AllocationTarget) => {
    const list = map.get(key);
    if (list) list.push(t);
    else map.set(key, [t]);
  };
  for (const t of input.openInvoices) {
    for (const key of invoiceKeys(t.number)) push(byKey, key, t);
    push(byCustomer, t.customerId, t);
    push(byAmount, t.open, t);
  }
  const byWord = new Map<string, string[]>();
  const wordsOf = new Map<string, string[]>();
  // Banks keep the start of a payer's name and cut the end: the first two and three words
  // find a customer among 100k without reading the lists of common words.
  const byLead = new Map<string, string[]>();
  for (const c of input.customers) {
    const words = nameWords(c.name);
    wordsOf.set(c.id, words);
    for (const k of [2, 3]) {
      if (words.length < k) continue;
      const lead = words.slice(0, k).join(' ');
      const list = byLead.get(lead);
      if (list) list.push(c.id);
      else byLead.set(lead, [c.id]);
    }
    for (const word of new Set(words)) {
      if (word.length < 2) continue;
      const list = byWord.get(word) ?? [];
      list.push(c.id);
      byWord.set(word, list);
    }
  }
  // A payer name cut short ends in a stub ("TEXTI"): the words it starts, found once per stub.
  const stubs = new Map<string, string[] | undefined>();
  const prefixed = (stub: string) => {
    if (stub.length < 4) return undefined;
    if (!stubs.has(stub)) {
      const ids = new Set<string>();
      for (const [word, list] of byWord) if (word.startsWith(stub)) for (const id of list) ids.add(id);
      stubs.set(stub, ids.size ? [...ids] : undefined);
    }
    return stubs.get(stub);
  };
  return {
    customer: (id) => customers.get(id),
    customersWith: (kind, value) => identifiers.get(`${kind}|${identifierValue(kind, value)}`) ?? [],
    // A run lowers `open` as it applies lines, so later lines never pay an invoice twice.
    invoicesWithKey: (key) => byKey.get(key) ?? NONE,
    openInvoicesOf: (id) => stillOpen(byCustomer.get(id)),
    customersNamed: (name) => {
      // Candidates come from the payer's rarest words ("NAVKAR" is shared by a few customers, a
      // city or "TRADERS" by thousands), then are ranked by how many of the payer's words they
      // share; only the best few are compared in full.
      const all = nameWords(name);
      const words = [...new Set(all)];
      const lead = (k: number) => (all.length > k ? byLead.get(all.slice(0, k).join(' ')) : undefined);
      const led = lead(3) ?? lead(2);
      const lists = led && led.length <= MAX_POSTINGS ? [led] : words.map((word) => byWord.get(word) ?? prefixed(word)).filter((ids): ids is string[] => Boolean(ids)).sort((a, b) => a.length - b.length);
      const candidates = new Set<string>();
      for (const ids of lists) {
        if (candidates.size > 0 && candidates.size + ids.length > MAX_POSTINGS) break;
        for (const id of ids) candidates.add(id);
      }
      const payer = new Set(words);
      const ranked: [string, number][] = [];
      for (const id of candidates) {
        let shared = 0;
        for (const w of wordsOf.get(id) ?? []) if (payer.has(w)) shared++;
        ranked.push([id, shared]);
      }
      return ranked.sort((a, b) => b[1] - a[1]).slice(0, MAX_NAME_CANDIDATES).map(([id]) => id);
    },
    nameWordsOf: (id) => wordsOf.get(id) ?? [],
    invoicesOpenFor: (amount, currency) => stillOpen(byAmount.get(amount)).filter((t) => t.open === amount && t.currency === currency),
  };
}
