import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidValue } from '../errors.ts';
import {
  type LossRate,
  applyOverrides,
  proposedProvisionEntry,
  provisionMatrix,
  provisionMovement,
  rateToPercent,
  rollRateLossRates,
} from './provisions.ts';

const invalid = (field: string) => (error: unknown) => error instanceof InvalidValue && error.field === field;
const rupees = (r: number) => BigInt(r) * 100n;
const rate = (numerator: bigint, denominator: bigint): LossRate => ({ numerator, denominator });

// domain.md roll-rate example: of 100,000 of sales, 2,000 never paid.
const reached = [100_000, 50_000, 23_000, 8_000, 2_000].map(rupees);
const lost = [2_000, 2_000, 2_000, 2_000, 2_000].map(rupees);
const balances = [300_000, 140_000, 60_000, 23_000, 5_000].map(rupees);

test('domain.md roll rates: 2 %, 4 %, 8.70 %, 25 %, 100 %', () => {
  const rates = rollRateLossRates(reached, lost);
  assert.deepEqual(rates, [rate(1n, 50n), rate(1n, 25n), rate(2n, 23n), rate(1n, 4n), rate(1n, 1n)]);
  assert.deepEqual(rates.map(rateToPercent), [2, 4, 8.7, 25, 100]);
});

test('domain.md provision matrix: 27,567.39 rupees, exactly', () => {
  const { perBucket, total } = provisionMatrix(balances, rollRateLossRates(reached, lost));
  // 60,000 × 2 ÷ 23 = 5,217.3913… → 5,217.39
  assert.deepEqual(perBucket, [600_000n, 560_000n, 521_739n, 575_000n, 500_000n]);
  assert.equal(total, 2_756_739n);
});

test('roll rates: nothing reached is 0, more lost than reached is capped at 100 %', () => {
  assert.deepEqual(rollRateLossRates([0n, 100n, 100n, 300n], [0n, 150n, 0n, 100n]), [rate(0n, 1n), rate(1n, 1n), rate(0n, 1n), rate(1n, 3n)]);
  assert.deepEqual(rollRateLossRates([], []), []);
  assert.throws(() => rollRateLossRates([1n, 2n], [1n]), invalid('lost'));
  assert.throws(() => rollRateLossRates([1n, -2n], [1n, 1n]), invalid('reached[1]'));
  assert.throws(() => rollRateLossRates([1n, 2n], [-1n, 1n]), invalid('lost[0]'));
});

test('provision matrix rounds each bucket half-up and totals the rounded figures', () => {
  const third = rate(1n, 3n);
  // three buckets of ⅓ paisa each round to 0, so the total is 0, not 1
  assert.deepEqual(provisionMatrix([1n, 1n, 1n], [third, third, third]), { perBucket: [0n, 0n, 0n], total: 0n });
  // halves round up: 0.5 → 1, 1.5 → 2, 2.5 → 3
  assert.deepEqual(provisionMatrix([1n, 3n, 5n], [rate(1n, 2n), rate(1n, 2n), rate(1n, 2n)]), { perBucket: [1n, 2n, 3n], total: 6n });
  // a net credit bucket carries no loss and does not reduce the others
  assert.deepEqual(provisionMatrix([-10_000n, 10_000n], [rate(1n, 2n), rate(1n, 2n)]), { perBucket: [0n, 5_000n], total: 5_000n });
  assert.deepEqual(provisionMatrix([], []), { perBucket: [], total: 0n });
});

test('provision matrix rejects mismatched or impossible rates', () => {
  assert.throws(() => provisionMatrix([1n, 2n], [rate(1n, 2n)]), invalid('rates'));
  assert.throws(() => provisionMatrix([1n], [rate(1n, 0n)]), invalid('rates[0]'));
  assert.throws(() => provisionMatrix([1n], [rate(3n, 2n)]), invalid('rates[0]'));
  assert.throws(() => provisionMatrix([1n], [rate(-1n, 2n)]), invalid('rates[0]'));
  assert.throws(() => rateToPercent(rate(1n, -2n)), invalid('rate'));
});

test('overrides parse decimal percentages exactly', () => {
  const rates = rollRateLossRates(reached, lost);
  const result = applyOverrides(rates, [
    { bucket: 2, percent: '12.5', reason: 'Two large customers in insolvency proceedings' },
    { bucket: 0, percent: ' 0.333 ', reason: 'Outlook: sector slowdown' },
    { bucket: 4, percent: '100', reason: 'Policy' },
    { bucket: 3, percent: '0', reason: 'Credit insurance covers this bucket' },
  ]);
  assert.deepEqual(result, [rate(333n, 100_000n), rate(1n, 25n), rate(1n, 8n), rate(0n, 1n), rate(1n, 1n)]);
  assert.deepEqual(rates[2], rate(2n, 23n)); // the input is not mutated
  assert.equal(rateToPercent(result[0]!), 0.33);
  assert.deepEqual(applyOverrides(rates, []), rates);
  // 12.5 % of 60,000 rupees is exactly 7,500
  assert.equal(provisionMatrix(balances, result).perBucket[2], 750_000n);
});

test('overrides: bad values name the field', () => {
  const rates = [rate(1n, 50n), rate(1n, 25n)];
  const ok = { bucket: 1, percent: '10', reason: 'why' };
  for (const percent of ['', '-1', '100.01', '101', '1e2', '12,5', '.5', '5.', 'abc', '12.12345678901', '1000']) {
    assert.throws(() => applyOverrides(rates, [ok, { ...ok, bucket: 0, percent }]), invalid('overrides[1].percent'), percent);
  }
  for (const bucket of [-1, 2, 0.5, Number.NaN]) {
    assert.throws(() => applyOverrides(rates, [{ ...ok, bucket }]), invalid('overrides[0].bucket'), String(bucket));
  }
  assert.throws(() => applyOverrides(rates, [ok, ok]), invalid('overrides[1].bucket'));
  assert.throws(() => applyOverrides(rates, [{ ...ok, reason: '  \n ' }]), invalid('overrides[0].reason'));
  assert.deepEqual(applyOverrides(rates, [{ ...ok, percent: '100.000' }])[1], rate(1n, 1n));
});

test('provision movement: charge or release', () => {
  assert.deepEqual(provisionMovement(2_000_000n, 2_756_739n), { charge: 756_739n, release: 0n });
  assert.deepEqual(provisionMovement(2_756_739n, 2_500_000n), { charge: 0n, release: 256_739n });
  assert.deepEqual(provisionMovement(5n, 5n), { charge: 0n, release: 0n });
  assert.throws(() => provisionMovement(-1n, 5n), invalid('opening'));
  assert.throws(() => provisionMovement(1n, -5n), invalid('closing'));
});

function assertBalanced(lines: { debit: bigint; credit: bigint }[]): void {
  assert.equal(lines.reduce((a, l) => a + l.debit, 0n), lines.reduce((a, l) => a + l.credit, 0n));
}

test('proposed entry: a charge debits expense, credits the allowance', () => {
  const lines = proposedProvisionEntry(provisionMovement(0n, 2_756_739n), 'INR');
  assert.deepEqual(
    lines.map((l) => [l.account, l.debit, l.credit]),
    [['BAD_DEBT_EXPENSE', 2_756_739n, 0n], ['ECL_ALLOWANCE', 0n, 2_756_739n]],
  );
  assert.match(lines[0]!.memo, /increased by 27567\.39 INR/);
  assertBalanced(lines);
});

test('proposed entry: a release reverses it; nothing to post gives no lines', () => {
  const lines = proposedProvisionEntry({ charge: 0n, release: 1_250n }, 'USD');
  assert.deepEqual(
    lines.map((l) => [l.account, l.debit, l.credit]),
    [['ECL_ALLOWANCE', 1_250n, 0n], ['BAD_DEBT_EXPENSE', 0n, 1_250n]],
  );
  assert.match(lines[1]!.memo, /released by 12\.50 USD/);
  assertBalanced(lines);
  assert.deepEqual(proposedProvisionEntry({ charge: 0n, release: 0n }, 'INR'), []);
  assertBalanced(proposedProvisionEntry({ charge: 7n, release: 3n }, 'INR'));
  assert.throws(() => proposedProvisionEntry({ charge: 0n, release: 0n }, 'XYZ'), invalid('currency'));
  assert.throws(() => proposedProvisionEntry({ charge: -1n, release: 0n }, 'INR'), invalid('charge'));
  assert.throws(() => proposedProvisionEntry({ charge: 0n, release: -1n }, 'INR'), invalid('release'));
});
