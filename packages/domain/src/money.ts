import { InvalidValue } from './errors.ts';

/**
 * Money is an integer count of a currency's minor units (paise, cents) held as bigint, plus an
 * ISO 4217 code. It travels through JSON and CSV as a plain decimal string ("1234.50"), never as
 * a JS number, so no amount is ever rounded by floating point.
 */
export interface Money {
  amount: bigint;
  currency: string;
}

// ISO 4217 active codes whose minor unit is not 2. Everything else in ACTIVE_CODES has 2.
const EXPONENT_0 = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const EXPONENT_3 = 'BHD IQD JOD KWD LYD OMR TND';
const EXPONENT_4 = 'CLF UYW';
const ACTIVE_CODES = `AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD
 BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR
 FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR
 KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR
 MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD
 SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS
 VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG`;

const EXPONENTS = new Map<string, number>();
for (const code of ACTIVE_CODES.split(/\s+/).filter(Boolean)) EXPONENTS.set(code, 2);
for (const code of EXPONENT_0.split(' ')) EXPONENTS.set(code, 0);
for (const code of EXPONENT_3.split(' ')) EXPONENTS.set(code, 3);
for (const code of EXPONENT_4.split(' ')) EXPONENTS.set(code, 4);

/**
 * Largest absolute amount a single document may carry, in minor units. Far above any real invoice
 * (10^15 paise is ₹10 lakh crore), yet low enough that summing a billion of them cannot overflow
 * PostgreSQL's int8.
 */
export const MAX_AMOUNT = 10n ** 15n;

export function isCurrency(code: string): boolean {
  return EXPONENTS.has(code);
}

export function currencyExponent(code: string): number {
  const exponent = EXPONENTS.get(code);
  if (exponent === undefined) throw new InvalidValue('currency', `unknown currency "${code}"`);
  return exponent;
}

export function allCurrencies(): string[] {
  return [...EXPONENTS.keys()].sort();
}

const STRICT_DECIMAL = /^(-)?(\d{1,19})(?:\.(\d{1,12}))?$/;

/**
 * Parses a strict decimal string ("1234.5", "-0.01") into minor units. Rejects more decimals than
 * the currency has (never silently rounds money), exponents, grouping and anything over MAX_AMOUNT.
 */
export function parseAmount(value: string, currency: string, field = 'amount'): bigint {
  const exponent = currencyExponent(currency);
  const match = STRICT_DECIMAL.exec(value.trim());
  if (!match) throw new InvalidValue(field, `"${truncate(value)}" is not a decimal amount`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.replace(/0+$/, '').length > exponent) {
    throw new InvalidValue(field, `${currency} amounts have at most ${exponent} decimals`);
  }
  const minor = BigInt(whole! + fraction.padEnd(exponent, '0').slice(0, exponent));
  if (minor > MAX_AMOUNT) throw new InvalidValue(field, 'amount is too large');
  return sign ? -minor : minor;
}

/**
 * Parses amounts as people and banks write them: "₹1,23,456.78", "1.234,56" is NOT accepted
 * (ambiguous), "(1,000.00)" and "1,000.00 Dr"/"Cr" and trailing minus are. Returns minor units.
 */
export function parseLooseAmount(value: string, currency: string, field = 'amount'): bigint {
  let text = value.trim().replace(/[\s\u00a0]/g, '');
  let negative = false;
  const drcr = /(Dr|Cr|DR|CR|dr|cr)\.?$/.exec(text);
  if (drcr) {
    negative = drcr[1]!.toLowerCase() === 'cr';
    text = text.slice(0, drcr.index);
  }
  if (/^\(.*\)$/.test(text)) {
    negative = !negative;
    text = text.slice(1, -1);
  }
  if (text.endsWith('-')) {
    negative = !negative;
    text = text.slice(0, -1);
  }
  if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1);
  } else if (text.startsWith('+')) text = text.slice(1);
  text = text.replace(/^(₹|Rs\.?|INR|\$|€|£)/i, '');
  if (/^\d{1,3}(,\d{2,3})*(\.\d+)?$/.test(text)) text = text.replace(/,/g, '');
  if (text === '') throw new InvalidValue(field, `"${truncate(value)}" is not an amount`);
  const minor = parseAmount(text, currency, field);
  return negative ? -minor : minor;
}

/** Minor units to a plain decimal string with the currency's decimals: 123450n INR → "1234.50". */
export function formatAmount(minor: bigint, currency: string): string {
  const exponent = currencyExponent(currency);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0');
  const whole = exponent ? digits.slice(0, -exponent) : digits;
  const fraction = exponent ? `.${digits.slice(-exponent)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * For people: "₹12,34,567.89" for INR (lakh/crore grouping), the currency's own symbol and
 * grouping elsewhere. Exact: Intl formats the decimal string, not a float.
 */
export function formatMoney(minor: bigint, currency: string, locale?: string): string {
  const exponent = currencyExponent(currency);
  const format = new Intl.NumberFormat(locale ?? (currency === 'INR' ? 'en-IN' : 'en'), {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  // Intl.NumberFormat v3 formats decimal strings exactly; the type definitions lag behind.
  return format.format(formatAmount(minor, currency) as unknown as number);
}

/** Rounds a rational (numerator / denominator) to the nearest integer, halves away from zero. */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const rounded = (abs * 2n + denominator) / (2n * denominator);
  return negative ? -rounded : rounded;
}

export function sum(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
