import { formatAmount } from '../money.ts';
import { parseBai2 } from './bai2.ts';
import { parseCamt } from './camt.ts';
import { parseMt940 } from './mt940.ts';
import { parseIndianNarration } from './narration.ts';
import { type ParsedStatement, type StatementEntry, StatementParseError } from './types.ts';

export { parseBai2 } from './bai2.ts';
export { type BankCsvMapping, type BankLayoutName, parseBankRows } from './bank-csv.ts';
export { parseCamt } from './camt.ts';
export { parseMt940 } from './mt940.ts';
export { type Narration, parseIndianNarration } from './narration.ts';
export * from './types.ts';

/** What a statement file's text is. 'table' is a bank's CSV export, read into rows by the caller. */
export type StatementText = 'camt' | 'bai2' | 'mt940' | 'table';

/**
 * Decides by content, never by the file's name: banks and their portals name files as they
 * please (.txt, .sta, .940, .dat, .xml for anything).
 */
export function detectStatementText(text: string): StatementText {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return 'camt';
  if (/^01,[^,\n]*,/.test(start)) return 'bai2';
  if (/^\{1:/.test(start) || (/(^|\n):20:/.test(start) && /(^|\n):(25|28C?|60[FM]|61|62[FM]|13D|34F):/.test(start))) return 'mt940';
  return 'table';
}

/** Parses a statement held as text (MT940/MT942, camt.05x, BAI2). Tables go to parseBankRows. */
export function parseStatementText(text: string): ParsedStatement[] {
  const kind = detectStatementText(text);
  if (kind === 'camt') return parseCamt(text);
  if (kind === 'bai2') return parseBai2(text);
  if (kind === 'mt940') return parseMt940(text);
  throw new StatementParseError('line 1', 'not an MT940, MT942, camt.052/053/054 or BAI2 statement');
}

export type BalanceCheck =
  | { status: 'ok'; entriesTotal: bigint }
  | { status: 'mismatch'; entriesTotal: bigint; expectedClosing: bigint; difference: bigint; message: string }
  | { status: 'unchecked'; entriesTotal: bigint; message: string };

/**
 * Opening + entries = closing. A mismatch means a line is missing or one too many (a statement
 * cut short, a line filtered out by the bank's export), which the user must see before trusting
 * the matches made from it. Intraday reports (MT942, camt.052) often state no balance at all.
 */
export function checkStatementBalance(statement: ParsedStatement): BalanceCheck {
  const entriesTotal = statement.entries.reduce((sum, e) => sum + e.amount, 0n);
  const { opening, closing } = statement;
  if (!opening || !closing) return { status: 'unchecked', entriesTotal, message: 'the statement states no opening and closing balance' };
  if (opening.currency !== closing.currency) {
    return { status: 'unchecked', entriesTotal, message: `opening in ${opening.currency} but closing in ${closing.currency}` };
  }
  const expectedClosing = opening.amount + entriesTotal;
  if (expectedClosing === closing.amount) return { status: 'ok', entriesTotal };
  const difference = closing.amount - expectedClosing;
  const c = closing.currency;
  return {
    status: 'mismatch',
    entriesTotal,
    expectedClosing,
    difference,
    message: `opening ${formatAmount(opening.amount, c)} + entries ${formatAmount(entriesTotal, c)} = ${formatAmount(expectedClosing, c)}, but the closing balance is ${formatAmount(closing.amount, c)} (difference ${formatAmount(difference, c)})`,
  };
}

/** Placeholders banks write where there is no reference. */
const NO_REFERENCE = new Set(['NONREF', 'NOTPROVIDED', 'NONE', 'N/A', '-']);

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim().toUpperCase();

/**
 * The identity of a bank line across files: the same payment arrives in the intraday report, the
 * day's statement and perhaps a re-sent file, under different statement ids. The bank's own
 * reference is unique per account where the bank gives one; otherwise the line's content, plus
 * its place among identical lines of the same file (two equal ₹500 cash deposits on one day are
 * two lines). The caller hashes the key.
 */
export function entryIdentityKey(entry: StatementEntry, occurrence: number): string {
  const bankReference = squash(entry.bankReference);
  const base = bankReference && !NO_REFERENCE.has(bankReference)
    ? ['ref', bankReference, entry.amount.toString(), entry.currency]
    : ['content', entry.bookingDate, entry.amount.toString(), entry.currency, squash(entry.reference), squash(entry.endToEndId), squash(entry.counterparty?.account ?? null), squash(entry.remittance)];
  return [...base, String(occurrence)].join('|');
}

/** Identity keys of a statement's entries, numbering repeats of the same content in order. */
export function entryIdentityKeys(entries: StatementEntry[]): string[] {
  const seen = new Map<string, number>();
  return entries.map((entry) => {
    const base = entryIdentityKey(entry, 0);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return entryIdentityKey(entry, n);
  });
}

/** A statement as `duely statement parse --json` prints it: decimal strings, debits negative. */
export function statementToJson(statement: ParsedStatement) {
  const balance = (b: ParsedStatement['opening']) => (b ? { amount: formatAmount(b.amount, b.currency), currency: b.currency, date: b.date } : null);
  return {
    format: statement.format,
    account: statement.account,
    statement_id: statement.statementId,
    opening: balance(statement.opening),
    closing: balance(statement.closing),
    entries: statement.entries.map((e) => ({
      amount: formatAmount(e.amount, e.currency),
      currency: e.currency,
      booking_date: e.bookingDate,
      value_date: e.valueDate,
      reference: e.reference,
      bank_reference: e.bankReference,
      end_to_end_id: e.endToEndId,
      counterparty: e.counterparty?.name ?? null,
      counterparty_account: e.counterparty?.account ?? null,
      counterparty_bank_code: e.counterparty?.bankCode ?? null,
      remittance: e.remittance,
      transaction_code: e.transactionCode,
      reversal: e.reversal,
    })),
  };
}

/**
 * Fills in who paid from an Indian bank's narration ("NEFT CR-HDFC0000123-ACME TRADERS-…",
 * "UPI-RAMESH KUMAR-ramesh@okhdfcbank-…") where the format carries no counterparty fields, as
 * MT940 and CSV exports from Indian banks don't. What the file states itself is kept.
 */
export function withNarrationParties(entry: StatementEntry): StatementEntry {
  if (entry.counterparty?.name && entry.counterparty.account) return entry;
  const n = parseIndianNarration(entry.remittance);
  if (n.channel === 'OTHER' && !n.name) return entry;
  return {
    ...entry,
    bankReference: entry.bankReference ?? n.utr,
    counterparty: {
      name: entry.counterparty?.name ?? n.name,
      account: entry.counterparty?.account ?? n.vpa ?? n.account,
      bankCode: entry.counterparty?.bankCode ?? n.ifsc,
    },
    transactionCode: entry.transactionCode ?? n.channel,
  };
}
