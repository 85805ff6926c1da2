import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidValue } from '../errors.ts';
import {
  averageCei,
  averageDaysDelinquent,
  averagePaymentDelay,
  bestPossibleDso,
  bestPossibleDsoCountback,
  collectionEffectivenessIndex,
  collectionRate,
  dsoCountback,
  dsoSimple,
  paymentRating,
} from './kpis.ts';

const invalid = (field: string) => (error: unknown) => error instanceof InvalidValue && error.field === field;
const rupees = (r: number) => BigInt(r) * 100n;

// domain.md: AR 2,100,000; sales Mar 900,000, Feb 800,000, Jan 700,000.
const quarter = [
  { sales: rupees(900_000), days: 31 },
  { sales: rupees(800_000), days: 28 },
  { sales: rupees(700_000), days: 31 },
];

test('domain.md DSO example: countback 76.71, simple quarterly 78.75', () => {
  assert.equal(dsoCountback({ endingAr: rupees(2_100_000), months: quarter }), 76.71);
  assert.equal(dsoSimple({ endingAr: rupees(2_100_000), creditSales: rupees(2_400_000), days: 90 }), 78.75);
});

test('countback boundaries', () => {
  // AR exactly one month's sales: that whole month and nothing of the next
  assert.equal(dsoCountback({ endingAr: rupees(900_000), months: quarter }), 31);
  assert.equal(dsoCountback({ endingAr: rupees(450_000), months: quarter }), 15.5);
  // AR equal to all sales, and beyond: the total days of the months given
  assert.equal(dsoCountback({ endingAr: rupees(2_400_000), months: quarter }), 90);
  assert.equal(dsoCountback({ endingAr: rupees(9_000_000), months: quarter }), 90);
  // a month without sales is wholly covered
  assert.equal(dsoCountback({ endingAr: 100n, months: [{ sales: 0n, days: 30 }, { sales: 400n, days: 31 }] }), 37.75);
  assert.equal(dsoCountback({ endingAr: 0n, months: quarter }), 0);
  assert.equal(dsoCountback({ endingAr: -500n, months: quarter }), 0);
  assert.equal(dsoCountback({ endingAr: 100n, months: [] }), null);
  assert.throws(() => dsoCountback({ endingAr: 1n, months: [{ sales: 1n, days: 0 }] }), invalid('months[0].days'));
});

test('simple DSO: zero sales gives null, bad days rejected', () => {
  assert.equal(dsoSimple({ endingAr: 100n, creditSales: 0n, days: 30 }), null);
  assert.equal(dsoSimple({ endingAr: 0n, creditSales: 100n, days: 30 }), 0);
  assert.equal(dsoSimple({ endingAr: 1n, creditSales: 3n, days: 30 }), 10);
  assert.equal(dsoSimple({ endingAr: 1n, creditSales: 7n, days: 30 }), 4.29);
  assert.throws(() => dsoSimple({ endingAr: 1n, creditSales: 3n, days: 30.5 }), invalid('days'));
  assert.throws(() => dsoSimple({ endingAr: 1n, creditSales: 3n, days: -1 }), invalid('days'));
});

test('best possible DSO and average days delinquent', () => {
  const bpdso = bestPossibleDso({ notDueAr: rupees(1_200_000), creditSales: rupees(2_400_000), days: 90 });
  assert.equal(bpdso, 45);
  assert.equal(averageDaysDelinquent(78.75, bpdso), 33.75);
  const bpdsoCb = bestPossibleDsoCountback({ notDueAr: rupees(1_000_000), months: quarter });
  assert.equal(bpdsoCb, 34.5); // 31 + 100,000/800,000 × 28
  assert.equal(averageDaysDelinquent(76.71, bpdsoCb), 42.21);
  assert.equal(bestPossibleDsoCountback({ notDueAr: rupees(1_000_000), months: quarter.slice(1) }), 36.86); // 28 + 200/700 × 31 = 36.857…
  assert.equal(averageDaysDelinquent(0.3, 0.1), 0.2); // not 0.19999999999999998
  assert.equal(averageDaysDelinquent(null, 10), null);
  assert.equal(averageDaysDelinquent(10, null), null);
  assert.equal(bestPossibleDso({ notDueAr: 5n, creditSales: 0n, days: 30 }), null);
});

test('domain.md CEI example: 55.9 %', () => {
  const cei = collectionEffectivenessIndex({
    openingAr: rupees(6_200),
    creditSales: rupees(3_630),
    closingAr: rupees(6_340),
    closingCurrentAr: rupees(3_590),
  });
  assert.equal(cei!.toFixed(1), '55.9');
  assert.equal(cei, 55.93); // 3,490 ÷ 6,240
});

test('CEI edges', () => {
  assert.equal(collectionEffectivenessIndex({ openingAr: 100n, creditSales: 0n, closingAr: 0n, closingCurrentAr: 0n }), 100);
  assert.equal(collectionEffectivenessIndex({ openingAr: 100n, creditSales: 50n, closingAr: 150n, closingCurrentAr: 150n }), null);
});

test('average CEI ignores months without a figure', () => {
  assert.equal(averageCei([55.93, null, 80, 70.1]), 68.68); // 206.03 ÷ 3 = 68.676…
  assert.equal(averageCei([0.1, 0.2]), 0.15);
  assert.equal(averageCei([null, null]), null);
  assert.equal(averageCei([]), null);
  assert.throws(() => averageCei([Number.NaN]), invalid('cei'));
});

test('average payment delay: amount-weighted, early negative, open overdue items to today', () => {
  const today = '2026-03-31';
  const items = [
    { amount: 100_00n, dueDate: '2026-01-31', paidDate: '2026-02-10' }, // 10 days late
    { amount: 300_00n, dueDate: '2026-02-28', paidDate: '2026-02-23' }, // 5 days early
    { amount: 200_00n, dueDate: '2026-03-01', paidDate: null }, // open, 30 days overdue
    { amount: 999_00n, dueDate: '2026-04-30', paidDate: null }, // open, not due: left out
    { amount: 999_00n, dueDate: '2026-03-31', paidDate: null }, // due today: not overdue yet
  ];
  // (100 × 10 − 300 × 5 + 200 × 30) ÷ 600 = 5,500 ÷ 600 = 9.1666…
  assert.equal(averagePaymentDelay(items, today), 9.17);
  assert.equal(averagePaymentDelay([{ amount: 5n, dueDate: '2026-03-10', paidDate: '2026-03-01' }], today), -9);
  assert.equal(averagePaymentDelay(items.slice(3), today), null);
  assert.equal(averagePaymentDelay([], today), null);
});

test('average payment delay rejects bad input', () => {
  const ok = { amount: 1n, dueDate: '2026-01-01', paidDate: null };
  assert.throws(() => averagePaymentDelay([ok, { ...ok, amount: -1n }], '2026-03-31'), invalid('items[1].amount'));
  assert.throws(() => averagePaymentDelay([{ ...ok, dueDate: '2026-02-30' }], '2026-03-31'), invalid('items[0].due_date'));
  assert.throws(() => averagePaymentDelay([{ ...ok, paidDate: '01/02/2026' }], '2026-03-31'), invalid('items[0].paid_date'));
  assert.throws(() => averagePaymentDelay([ok], 'today'), invalid('today'));
});

test('payment ratings A ≤ 30 < B ≤ 60 < C ≤ 90 < D', () => {
  const cases: [number | null, string | null][] = [
    [-12, 'A'], [0, 'A'], [30, 'A'], [30.01, 'B'], [60, 'B'], [60.5, 'C'], [90, 'C'], [90.01, 'D'], [400, 'D'], [null, null],
  ];
  for (const [delay, rating] of cases) assert.equal(paymentRating(delay), rating, String(delay));
  assert.throws(() => paymentRating(Number.NaN), invalid('delay_days'));
});

test('collection rate vs target', () => {
  assert.equal(collectionRate(rupees(450_000), rupees(500_000)), 90);
  assert.equal(collectionRate(rupees(1), rupees(3)), 33.33);
  assert.equal(collectionRate(rupees(600_000), rupees(500_000)), 120);
  assert.equal(collectionRate(0n, rupees(500_000)), 0);
  assert.equal(collectionRate(rupees(10), 0n), null);
});
