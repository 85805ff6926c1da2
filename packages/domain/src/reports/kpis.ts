import { assertIsoDate, daysBetween } from '../dates.ts';
import { InvalidValue } from '../errors.ts';
import { hundredths, toHundredths } from './ratio.ts';

/*
 * Collection KPIs as defined in docs/domain.md. Money comes in as bigint minor units; ratios go out
 * as JS numbers rounded half-up to 2 decimals (they are not money), or null when the denominator
 * is zero or negative, where the ratio means nothing.
 */

export interface SalesMonth {
  sales: bigint;
  days: number;
}

function assertDays(days: number, field: string, min = 0): bigint {
  if (!Number.isSafeInteger(days) || days < min) throw new InvalidValue(field, `must be a whole number of days, at least ${min}`);
  return BigInt(days);
}

/** Ending AR ÷ credit sales in the period × days in the period. */
export function dsoSimple({ endingAr, creditSales, days }: { endingAr: bigint; creditSales: bigint; days: number }): number | null {
  return hundredths(endingAr * assertDays(days, 'days'), creditSales);
}

/**
 * Countback DSO over months given most recent first: whole months are counted while the AR left
 * covers that month's sales, then the fraction of the month it covers. AR that exceeds every
 * month's sales stops at the total days of the months given, because there is no earlier sales
 * history to measure the rest against; pass more months for a truer figure. AR ≤ 0 is 0 days.
 * null only when no months are given.
 */
export function dsoCountback({ endingAr, months }: { endingAr: bigint; months: SalesMonth[] }): number | null {
  const days = months.map((m, i) => assertDays(m.days, `months[${i}].days`, 1));
  if (months.length === 0) return null;
  let remaining = endingAr;
  let wholeDays = 0n;
  for (const [i, { sales }] of months.entries()) {
    if (remaining <= 0n) break;
    // remaining > 0 here, so sales > remaining > 0 and the division is safe.
    if (remaining < sales) return hundredths(wholeDays * sales + remaining * days[i]!, sales);
    remaining -= sales;
    wholeDays += days[i]!;
  }
  return Number(wholeDays);
}

/** DSO of the not-yet-due AR alone: the DSO the terms given would produce if everyone paid on time. */
export function bestPossibleDso({ notDueAr, creditSales, days }: { notDueAr: bigint; creditSales: bigint; days: number }): number | null {
  return dsoSimple({ endingAr: notDueAr, creditSales, days });
}

export function bestPossibleDsoCountback({ notDueAr, months }: { notDueAr: bigint; months: SalesMonth[] }): number | null {
  return dsoCountback({ endingAr: notDueAr, months });
}

/** DSO − BPDSO, the days lost to late payment. Pair like with like (both simple or both countback). */
export function averageDaysDelinquent(dso: number | null, bpdso: number | null): number | null {
  if (dso === null || bpdso === null) return null;
  return Number(toHundredths(dso) - toHundredths(bpdso)) / 100;
}

/**
 * Collection Effectiveness Index for one period, in percent: what was collected out of what was
 * collectable (everything except what is still not due at the close).
 */
export function collectionEffectivenessIndex({
  openingAr,
  creditSales,
  closingAr,
  closingCurrentAr,
}: {
  openingAr: bigint;
  creditSales: bigint;
  closingAr: bigint;
  closingCurrentAr: bigint;
}): number | null {
  return hundredths((openingAr + creditSales - closingAr) * 100n, openingAr + creditSales - closingCurrentAr);
}

/** Mean of a monthly CEI series; months without a CEI (null) are not counted as zero. */
export function averageCei(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.some((v) => !Number.isFinite(v))) throw new InvalidValue('cei', 'values must be finite numbers');
  if (present.length === 0) return null;
  const total = present.reduce((acc, v) => acc + toHundredths(v), 0n);
  return hundredths(total, BigInt(present.length) * 100n);
}

export interface PaymentDelayItem {
  amount: bigint;
  dueDate: string;
  paidDate: string | null;
}

/**
 * Amount-weighted days from due date to payment, in days; early payment counts negative. An open
 * item counts up to today if it is overdue; an open item not yet due is left out, as it has no
 * delay yet and counting it as 0 would flatter the average. null when nothing counts.
 */
export function averagePaymentDelay(items: PaymentDelayItem[], today: string): number | null {
  assertIsoDate(today, 'today');
  let weighted = 0n;
  let total = 0n;
  items.forEach((item, i) => {
    if (item.amount < 0n) throw new InvalidValue(`items[${i}].amount`, 'must not be negative');
    assertIsoDate(item.dueDate, `items[${i}].due_date`);
    if (item.paidDate !== null) assertIsoDate(item.paidDate, `items[${i}].paid_date`);
    const until = item.paidDate ?? (today > item.dueDate ? today : null);
    if (until === null) return;
    weighted += item.amount * BigInt(daysBetween(item.dueDate, until));
    total += item.amount;
  });
  return hundredths(weighted, total);
}

export type PaymentRating = 'A' | 'B' | 'C' | 'D';

/** A ≤ 30, B ≤ 60, C ≤ 90, D > 90 days of average payment delay (early payers are A). */
export function paymentRating(delayDays: number | null): PaymentRating | null {
  if (delayDays === null) return null;
  if (Number.isNaN(delayDays)) throw new InvalidValue('delay_days', 'must be a number');
  if (delayDays <= 30) return 'A';
  if (delayDays <= 60) return 'B';
  if (delayDays <= 90) return 'C';
  return 'D';
}

/** Collected ÷ target in percent; null without a positive target. */
export function collectionRate(collected: bigint, target: bigint): number | null {
  return hundredths(collected * 100n, target);
}
