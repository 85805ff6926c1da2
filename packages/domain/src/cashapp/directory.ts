import type { AllocationLine } from '../allocation.ts';
import { distance } from 'fastest-levenshtein';
import { HashIndex } from './hash-index.ts';
import { invoiceKeys } from './invoice-refs.ts';
import { type MatchCustomer, type MatchDirectory, type MatchInvoice, type NamedCustomers, type PayerKind, normaliseIdentifier } from './match.ts';
import { nameKey, nameWords, wordsSimilarity } from './names.ts';

export interface PayerIdentifier {
  kind: PayerKind;
  value: string;
  customerId: string;
}

/** Customers whose names are compared with a payer's, at most. */
const MAX_NAME_CANDIDATES = 8;
/** Payer names whose candidates a run remembers, at most. */
const MAX_NAMED = 200_000;
/** Name-index entries read per payer name, at most (after its rarest word). */
const MAX_POSTINGS = 1500;

export const identifierValue = (kind: PayerKind, value: string) => (kind === 'name' ? nameKey(value) : normaliseIdentifier(value));

/** Adds `value` under `key`; one value is kept bare, as most keys have one. */
function add<K>(map: Map<K, number | number[]>, key: K, value: number) {
  const list = map.get(key);
  if (list === undefined) map.set(key, value);
  else if (typeof list === 'number') map.set(key, [list, value]);
  else list.push(value);
}

const EMPTY: readonly number[] = [];
// Shared by every look-up that finds nothing, which is most of them: never written to.
const NONE: MatchInvoice[] = [];
const listOf = (entry: number | number[] | undefined): readonly number[] => (entry === undefined ? EMPTY : typeof entry === 'number' ? [entry] : entry);

/**
 * The matcher's look-ups over one snapshot of the tenant's customers, payer identifiers and open
 * invoices, held in memory for a cash-application run: a statement of thousands of lines is then
 * matched without a query per line.
 *
 * A run may hold a million open invoices. They are kept column by column (typed arrays for the
 * amounts and customers, one string array each for ids, numbers and due dates) and turned into
 * objects only for the few a line looks at, so building the directory is one pass and the heap
 * the garbage collector walks stays small. `settle` lowers open amounts as a run applies lines,
 * so later lines never pay an invoice twice.
 */
export function createDirectory(input: { customers: MatchCustomer[]; identifiers: PayerIdentifier[]; openInvoices: Iterable<MatchInvoice> }): MatchDirectory {
  const customers = input.customers;
  const customerIndex = new Map<string, number>();
  customers.forEach((c, i) => customerIndex.set(c.id, i));

  // Per kind, so a kind nobody has set up (virtual accounts, often) costs a line nothing.
  const identifiers = new Map<PayerKind, Map<string, string[]>>();
  for (const i of input.identifiers) {
    let ofKind = identifiers.get(i.kind);
    if (!ofKind) identifiers.set(i.kind, (ofKind = new Map()));
    const value = identifierValue(i.kind, i.value);
    const list = ofKind.get(value) ?? [];
    if (!list.includes(i.customerId)) list.push(i.customerId);
    ofKind.set(value, list);
  }

  // Invoices, one column each.
  const ids: string[] = [];
  const numbers: string[] = [];
  const dueDates: string[] = [];
  const owners: number[] = [];
  const currencyOf: number[] = [];
  const currencies: string[] = [];
  const currencyIndex = new Map<string, number>();
  const openList: bigint[] = [];
  const taxableList: bigint[] = [];
  // An invoice's keys, a last group's key ("tail:f:113") under the key itself ("f:113"), so one
  // probe finds both.
  const byKey = new HashIndex(1 << 16);
  for (const t of input.openInvoices) {
    const owner = customerIndex.get(t.customerId);
    if (owner === undefined) continue;
    const at = ids.length;
    ids.push(t.id);
    numbers.push(t.number);
    dueDates.push(t.dueDate);
    owners.push(owner);
    let currency = currencyIndex.get(t.currency);
    if (currency === undefined) {
      currency = currencies.push(t.currency) - 1;
      currencyIndex.set(t.currency, currency);
    }
    currencyOf.push(currency);
    openList.push(t.open);
    taxableList.push(t.taxable);
    for (const key of invoiceKeys(t.number)) byKey.add(key.startsWith('tail:') ? key.slice(5) : key, at);
  }
  const count = ids.length;
  const open = BigInt64Array.from(openList);
  const taxable = BigInt64Array.from(taxableList);
  openList.length = 0;
  taxableList.length = 0;

  // Each customer's invoices, oldest due first, as one slice of `byCustomer`.
  const start = new Int32Array(customers.length + 1);
  for (let i = 0; i < count; i++) start[owners[i]! + 1]!++;
  for (let c = 0; c < customers.length; c++) start[c + 1]! += start[c]!;
  const byCustomer = new Int32Array(count);
  const fill = start.slice(0, customers.length);
  for (let i = 0; i < count; i++) byCustomer[fill[owners[i]!]!++] = i;
  for (let c = 0; c < customers.length; c++) {
    if (start[c + 1]! - start[c]! > 1) byCustomer.subarray(start[c]!, start[c + 1]!).sort((a, b) => (dueDates[a]! < dueDates[b]! ? -1 : dueDates[a]! > dueDates[b]! ? 1 : a - b));
  }

  let byId: HashIndex | null = null;
  const found: number[] = [];
  const row = (id: string) => {
    if (!byId) {
      byId = new HashIndex(count);
      for (let i = 0; i < count; i++) byId.add(ids[i]!, i);
    }
    found.length = 0;
    byId.find(id, found);
    return found.find((i) => ids[i] === id);
  };
  const invoice = (i: number): MatchInvoice => ({
    id: ids[i]!,
    number: numbers[i]!,
    customerId: customers[owners[i]!]!.id,
    currency: currencies[currencyOf[i]!]!,
    open: open[i]!,
    taxable: taxable[i]!,
    dueDate: dueDates[i]!,
  });

  // Open amounts to invoices, built on the first line that has nothing else to go on. Keyed by
  // number, which hashes faster than a bigint; above 2^53 two amounts may share a key, and every
  // hit is compared with the amount exactly.
  let byAmount: Map<number, number | number[]> | null = null;
  const amountIndex = () => {
    if (!byAmount) {
      byAmount = new Map();
      for (let i = 0; i < count; i++) add(byAmount, Number(open[i]!), i);
    }
    return byAmount;
  };

  // Names: each customer's folded words, an index by word, and one by the first two and three
  // words (banks keep the start of a payer's name and cut the end: the leading words find a
  // customer among 100k without reading the lists of common words).
  const wordsOf: string[][] = [];
  // The same words as numbers (vocabulary ids), all customers' in one array: counting shared
  // words over 1,500 candidates then reads one flat array instead of 1,500 arrays of strings.
  const vocabulary = new Map<string, number>();
  const wordIds: number[] = [];
  const wordStart = new Int32Array(customers.length + 1);
  const byWord = new Map<string, number | number[]>();
  const byLead = new Map<string, number | number[]>();
  customers.forEach((c, ci) => {
    const words = nameWords(c.name);
    wordsOf.push(words);
    for (const word of words) {
      let id = vocabulary.get(word);
      if (id === undefined) vocabulary.set(word, (id = vocabulary.size));
      wordIds.push(id);
    }
    wordStart[ci + 1] = wordIds.length;
    if (words.length >= 2) add(byLead, `${words[0]} ${words[1]}`, ci);
    if (words.length >= 3) add(byLead, `${words[0]} ${words[1]} ${words[2]}`, ci);
    for (const word of new Set(words)) if (word.length >= 2) add(byWord, word, ci);
  });
  const customerWords = Int32Array.from(wordIds);
  const vocabularyWords: string[] = [];
  for (const [word, id] of vocabulary) vocabularyWords[id] = word;
  wordIds.length = 0;
  // A payer name cut short ends in a stub ("TEXTI"): the words it starts, found once per stub.
  const started = new Map<string, number[]>();
  const wordsStartedBy = (stub: string): number[] => {
    let ids = started.get(stub);
    if (!ids) {
      ids = [];
      for (const [word, id] of vocabulary) if (word.startsWith(stub)) ids.push(id);
      started.set(stub, ids);
    }
    return ids;
  };
  // The customers with any of some vocabulary words (those a stub starts, those a respelt word is
  // like), found once per key; undefined when there are none.
  const withWords = new Map<string, readonly number[] | undefined>();
  const customersWithWords = (key: string, ids: () => readonly number[]) => {
    if (!withWords.has(key)) {
      const found = new Set<number>();
      for (const id of ids()) for (const ci of listOf(byWord.get(vocabularyWords[id]!))) found.add(ci);
      withWords.set(key, found.size ? [...found] : undefined);
    }
    return withWords.get(key);
  };
  // The customers with a word the stub starts.
  const prefixed = (stub: string) => (stub.length < 4 ? undefined : customersWithWords(`start ${stub}`, () => wordsStartedBy(stub)));
  // The words a stub stands for when counting shared words; a stub that starts most words says nothing.
  const stubWords = (stub: string): readonly number[] => {
    if (stub.length < 4) return EMPTY;
    const ids = wordsStartedBy(stub);
    return ids.length <= 16 ? ids : EMPTY;
  };
  // A payer's word no customer has and that starts none of theirs: a spelling beyond the folds
  // ("VENKATESWARA" for Venkatesh). The vocabulary words it is like enough to pair with in
  // wordsSimilarity (same first letter, ≥ 0.6), found once per word; without them the payer's
  // firm need not make the few compared in full, ranked below every "Divya … Electricals".
  const respellings = new Map<string, readonly number[]>();
  const respelled = (word: string): readonly number[] => {
    if (word.length < 5 || vocabulary.has(word) || stubWords(word).length > 0) return EMPTY;
    let ids = respellings.get(word);
    if (!ids) {
      const like: number[] = [];
      for (const [known, id] of vocabulary) {
        if (known[0] !== word[0] || Math.abs(known.length - word.length) > 4) continue;
        if (1 - distance(known, word) / Math.max(known.length, word.length) >= 0.6) like.push(id);
      }
      ids = like.length <= 16 ? like : EMPTY;
      if (respellings.size >= MAX_NAMED) respellings.clear();
      respellings.set(word, ids);
    }
    return ids;
  };
  const respelledCustomers = (word: string) => customersWithWords(`like ${word}`, () => respelled(word));
  // Shared words per candidate customer, and whether it is one yet; reset after each look-up.
  const shared = new Int32Array(customers.length);
  const isCandidate = new Uint8Array(customers.length);

  /**
   * Candidates come from the payer's rarest words ("NAVKAR" is shared by a few customers, a city
   * or "TRADERS" by thousands), then are ranked by how many of the payer's words they share;
   * only the best few are compared in full.
   */
  const namedLike = (all: string[]): { best: number[]; complete: boolean } => {
    const words = [...new Set(all)];
    // Customers whose names start with the payer's first k words; a last word the bank cut
    // ("SRI GANESH TRAD") stands for the words it starts.
    const lead = (k: number): readonly number[] => {
      if (all.length < k) return EMPTY;
      const head = all.slice(0, k - 1).join(' ');
      const exact = byLead.get(`${head} ${all[k - 1]}`);
      if (exact !== undefined || k < all.length) return listOf(exact);
      const found: number[] = [];
      for (const id of stubWords(all[k - 1]!)) for (const ci of listOf(byLead.get(`${head} ${vocabularyWords[id]}`))) found.push(ci);
      return found;
    };
    let led = lead(3);
    let ledBy = 3;
    if (led.length === 0) {
      led = lead(2);
      ledBy = 2;
    }
    // Every customer the lead names shares all the payer's words: no count is needed (a
    // two-word payer leads to hundreds of firms). Those with no other words come first: "ACME
    // TRADERS" is Acme Traders before Acme Traders Pune.
    if (ledBy === all.length && led.length > 0 && led.length <= MAX_POSTINGS) {
      const first: number[] = [];
      const distinct = new Set(led).size;
      const complete = distinct <= MAX_NAME_CANDIDATES;
      for (const ci of led) if (wordStart[ci + 1]! - wordStart[ci]! === all.length && !first.includes(ci) && first.push(ci) === MAX_NAME_CANDIDATES) return { best: first, complete };
      for (const ci of led) if (!first.includes(ci) && first.push(ci) === MAX_NAME_CANDIDATES) break;
      return { best: first, complete };
    }
    const lists =
      led.length > 0 && led.length <= MAX_POSTINGS
        ? [led]
        : words
            .map((word) => (byWord.has(word) ? listOf(byWord.get(word)) : (prefixed(word) ?? respelledCustomers(word))))
            .filter((ids): ids is readonly number[] => Boolean(ids))
            .sort((a, b) => a.length - b.length);
    const candidates: number[] = [];
    let skipped = false;
    for (const list of lists) {
      if (candidates.length > 0 && candidates.length + list.length > MAX_POSTINGS) {
        skipped = true;
        break;
      }
      for (const ci of list) {
        if (isCandidate[ci]) continue;
        isCandidate[ci] = 1;
        candidates.push(ci);
      }
    }
    const payer: number[] = [];
    for (const word of words) {
      const id = vocabulary.get(word);
      if (id !== undefined) payer.push(id);
      else payer.push(...respelled(word));
    }
    // A stub the bank cut ("DISTRIBUTOR", "ENGINEERIN") counts as the words it starts: without
    // it, "HIND SARASVATI DISTRIBUTOR" ranks the 500 Hind Sarasvati firms alike and the
    // distributors may not make the few compared in full.
    const last = all[all.length - 1]!;
    const stubOf = vocabulary.has(last) ? EMPTY : stubWords(last);
    // A stub of a letter or three ("… PHARMA VA") starts too many words to list, but among the
    // candidates it still tells Vadodara from Surat: read off each candidate's own words.
    const shortStub = all.length > 1 && last.length < 4 && !vocabulary.has(last) ? last : null;
    for (const ci of candidates) {
      for (let k = wordStart[ci]!; k < wordStart[ci + 1]!; k++) {
        const id = customerWords[k]!;
        if (payer.includes(id) || stubOf.includes(id) || (shortStub !== null && vocabularyWords[id]!.startsWith(shortStub))) shared[ci]!++;
      }
    }
    // The best few by shared words, first found first among equals.
    const best: number[] = [];
    for (const ci of candidates) {
      if (best.length === MAX_NAME_CANDIDATES && shared[ci]! <= shared[best[best.length - 1]!]!) continue;
      let at = best.length;
      while (at > 0 && shared[best[at - 1]!]! < shared[ci]!) at--;
      best.splice(at, 0, ci);
      if (best.length > MAX_NAME_CANDIDATES) best.pop();
    }
    // Complete when nothing was left unread and no customer left out shares as many of the
    // payer's words as the best kept: one sharing fewer lacks a whole word of the name (respelt
    // words and cut stubs count as shared), so it is not a firm the payer could be by name.
    let complete = !skipped;
    const most = best.length ? shared[best[0]!]! : 0;
    for (const ci of candidates) {
      if (complete && shared[ci]! >= most && most > 0 && !best.includes(ci)) complete = false;
      shared[ci] = 0;
      isCandidate[ci] = 0;
    }
    return { best, complete };
  };
  const named = new Map<string, NamedCustomers>();

  return {
    customer: (id) => {
      const ci = customerIndex.get(id);
      return ci === undefined ? undefined : customers[ci];
    },
    customersWith: (kind, value) => identifiers.get(kind)?.get(identifierValue(kind, value)) ?? [],
    knows: (kind) => identifiers.has(kind),
    invoicesWithKeys: (key) => {
      found.length = 0;
      byKey.find(key, found);
      if (found.length === 0) return NONE;
      return (found.length === 1 ? found : [...new Set(found)]).map(invoice);
    },
    openInvoicesOf: (id) => {
      const ci = customerIndex.get(id);
      if (ci === undefined) return [];
      const out: MatchInvoice[] = [];
      for (let k = start[ci]!; k < start[ci + 1]!; k++) if (open[byCustomer[k]!]! > 0n) out.push(invoice(byCustomer[k]!));
      return out;
    },
    customersNamed: (payerName) => {
      // The same payer name comes back statement after statement; its answer depends on nothing
      // else the run changes.
      const known = named.get(payerName);
      if (known) return known;
      const payerWords = nameWords(payerName);
      const { best, complete } = namedLike(payerWords);
      const answer: NamedCustomers = Object.assign(
        best.map((ci) => ({ customer: customers[ci]!, similarity: wordsSimilarity(payerWords, wordsOf[ci]!) })),
        { complete },
      );
      if (named.size >= MAX_NAMED) named.clear();
      named.set(payerName, answer);
      return answer;
    },
    openForAmount: (amount, currency) => {
      const owner = new Set<number>();
      const found: MatchInvoice[] = [];
      const want = currencyIndex.get(currency);
      for (const i of listOf(amountIndex().get(Number(amount)))) {
        if (open[i] !== amount || currencyOf[i] !== want) continue;
        owner.add(owners[i]!);
        // A second customer is enough to know nobody can be told from the amount alone.
        if (owner.size > 1) return { invoices: [], customers: 2 };
        found.push(invoice(i));
      }
      return { invoices: found, customers: owner.size };
    },
    invoiceNumber: (invoiceId) => {
      const i = row(invoiceId);
      return i === undefined ? undefined : numbers[i];
    },
    settle: (lines: AllocationLine[]) => {
      for (const l of lines) {
        const i = row(l.invoiceId);
        if (i !== undefined) open[i]! -= l.amount + l.tds + l.bankCharges + l.discount + l.writeOff;
      }
    },
  };
}
