import { distance } from 'fastest-levenshtein';

/**
 * Payer names as banks pass them on: cut to 20–35 characters ("ACME TRADERS PRIVA"), in capitals,
 * with "M/S" and legal forms, and spelled as the remitter's clerk transliterates them ("Shree
 * Laxmi" for "Sri Lakshmi", "Agarwal" for "Aggarwal"). Names are compared by a folded key that
 * forgets those differences.
 */

/** Words that say what kind of entity a name is, not which one. */
const NOISE = new Set(
  'M S MS MESSRS PVT PRIVATE LTD LIMITED LLP LLC INC CO CORP CORPORATION COMPANY AND THE OF GMBH AG SA BV NV PLC SRL SPA OPC INDIA'.split(' '),
);

/** Spellings of the same sound in romanised Indian names, and common English variants. */
const FOLDS: [RegExp, string][] = [
  [/^(SHREE|SHRI|SRI|SREE)$/, 'SRI'],
  [/KSH/g, 'X'],
  [/PH/g, 'F'],
  [/W/g, 'V'],
  [/Z/g, 'J'],
  [/Q/g, 'K'],
  [/CK/g, 'K'],
  [/EE|II|IE/g, 'I'],
  [/OO|OU/g, 'U'],
  [/AA/g, 'A'],
  [/([BCDGKPT])H/g, '$1'],
  [/Y$/g, 'I'],
  [/([A-Z])\1+/g, '$1'],
];

/** Folded words seen so far: names repeat the same few thousand words across a statement. */
const folded = new Map<string, string>();
const MAX_FOLDED = 100_000;

function foldWord(word: string): string {
  const known = folded.get(word);
  if (known !== undefined) return known;
  let w = word;
  for (const [pattern, replacement] of FOLDS) w = w.replace(pattern, replacement);
  if (folded.size >= MAX_FOLDED) folded.clear();
  folded.set(word, w);
  return w;
}

/** The words of a name, folded, legal forms dropped. "M/s. Shree Laxmi Traders Pvt Ltd" → ["SRI", "LAXMI"→"LAXMI", "TRADERS"]. */
export function nameWords(name: string): string[] {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .split(/[^A-Z0-9]+/)
    .filter((w) => w && !NOISE.has(w));
  // A name cut short in a legal form ("NEW JALARAM ENTERPRI", "ACME TRADERS PRIVA") ends in a
  // stub of a word that says nothing; left in, it counts against every customer.
  const last = words[words.length - 1];
  if (last && last.length >= 3 && words.length > 1 && isNoiseStub(last)) words.pop();
  return words.map(foldWord);
}

const noiseStubs = new Set([...NOISE].filter((w) => w.length > 4).flatMap((w) => Array.from({ length: w.length - 3 }, (_, i) => w.slice(0, i + 3))));
const isNoiseStub = (word: string) => noiseStubs.has(word);

/** One string per name for exact lookups (learned aliases). */
export function nameKey(name: string): string {
  return nameWords(name).join(' ');
}

/** How alike two words are, 0–1; 0 as well when they cannot beat `beat` (the edit distance is not worked out then). */
function wordSimilarity(a: string, b: string, beat = -1): number {
  if (a === b) return 1;
  // A truncated last word ("TRADE" of "TRADERS") is the same word.
  if (a.length >= 3 && b.startsWith(a)) return 0.95;
  if (b.length >= 3 && a.startsWith(b)) return 0.95;
  const longest = Math.max(a.length, b.length);
  // The distance is at least the difference in length.
  if (1 - Math.abs(a.length - b.length) / longest <= beat) return 0;
  return 1 - distance(a, b) / longest;
}

/**
 * How alike two names are, 0–1: each word of the shorter name paired with its best match in the
 * longer one, weighted by length; words of the longer name left over count against it unless the
 * shorter name is a cut-off prefix of it (the bank truncated the name).
 */
export function nameSimilarity(payer: string, customer: string): number {
  return wordsSimilarity(nameWords(payer), nameWords(customer));
}

/** nameSimilarity over names already split by nameWords (a directory folds each customer once). */
export function wordsSimilarity(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const joinedA = a.join(' ');
  const joinedB = b.join(' ');
  // Lengths without the spaces: which name is the shorter.
  const [short, long, shortText, longText] = joinedA.length - a.length <= joinedB.length - b.length ? [a, b, joinedA, joinedB] : [b, a, joinedB, joinedA];
  const truncated = shortText.length >= 12 && longText.startsWith(shortText.slice(0, -1));
  let matched = 0;
  let weight = 0;
  const used: boolean[] = new Array(long.length).fill(false);
  for (const [k, word] of short.entries()) {
    let best = 0;
    let at = -1;
    // Where the bank cut the name, the stub is the start of the word it cut, however short
    // ("STAR CHAUHAN FABRICS A" of "… Fabrics Ahmedabad"): too short to be a word of its own,
    // it says the name went on that way and not another (not "… Fabrics Surat").
    if (truncated && k === short.length - 1 && word.length < 3 && long[k]?.startsWith(word) && !used[k]) {
      best = 0.95;
      at = k;
    }
    for (let i = 0; i < long.length && at < 0; i++) {
      if (used[i]) continue;
      const s = wordSimilarity(word, long[i]!, best);
      if (s > best) {
        best = s;
        at = i;
      }
    }
    if (at >= 0 && best >= 0.6) used[at] = true;
    else best = 0;
    matched += best * word.length;
    weight += word.length;
  }
  let leftover = 0;
  for (let i = 0; i < long.length; i++) if (!used[i]) leftover += long[i]!.length;
  const penalty = truncated ? 0 : leftover / (weight + leftover);
  const similarity = Math.max(0, (matched / weight) * (1 - penalty * 0.6));
  // A name cut before its last words ("VISHAL VENKATESH" of "Vishal Venkatesh Surat") is as like
  // every firm that starts the same way: close, never equal.
  return truncated && leftover > 0 ? Math.min(similarity, 0.96) : similarity;
}
