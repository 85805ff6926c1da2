import { distance } from 'fastest-levenshtein';
import { EMPTY, HashIndex, addTo, listOf } from './hash-index.ts';
import type { InvoiceColumns } from './invoice-columns.ts';
import { invoiceKeys } from './invoice-refs.ts';
import { type ClueDirectory, type ClueInvoice, type NamedCustomers, type PayerKind, normaliseIdentifier } from './match.ts';
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

/** The invoice columns the clue index reads: numbers and whose they are, not what is open. */
export type ClueColumns = Pick<InvoiceColumns, 'customers' | 'count' | 'ids' | 'numbers' | 'owners' | 'currencies' | 'currencyOf'>;

// Shared by every look-up that finds nothing, which is most of them: never written to.
const NONE: ClueInvoice[] = [];

/**
 * The look-ups a line's clues are found in (findClues): payer identifiers, the keys of every open
 * invoice's number, and an index of customers' names. Nothing a run applies changes them
 * (createOpenItems in directory.ts holds what it changes). It reads the invoices' numbers and
 * owners from the columns the open items share.
 */
export function createClueIndex(input: { identifiers: PayerIdentifier[]; invoices: ClueColumns }): ClueDirectory {
  const { customers, ids, numbers, owners, currencies, currencyOf } = input.invoices;

  // Per kind, so a kind nobody has set up (virtual accounts, often) costs a line nothing.
  const identifiers = new Map<PayerKind, Map<string, string[]>>();
  for (const i of input.identifiers) {
    let ofKind = identifiers.get(i.kind);
    if (!ofKind) {
      ofKind = new Map();
      identifiers.set(i.kind, ofKind);
    }
    const value = identifierValue(i.kind, i.value);
    const list = ofKind.get(value) ?? [];
    if (!list.includes(i.customerId)) list.push(i.customerId);
    ofKind.set(value, list);
  }

  // Invoice numbers' keys, a last group's key ("tail:f:113") under the key itself ("f:113"), so
  // one probe finds both. The rows of the index are the rows of the invoice columns.
  // Sized for the usual three keys a number has: growing it there from small rehashes it a dozen
  // times, half again the time of the build.
  const byKey = new HashIndex(3 * input.invoices.count);
  for (let at = 0; at < input.invoices.count; at++) {
    for (const key of invoiceKeys(numbers[at]!)) byKey.add(key.startsWith('tail:') ? key.slice(5) : key, at);
  }
  const found: number[] = [];
  const invoice = (i: number): ClueInvoice => ({ id: ids[i]!, number: numbers[i]!, customerId: customers[owners[i]!]!.id, currency: currencies[currencyOf[i]!]! });

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
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(word, id);
      }
      wordIds.push(id);
    }
    wordStart[ci + 1] = wordIds.length;
    if (words.length >= 2) addTo(byLead, `${words[0]} ${words[1]}`, ci);
    if (words.length >= 3) addTo(byLead, `${words[0]} ${words[1]} ${words[2]}`, ci);
    for (const word of new Set(words)) if (word.length >= 2) addTo(byWord, word, ci);
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
    customersWith: (kind, value) => identifiers.get(kind)?.get(identifierValue(kind, value)) ?? [],
    knows: (kind) => identifiers.has(kind),
    invoicesWithKeys: (key) => {
      found.length = 0;
      byKey.find(key, found);
      if (found.length === 0) return NONE;
      return (found.length === 1 ? found : [...new Set(found)]).map(invoice);
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
  };
}
