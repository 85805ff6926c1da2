/**
 * Invoice numbers as people and banks write them back to us: "INV-2024-0113" arrives as
 * "INV 2024 113", "inv2024/0113", "2024-0113", "lNV-2O24-O113" (read by OCR) or cut to "0113".
 * Both sides are reduced to keys that survive those changes; a number and a narration token
 * refer to the same invoice when they share a key.
 */

/** Letters OCR and hurried typing put in place of digits, read back as the digit. */
const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', Q: '0', D: '0', I: '1', L: '1', '|': '1', Z: '2', S: '5', B: '8', G: '6', T: '7' };

/** Words that introduce a number in a narration but are not part of it. */
const PREFIX = new Set(['INVOICE', 'INVOICES', 'INV', 'INVNO', 'BILL', 'BILLNO', 'BILLS', 'NO', 'NUMBER', 'NUM', 'REF', 'REFNO', 'TAX', 'TI', 'SI', 'PMT', 'PAYMENT', 'AGAINST', 'AGST', 'FOR', 'DOCNO', 'DOC']);

// Character classes by code; a cash-application run tokenises a million invoice numbers and
// every narration, so this is a loop over char codes rather than a chain of regular expressions.
const isLetter = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;
const PIPE = 124;

/** An Indian bank branch code: four letters, a zero, six letters or digits. */
function isIfsc(t: string): boolean {
  if (t.length !== 11 || t.charCodeAt(4) !== 48) return false;
  for (let i = 0; i < 11; i++) {
    const c = t.charCodeAt(i);
    if (i < 4 ? !isLetter(c) : !(isLetter(c) || isDigit(c))) return false;
  }
  return true;
}

/**
 * A serial whose zeros OCR read as O ("OOO97OO"): five or more characters, only digits and
 * their lookalikes, two digits at least. Read whole: its leading letters are no series prefix.
 */
function isLookalikeSerial(token: string): boolean {
  if (token.length < 5) return false;
  let digits = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (DIGIT_LOOKALIKES[token[i]!] === undefined) return false;
  }
  return digits >= 2;
}

/**
 * The digits of a number-like token, with lookalike letters read as digits where the token is
 * mostly digits: "2O24" is 2024, "SBIN" stays a word. A series prefix glued to digits
 * ("INV2024113", "LNV2O24": two to five letters, then a digit) is dropped first.
 */
function digitsOf(token: string): string | null {
  if (isLookalikeSerial(token)) return readDigits(token, 0);
  let from = 0;
  while (from < token.length && from < 6 && isLetter(token.charCodeAt(from))) from++;
  if (from < 2 || from > 5 || from >= token.length || !isDigit(token.charCodeAt(from))) from = 0;
  let letters = 0;
  let digits = 0;
  for (let i = from; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (isDigit(c)) digits++;
    else letters++;
  }
  if (digits === 0 || letters * 2 > digits) return null;
  if (letters === 0) return from === 0 ? token : token.slice(from);
  return readDigits(token, from);
}

/** The token from `from` on, lookalike letters read as their digits and other letters dropped. */
function readDigits(token: string, from: number): string {
  let out = '';
  for (let i = from; i < token.length; i++) {
    const ch = token[i]!;
    if (isDigit(ch.charCodeAt(0))) out += ch;
    else out += DIGIT_LOOKALIKES[ch] ?? '';
  }
  return out;
}

/**
 * Words of a number or narration, upper case. "-", "/" and "." split too, so "2024-0113" is two
 * adjacent tokens (one number) and "NEFT CR-HDFC0001234-ACME" is four words. A series prefix glued
 * to digits ("INV2024113", "LNV2O24") is dropped; an IFSC ("HDFC0001234") is a bank, not a number.
 */
function tokenize(text: string): { text: string; digits: string | null }[] {
  const upper = text.toUpperCase();
  const tokens: { text: string; digits: string | null }[] = [];
  let start = -1;
  for (let i = 0; i <= upper.length; i++) {
    const c = i < upper.length ? upper.charCodeAt(i) : 0;
    if (isLetter(c) || isDigit(c) || c === PIPE) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    const t = upper.slice(start, i);
    start = -1;
    if (PREFIX.has(t)) continue;
    tokens.push({ text: t, digits: isIfsc(t) ? null : digitsOf(t) });
  }
  return tokens;
}

function strip(group: string): string {
  let i = 0;
  while (i < group.length - 1 && group.charCodeAt(i) === 48) i++;
  return i === 0 ? group : group.slice(i);
}

/** Keys of a run of digit groups: flat as written ("f:20240113") and with each group's zeros dropped ("f:2024113"). */
function keysOfGroups(groups: string[]): [string, string] {
  let asWritten = '';
  let stripped = '';
  for (const g of groups) {
    asWritten += g;
    stripped += strip(g);
  }
  return [`f:${strip(asWritten)}`, `f:${strip(stripped)}`];
}

/**
 * Keys of an invoice number: its digit groups joined without their leading zeros ("f:2024113",
 * which is also how a grouped "2024 113" reads), all its digits as written ("f:20240113"), and
 * the last group alone (a payer often leaves out a year or series).
 */
export function invoiceKeys(number: string): string[] {
  const groups: string[] = [];
  for (const t of tokenize(number)) if (t.digits) groups.push(t.digits);
  if (groups.length === 0) return [`t:${number.toUpperCase().replace(/[^A-Z0-9]/g, '')}`];
  const [flat, joined] = keysOfGroups(groups);
  const keys = flat === joined ? [joined!] : [joined!, flat!];
  if (groups.length > 1) keys.push(`tail:f:${strip(groups.at(-1)!)}`);
  return keys;
}

/** Significant digits in a key: short keys ("f:7") are too common in free text to trust alone. */
export function keyStrength(key: string): number {
  let n = 0;
  for (let i = key.indexOf(':') + 1; i < key.length; i++) if (isDigit(key.charCodeAt(i))) n++;
  return n;
}

/** Keys of every run of one to three adjacent number-like tokens in a narration. */
export function textKeys(text: string): Set<string> {
  const tokens = tokenize(text);
  const keys = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const run: string[] = [];
    for (let j = i; j < Math.min(tokens.length, i + 3); j++) {
      const digits = tokens[j]!.digits;
      if (!digits) break;
      run.push(digits);
      for (const k of keysOfGroups(run)) keys.add(k);
    }
    if (!tokens[i]!.digits) keys.add(`t:${tokens[i]!.text}`);
  }
  return keys;
}

/** The keys a number and a narration share, strongest first. */
export function sharedKeys(numberKeys: string[], text: Set<string>): string[] {
  const hits: string[] = [];
  for (const key of numberKeys) {
    const bare = key.startsWith('tail:') ? key.slice(5) : key;
    if (text.has(bare)) hits.push(key);
  }
  return hits.sort((a, b) => keyStrength(b) - keyStrength(a));
}
