import { fiscalYear, isIsoDate, todayIn } from '@duely/domain/dates';

export { fiscalYear, todayIn };

/**
 * A report page's as-of date from its URL: the date written there if it is one, else today. A
 * mistyped link shows today's report, not an error.
 */
export function asOfFrom(raw: string, today: string): string {
  return isIsoDate(raw) ? raw : today;
}

const DISPLAY = new Intl.DateTimeFormat('en-IN', {
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2026-04-05" → "05 Apr 2026": month spelled out, so no one reads 05/04 as 4 May. */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return DISPLAY.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

export function fmtInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('en-IN', { dateStyle: 'medium', timeStyle: 'short' });
}

/** The company's financial year (April–March in India) that contains `today`. */
export function currentFinancialYear(today: string, startMonth = 4) {
  return fiscalYear(today, startMonth);
}
