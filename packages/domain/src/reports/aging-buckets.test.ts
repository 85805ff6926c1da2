import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidValue } from '../errors.ts';
import {
  DEFAULT_BUCKET_BOUNDS,
  SCHEDULE_III_BUCKETS,
  bucketIndex,
  bucketsFromBounds,
  scheduleIIIBucket,
} from './aging-buckets.ts';

const invalid = (field: string) => (error: unknown) => error instanceof InvalidValue && error.field === field;

// PostgreSQL's documented rule for width_bucket(operand, thresholds[]): the number of
// thresholds ≤ operand (thresholds sorted ascending), 0 below the first.
function pgWidthBucket(operand: number, thresholds: number[]): number {
  return thresholds.filter((t) => t <= operand).length;
}

test('default buckets: Current, 1–30, 31–60, 61–90, 90+', () => {
  assert.deepEqual(bucketsFromBounds(DEFAULT_BUCKET_BOUNDS), [
    { key: 'current', label: 'Current', minDays: null, maxDays: 0 },
    { key: 'd1_30', label: '1–30', minDays: 1, maxDays: 30 },
    { key: 'd31_60', label: '31–60', minDays: 31, maxDays: 60 },
    { key: 'd61_90', label: '61–90', minDays: 61, maxDays: 90 },
    { key: 'd90_plus', label: '90+', minDays: 91, maxDays: null },
  ]);
});

test('custom bounds, including a one-day bucket', () => {
  const buckets = bucketsFromBounds([1, 15, 45]);
  assert.deepEqual(
    buckets.map((b) => [b.key, b.label]),
    [['current', 'Current'], ['d1_1', '1'], ['d2_15', '2–15'], ['d16_45', '16–45'], ['d45_plus', '45+']],
  );
});

test('bad bounds name the aging_buckets field', () => {
  for (const bounds of [[], [0, 30], [-5], [30, 30], [60, 30], [30.5], [Number.NaN], Array.from({ length: 13 }, (_, i) => i + 1)]) {
    assert.throws(() => bucketsFromBounds(bounds), invalid('aging_buckets'), JSON.stringify(bounds));
    assert.throws(() => bucketIndex(bounds, 10), invalid('aging_buckets'));
  }
  assert.equal(bucketsFromBounds(Array.from({ length: 12 }, (_, i) => (i + 1) * 10)).length, 14);
});

test('bucketIndex on the boundaries', () => {
  const cases: [number, number][] = [[-400, 0], [-1, 0], [0, 0], [1, 1], [30, 1], [31, 2], [60, 2], [61, 3], [90, 3], [91, 4], [10_000, 4]];
  for (const [days, index] of cases) assert.equal(bucketIndex(DEFAULT_BUCKET_BOUNDS, days), index, `${days} days`);
  assert.throws(() => bucketIndex(DEFAULT_BUCKET_BOUNDS, 1.5), invalid('days_past_due'));
});

test('bucketIndex agrees with width_bucket(days, array[1, b1+1, ...]) and with the bucket ranges', () => {
  for (const bounds of [DEFAULT_BUCKET_BOUNDS, [1], [7, 14, 21, 28], [15, 45, 180, 365]]) {
    const thresholds = [1, ...bounds.map((b) => b + 1)];
    const buckets = bucketsFromBounds(bounds);
    for (let days = -3; days <= bounds[bounds.length - 1]! + 3; days++) {
      const index = bucketIndex(bounds, days);
      assert.equal(index, pgWidthBucket(days, thresholds), `${days} days in ${bounds}`);
      const { minDays, maxDays } = buckets[index]!;
      assert.ok((minDays === null || days >= minDays) && (maxDays === null || days <= maxDays));
    }
  }
});

test('Schedule III buckets and labels', () => {
  assert.deepEqual(
    SCHEDULE_III_BUCKETS.map((b) => [b.key, b.label]),
    [
      ['lt_6m', 'Less than 6 months'],
      ['m6_12', '6 months – 1 year'],
      ['y1_2', '1–2 years'],
      ['y2_3', '2–3 years'],
      ['gt_3y', 'More than 3 years'],
    ],
  );
});

test('Schedule III at 31 March, by calendar months from the due date', () => {
  const asOf = '2026-03-31';
  assert.equal(scheduleIIIBucket('2026-04-15', asOf), 'lt_6m'); // not yet due
  assert.equal(scheduleIIIBucket('2026-03-31', asOf), 'lt_6m');
  assert.equal(scheduleIIIBucket('2025-10-01', asOf), 'lt_6m');
  assert.equal(scheduleIIIBucket('2025-09-30', asOf), 'm6_12'); // exactly six months
  assert.equal(scheduleIIIBucket('2025-04-01', asOf), 'm6_12');
  assert.equal(scheduleIIIBucket('2025-03-31', asOf), 'y1_2');
  assert.equal(scheduleIIIBucket('2024-04-01', asOf), 'y1_2');
  assert.equal(scheduleIIIBucket('2024-03-31', asOf), 'y2_3');
  assert.equal(scheduleIIIBucket('2023-04-01', asOf), 'y2_3');
  assert.equal(scheduleIIIBucket('2023-03-31', asOf), 'gt_3y');
  assert.equal(scheduleIIIBucket('2001-01-01', asOf), 'gt_3y');
});

test('Schedule III month ends: 31 August plus six months is 28 February', () => {
  assert.equal(scheduleIIIBucket('2024-08-31', '2025-02-27'), 'lt_6m');
  assert.equal(scheduleIIIBucket('2024-08-31', '2025-02-28'), 'm6_12');
  assert.equal(scheduleIIIBucket('2024-08-30', '2025-02-28'), 'm6_12');
  // leap years: 31 Aug 2023 + 6 months = 29 Feb 2024; 29 Feb 2024 + 12 months = 28 Feb 2025
  assert.equal(scheduleIIIBucket('2023-08-31', '2024-02-28'), 'lt_6m');
  assert.equal(scheduleIIIBucket('2023-08-31', '2024-02-29'), 'm6_12');
  assert.equal(scheduleIIIBucket('2024-02-29', '2025-02-27'), 'm6_12');
  assert.equal(scheduleIIIBucket('2024-02-29', '2025-02-28'), 'y1_2');
  assert.equal(scheduleIIIBucket('2021-02-28', '2024-02-28'), 'gt_3y');
  assert.equal(scheduleIIIBucket('2021-02-28', '2024-02-27'), 'y2_3');
});

test('Schedule III rejects bad dates naming the field', () => {
  assert.throws(() => scheduleIIIBucket('2025-02-30', '2026-03-31'), invalid('due_date'));
  assert.throws(() => scheduleIIIBucket('2025-02-01', '31/03/2026'), invalid('as_of'));
});
