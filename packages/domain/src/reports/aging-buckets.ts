import { type IsoDate, addMonths, assertIsoDate } from '../dates.ts';
import { InvalidValue } from '../errors.ts';

/**
 * One column of an aging report, by days past due. minDays null means open-ended below (the
 * "Current" column: not yet due, days ≤ 0); maxDays null means open-ended above (the last column).
 */
export interface AgingBucket {
  key: string;
  label: string;
  minDays: number | null;
  maxDays: number | null;
}

export const DEFAULT_BUCKET_BOUNDS = [30, 60, 90];

const MAX_BOUNDS = 12;

// A tenant's bounds come from settings; a bad list would silently shift every report column.
function assertBounds(bounds: number[]): void {
  if (bounds.length === 0 || bounds.length > MAX_BOUNDS) {
    throw new InvalidValue('aging_buckets', `give between 1 and ${MAX_BOUNDS} bucket limits`);
  }
  bounds.forEach((bound, i) => {
    if (!Number.isSafeInteger(bound)) throw new InvalidValue('aging_buckets', `"${bound}" is not a whole number of days`);
    if (i === 0 && bound < 1) throw new InvalidValue('aging_buckets', 'the first limit must be at least 1 day');
    if (i > 0 && bound <= bounds[i - 1]!) throw new InvalidValue('aging_buckets', 'limits must be strictly ascending');
  });
}

/** [30, 60, 90] → Current, 1–30, 31–60, 61–90, 90+. */
export function bucketsFromBounds(bounds: number[]): AgingBucket[] {
  assertBounds(bounds);
  const buckets: AgingBucket[] = [{ key: 'current', label: 'Current', minDays: null, maxDays: 0 }];
  let min = 1;
  for (const max of bounds) {
    buckets.push({ key: `d${min}_${max}`, label: min === max ? `${min}` : `${min}–${max}`, minDays: min, maxDays: max });
    min = max + 1;
  }
  const last = bounds[bounds.length - 1]!;
  buckets.push({ key: `d${last}_plus`, label: `${last}+`, minDays: min, maxDays: null });
  return buckets;
}

/**
 * Index into bucketsFromBounds(bounds) for a number of days past due (0 = current).
 *
 * SQL reports bucket rows with PostgreSQL's `width_bucket(days, array[1, b1+1, b2+1, ...])`,
 * which counts the thresholds ≤ days; this counts the same thing, so the two must never disagree.
 */
export function bucketIndex(bounds: number[], daysPastDue: number): number {
  assertBounds(bounds);
  if (!Number.isSafeInteger(daysPastDue)) throw new InvalidValue('days_past_due', 'must be a whole number of days');
  if (daysPastDue <= 0) return 0;
  let index = 1;
  for (const bound of bounds) if (daysPastDue > bound) index += 1;
  return index;
}

export type ScheduleIIIKey = 'lt_6m' | 'm6_12' | 'y1_2' | 'y2_3' | 'gt_3y';

export interface ScheduleIIIBucket {
  key: ScheduleIIIKey;
  label: string;
  /** The item moves out of this column once this many calendar months have passed since due. */
  untilMonths: number | null;
}

/** India, Companies Act Schedule III trade-receivables ageing, measured from the due date. */
export const SCHEDULE_III_BUCKETS: readonly ScheduleIIIBucket[] = [
  { key: 'lt_6m', label: 'Less than 6 months', untilMonths: 6 },
  { key: 'm6_12', label: '6 months – 1 year', untilMonths: 12 },
  { key: 'y1_2', label: '1–2 years', untilMonths: 24 },
  { key: 'y2_3', label: '2–3 years', untilMonths: 36 },
  { key: 'gt_3y', label: 'More than 3 years', untilMonths: null },
];

/**
 * Schedule III column of an item at `asOf`, in calendar months from its due date (a due date on
 * the 31st reaches six months on the last day of a shorter month, as addMonths clamps). Schedule
 * III ages outstanding amounts from the due date and shows items not yet due in the first column,
 * so a due date after asOf lands in lt_6m.
 */
export function scheduleIIIBucket(dueDate: string, asOf: string): ScheduleIIIKey {
  const due: IsoDate = assertIsoDate(dueDate, 'due_date');
  assertIsoDate(asOf, 'as_of');
  for (const bucket of SCHEDULE_III_BUCKETS) {
    if (bucket.untilMonths === null || addMonths(due, bucket.untilMonths) > asOf) return bucket.key;
  }
  throw new Error('unreachable: the last Schedule III bucket is open-ended');
}
