import { InvalidValue } from './errors.ts';

/**
 * Calendar dates are 'YYYY-MM-DD' strings everywhere: no time, no zone, no JS Date at midnight
 * drifting a day in another time zone. Arithmetic goes through UTC day numbers.
 */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function assertIsoDate(value: string, field = 'date'): IsoDate {
  if (!isIsoDate(value)) throw new InvalidValue(field, `"${value}" is not a valid YYYY-MM-DD date`);
  return value;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toDayNumber(date: IsoDate): number {
  const m = ISO.exec(date);
  if (!m) throw new InvalidValue('date', `"${date}" is not a YYYY-MM-DD date`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Same day-of-month N months later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** Today's calendar date in a time zone (a tenant's or a customer's), for a given instant. */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return parts;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export interface FiscalYear {
  start: IsoDate;
  end: IsoDate;
  /** '2025-26' for an April–March year, '2025' for a calendar year. */
  label: string;
  /** Short form used in document numbers: '25-26' or '2025'. */
  short: string;
}

/** The fiscal year containing `date`, for a year starting on the 1st of `startMonth` (India: 4). */
export function fiscalYear(date: IsoDate, startMonth = 4): FiscalYear {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const startYear = m >= startMonth ? y : y - 1;
  const start = `${startYear}-${String(startMonth).padStart(2, '0')}-01`;
  const end = addDays(addMonths(start, 12), -1);
  if (startMonth === 1) return { start, end, label: String(startYear), short: String(startYear) };
  const endYear = String(startYear + 1).slice(2);
  return { start, end, label: `${startYear}-${endYear}`, short: `${String(startYear).slice(2)}-${endYear}` };
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

export type DateFormat = 'YYYY-MM-DD' | 'M/D/YYYY' | 'D/M/YYYY' | 'D/M/YY' | 'D-MMM-YY' | 'D-MMM-YYYY' | 'YYYYMMDD';

/**
 * Reads a date written in a known format (imports, bank files, Tally). Two-digit years are
 * 2000–2099. Returns null when the text is not a real date in that format.
 */
export function parseDateAs(value: string, format: DateFormat): IsoDate | null {
  const text = value.trim();
  let y: number;
  let m: number;
  let d: number;
  let match: RegExpExecArray | null;
  switch (format) {
    case 'YYYY-MM-DD':
      return isIsoDate(text) ? text : null;
    case 'YYYYMMDD':
      match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
      if (!match) return null;
      [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
      break;
    case 'M/D/YYYY':
      match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
      if (!match) return null;
      [m, d, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
      break;
    case 'D/M/YYYY':
    case 'D/M/YY':
      match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
      if (!match) return null;
      [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
      if (match[3]!.length === 2) y += 2000;
      break;
    case 'D-MMM-YY':
    case 'D-MMM-YYYY':
      match = /^(\d{1,2})[- ]([A-Za-z]{3,4})[- ,]*(\d{2}|\d{4})$/.exec(text);
      if (!match) return null;
      d = Number(match[1]);
      m = MONTHS[match[2]!.toLowerCase()] ?? 0;
      y = Number(match[3]);
      if (match[3]!.length === 2) y += 2000;
      break;
  }
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** Tries each format in turn; for inputs like Excel cells or hand-typed CSVs. */
export function parseDateAny(value: string, formats: DateFormat[]): IsoDate | null {
  for (const format of formats) {
    const parsed = parseDateAs(value, format);
    if (parsed) return parsed;
  }
  return null;
}

/** Excel's serial day number (1900 date system) to a date. */
export function fromExcelSerial(serial: number): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  // Excel counts 1900-02-29, which never existed; serial 60 onwards is one day off from 1899-12-31.
  const day = Math.floor(serial) + (serial < 60 ? 1 : 0);
  return fromDayNumber(Date.UTC(1899, 11, 30) / MS_PER_DAY + day);
}
