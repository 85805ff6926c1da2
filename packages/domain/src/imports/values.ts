import { type DateFormat, type IsoDate, isIsoDate, isValidTimeZone, parseDateAny } from '../dates.ts';
import { InvalidValue } from '../errors.ts';
import { GST_STATES } from '../gst.ts';
import { parseAmount, parseLooseAmount } from '../money.ts';
import type { DocumentKind, ReceiptMethod, RiskClass } from './records.ts';

/**
 * Readers for single cells. Each returns the value or a reason a person can act on; none throws,
 * so a row can collect every problem it has instead of stopping at the first.
 */
export type CellResult<T> = { value: T; reason?: undefined } | { value?: undefined; reason: string };

const ok = <T>(value: T): CellResult<T> => ({ value });
const bad = (reason: string): CellResult<never> => ({ reason });

export type DecimalStyle = 'dot' | 'comma';

/** The side an amount was written on when the text says so ("11,800.00 Dr"). */
export type Side = 'dr' | 'cr';

export interface SignedMinor {
  /** Minor units, negative when written with a minus sign or in parentheses. */
  minor: bigint;
  /** Set only when the text carries a Dr/Cr suffix. */
  side: Side | null;
}

const DRCR = /\s*\b(dr|cr)\.?\s*$/i;

const PLAIN = /^-?\d{1,19}(?:\.\d{1,12})?$/;

export function readAmount(
  text: string,
  currency: string,
  decimal: DecimalStyle = 'dot',
): CellResult<SignedMinor> {
  // Most cells are plain decimals ("1180.00"); they skip the loose parser's clean-up passes.
  if (decimal === 'dot' && PLAIN.test(text)) {
    try {
      return ok({ minor: parseAmount(text, currency), side: null });
    } catch (error) {
      if (error instanceof InvalidValue) return bad(reasonOf(error));
      throw error;
    }
  }
  let rest = text.trim();
  let side: Side | null = null;
  const suffix = DRCR.exec(rest);
  if (suffix) {
    side = suffix[1]!.toLowerCase() as Side;
    rest = rest.slice(0, suffix.index);
  }
  rest = rest.replace(/[\s\u00a0\u202f]/g, '');
  if (decimal === 'comma') {
    if (/\.\d{1,2}(?!\d)/.test(rest) || /,.*,/.test(rest)) {
      return bad('is not an amount with a decimal comma such as 1.234,56');
    }
    rest = rest.replace(/\./g, '').replace(',', '.');
  }
  try {
    return ok({ minor: parseLooseAmount(rest, currency), side });
  } catch (error) {
    if (error instanceof InvalidValue) return bad(reasonOf(error));
    throw error;
  }
}

/** InvalidValue messages start with "field: "; a row error already names the column. */
export function reasonOf(error: InvalidValue): string {
  const prefix = `${error.field}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

export const DEFAULT_DATE_FORMATS: readonly DateFormat[] = ['D/M/YYYY', 'D-MMM-YYYY', 'YYYYMMDD'];

const TIME_SUFFIX = /(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AP]M)?(?:Z|[+-]\d{2}:?\d{2})?)$/i;

/**
 * ISO dates are always accepted (spreadsheet cells arrive as YYYY-MM-DD); other formats only as
 * configured, because 03/04/2024 is March in one file and April in the next. A time of day after
 * the date ("1/3/2012 0:00", database dumps) is dropped.
 */
export function readDate(text: string, formats: readonly DateFormat[]): CellResult<IsoDate> {
  const t = text.trim().replace(TIME_SUFFIX, '').trim();
  if (isIsoDate(t)) return ok(t);
  const parsed = parseDateAny(t, [...formats]);
  if (parsed) return ok(parsed);
  return bad(`is not a date written as ${['YYYY-MM-DD', ...formats].join(' or ')}`);
}

const TRUE = new Set(['yes', 'y', 'true', 't', '1', 'disputed', 'x']);
const FALSE = new Set(['no', 'n', 'false', 'f', '0', 'not disputed', '-']);

export function readBoolean(text: string): CellResult<boolean> {
  const t = text.trim().toLowerCase();
  if (TRUE.has(t)) return ok(true);
  if (FALSE.has(t)) return ok(false);
  return bad('is not Yes or No');
}

const squash = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const DOCUMENT_KINDS: Record<string, DocumentKind> = {
  invoice: 'invoice',
  inv: 'invoice',
  taxinvoice: 'invoice',
  sales: 'invoice',
  sale: 'invoice',
  bill: 'invoice',
  salesinvoice: 'invoice',
  debitnote: 'debit_note',
  dn: 'debit_note',
  debit: 'debit_note',
  dr: 'debit_note',
  creditnote: 'credit_note',
  cn: 'credit_note',
  credit: 'credit_note',
  cr: 'credit_note',
  salesreturn: 'credit_note',
};

export function readDocumentKind(text: string): CellResult<DocumentKind> {
  const kind = DOCUMENT_KINDS[squash(text)];
  return kind ? ok(kind) : bad('is not invoice, debit note or credit note');
}

const METHODS: Record<string, ReceiptMethod> = {
  neft: 'neft',
  rtgs: 'rtgs',
  imps: 'imps',
  upi: 'upi',
  cheque: 'cheque',
  check: 'cheque',
  chq: 'cheque',
  cheq: 'cheque',
  cash: 'cash',
  card: 'card',
  creditcard: 'card',
  debitcard: 'card',
  nach: 'nach',
  ecs: 'nach',
  autodebit: 'nach',
  mandate: 'nach',
  wire: 'wire',
  swift: 'wire',
  tt: 'wire',
  telegraphictransfer: 'wire',
  wiretransfer: 'wire',
  banktransfer: 'wire',
  other: 'other',
  others: 'other',
};

export function readMethod(text: string): CellResult<ReceiptMethod> {
  const method = METHODS[squash(text)];
  return method
    ? ok(method)
    : bad('is not a payment method: NEFT, RTGS, IMPS, UPI, cheque, cash, card, NACH, wire or other');
}

const RISK: Record<string, RiskClass> = {
  low: 'low',
  medium: 'medium',
  med: 'medium',
  high: 'high',
  critical: 'critical',
};

export function readRiskClass(text: string): CellResult<RiskClass> {
  const risk = RISK[squash(text)];
  return risk ? ok(risk) : bad('is not low, medium, high or critical');
}

const CUSTOMER_KINDS: Record<string, 'b2b' | 'b2c'> = {
  b2b: 'b2b',
  business: 'b2b',
  company: 'b2b',
  corporate: 'b2b',
  b2c: 'b2c',
  consumer: 'b2c',
  individual: 'b2c',
  retail: 'b2c',
  person: 'b2c',
};

export function readCustomerKind(text: string): CellResult<'b2b' | 'b2c'> {
  const kind = CUSTOMER_KINDS[squash(text)];
  return kind ? ok(kind) : bad('is not B2B or B2C');
}

const STATE_BY_NAME = new Map(Object.entries(GST_STATES).map(([code, name]) => [squash(name), code]));
// Names still printed on older invoices and in many ERPs.
for (const [alias, code] of Object.entries({
  orissa: '21',
  pondicherry: '34',
  damananddiu: '26',
  dadraandnagarhaveli: '26',
  jammukashmir: '01',
  andamannicobar: '35',
  uttaranchal: '05',
  newdelhi: '07',
  nctofdelhi: '07',
})) {
  STATE_BY_NAME.set(alias, code);
}

export function readStateCode(text: string): CellResult<string> {
  const t = text.trim();
  if (/^\d{1,2}$/.test(t)) {
    const code = t.padStart(2, '0');
    return GST_STATES[code] ? ok(code) : bad('is not a GST state code');
  }
  const byName = STATE_BY_NAME.get(squash(t.replace(/^\d{2}\s*-\s*/, '')));
  return byName ? ok(byName) : bad('is not a GST state code or state name');
}

let countryNames: Map<string, string> | null = null;
let regionNames: Intl.DisplayNames | null = null;

function regionName(code: string): string | undefined {
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  return regionNames.of(code);
}

/** English country names to ISO codes, built once from Intl so the list stays current. */
function countryByName(): Map<string, string> {
  if (countryNames) return countryNames;
  countryNames = new Map();
  const names = { of: regionName };
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of letters) {
    for (const b of letters) {
      const name = names.of(a + b);
      if (name) countryNames.set(squash(name), a + b);
    }
  }
  for (const [alias, code] of Object.entries({
    usa: 'US',
    uk: 'GB',
    uae: 'AE',
    greatbritain: 'GB',
    england: 'GB',
  })) {
    countryNames.set(alias, code);
  }
  return countryNames;
}

export function readCountry(text: string): CellResult<string> {
  const t = text.trim();
  if (/^[A-Za-z]{2}$/.test(t)) {
    const code = t.toUpperCase();
    return regionName(code) ? ok(code) : bad('is not an ISO 3166 country code');
  }
  const code = countryByName().get(squash(t));
  return code ? ok(code) : bad('is not a country code such as IN or a country name');
}

const LANGUAGES: Record<string, string> = {
  english: 'en',
  hindi: 'hi',
  gujarati: 'gu',
  telugu: 'te',
  marathi: 'mr',
  tamil: 'ta',
  kannada: 'kn',
  bengali: 'bn',
  bangla: 'bn',
  malayalam: 'ml',
  punjabi: 'pa',
  odia: 'or',
  oriya: 'or',
  urdu: 'ur',
  assamese: 'as',
};

export function readLanguage(text: string): CellResult<string> {
  const t = text.trim();
  const byName = LANGUAGES[squash(t)];
  if (byName) return ok(byName);
  const m = /^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?$/.exec(t);
  if (m) return ok(m[2] ? `${m[1]!.toLowerCase()}-${m[2].toUpperCase()}` : m[1]!.toLowerCase());
  return bad('is not a language code such as en, hi, gu, te');
}

export function readTimeZone(text: string): CellResult<string> {
  const t = text.trim();
  return isValidTimeZone(t) && t.includes('/') ? ok(t) : bad('is not an IANA time zone such as Asia/Kolkata');
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function readEmail(text: string): CellResult<string> {
  const t = text.trim();
  return EMAIL.test(t) && t.length <= 320 ? ok(t) : bad('is not an email address');
}

const PHONE = /^\+?[0-9][0-9 ()-]{5,19}$/;

export function readPhone(text: string): CellResult<string> {
  const t = text.trim();
  return PHONE.test(t) ? ok(t) : bad('is not a phone number such as +91 98250 12345');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Free text. Line breaks typed inside a spreadsheet cell become spaces in one-line fields;
 * other control characters are refused because they break exports and PDFs later.
 */
export function readText(text: string, max: number, multiline = false): CellResult<string> {
  let t = text.trim();
  if (!multiline) t = t.replace(/\s*[\r\n]+\s*/g, ' ');
  if (CONTROL.test(t)) return bad('contains control characters');
  if (t.length > max) return bad(`is longer than ${max} characters`);
  return ok(t);
}

export function readTags(text: string): CellResult<string[]> {
  const tags = [
    ...new Set(
      text
        .split(/[,;|]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (tags.length > 20) return bad('has more than 20 tags');
  const long = tags.find((t) => t.length > 40);
  if (long) return bad(`has a tag longer than 40 characters ("${long.slice(0, 20)}…")`);
  if (tags.some((t) => CONTROL.test(t))) return bad('contains control characters');
  return ok(tags);
}
