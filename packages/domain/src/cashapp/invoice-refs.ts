/**
 * Invoice numbers as people and banks write them back to us: "INV-2024-0113" arrives as
 * "INV 2024 113", "inv2024/0113", "2024-0113", "lNV-2O24-O113" (read by OCR) or cut to "0113".
 * Both sides are reduced to keys that survive those changes; a number and a narration token
 * refer to the same invoice when they share a key.
 */

/** Letters OCR and hurried typing put in place of digits, read back as the digit. */
const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', Q: '0', D: '0', I: '1', L: '1', '|': '1', Z: '2', S: '5', B: '8', G: '6', T: '7' };

/** An Indian bank branch code: four letters, a zero, six letters or digits. */
const IFSC = /^[A-Z]{4}0[A-Z0-9]{6}$/;

/** Words that introduce a number in a narration but are not part of it. */
const PREFIX = /^(?:INVOICE|INVOICES|INV|INVNO|BILL|BILLNO|BILLS|NO|NUMBER|NUM|REF|REFNO|TAX|TI|SI|PMT|PAYMENT|AGAINST|AGST|FOR|DOCNO|DOC)$/;

/** The digits of a number-like token, with lookalike letters read as digits where the token is mostly digits. */
function digitsOf(token: string): string | null {
  const letters = token.replace(/[^A-Z|]/g, '').length;
  const digits = token.replace(/\D/g, '').length;
  if (digits === 0) return null;
  // Only a token already mostly digits is read through the lookalikes: "2O24" is 2024, "SBIN" stays.
  if (letters > 0 && letters * 2 > digits) return null;
  return [...token].map((ch) => DIGIT_LOOKALIKES[ch] ?? ch).join('').replace(/\D/g, '');
}

/**
 * Words of a number or narration, upper case. "-", "/" and "." split too, so "2024-0113" is two
 * adjacent tokens (one number) and "NEFT CR-HDFC0001234-ACME" is four words. A series prefix glued
 * to digits ("INV2024113", "LNV2O24") is dropped; an IFSC ("HDFC0001234") is a bank, not a number.
 */
function tokenize(text: string): { text: string; digits: string | null }[] {
  return text
    .toUpperCase()
    .split(/[^A-Z0-9|]+/)
    .filter((t) => t && !PREFIX.test(t))
    .map((t) => {
      if (IFSC.test(t)) return { text: t, digits: null };
      const bare = t.replace(/^[A-Z]{2,5}(?=[0-9])/, '');
      return { text: t, digits: digitsOf(bare) };
    });
}

const strip = (group: string) => group.replace(/^0+(?=\d)/, '');

/** Keys of a run of digit groups: grouped with zeros dropped ("g:2024.113"), and flat ("f:20240113", "f:2024113"). */
function keysOfGroups(groups: string[]): string[] {
  return [`g:${groups.map(strip).join('.')}`, `f:${strip(groups.join(''))}`, `f:${strip(groups.map(strip).join(''))}`];
}

/**
 * Keys of an invoice number: its digit groups joined without their leading zeros ("f:2024113",
 * which is also how a grouped "2024 113" reads), all its digits as written ("f:20240113"), and
 * the last group alone (a payer often leaves out a year or series).
 */
export function invoiceKeys(number: string): string[] {
  const groups = tokenize(number).flatMap((t) => (t.digits ? [t.digits] : []));
  if (groups.length === 0) return [`t:${number.toUpperCase().replace(/[^A-Z0-9]/g, '')}`];
  const [, flat, joined] = keysOfGroups(groups);
  const keys = flat === joined ? [joined!] : [joined!, flat!];
  if (groups.length > 1) keys.push(`tail:f:${strip(groups.at(-1)!)}`);
  return keys;
}

/** Significant digits in a key: short keys ("g:7") are too common in free text to trust alone. */
export function keyStrength(key: string): number {
  return key.replace(/^(tail:)?[gft]:/, '').replace(/\D/g, '').length;
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
