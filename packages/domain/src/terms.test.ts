import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dueDateFor, earlyPaymentDiscountLimit, instalmentSchedule, openInstalments, validateTerms } from './terms.ts';

test('net terms', () => {
  assert.equal(dueDateFor('2024-01-31', { netDays: 30 }), '2024-03-01');
  assert.deepEqual(instalmentSchedule('2024-01-01', 1000n, { netDays: 45 }), [
    { seq: 1, dueDate: '2024-02-15', amount: 1000n },
  ]);
});

test('instalments add up to the total exactly', () => {
  const terms = { netDays: 90, instalments: [{ percentBp: 3333, days: 30 }, { percentBp: 3333, days: 60 }, { percentBp: 3334, days: 90 }] };
  validateTerms(terms);
  const parts = instalmentSchedule('2024-01-01', 100001n, terms);
  assert.deepEqual(parts.map((p) => p.amount), [33330n, 33330n, 33341n]);
  assert.equal(parts.reduce((s, p) => s + p.amount, 0n), 100001n);
  assert.equal(dueDateFor('2024-01-01', terms), '2024-03-31');
  assert.deepEqual(openInstalments(parts, 40000n).map((p) => p.amount), [0n, 26660n, 33341n]);
});

test('terms validation names the field', () => {
  assert.throws(() => validateTerms({ netDays: -1 }), /net_days/);
  assert.throws(() => validateTerms({ netDays: 30, instalments: [{ percentBp: 5000, days: 30 }] }), /add up to 100/);
  assert.throws(() => validateTerms({ netDays: 30, instalments: [{ percentBp: 5000, days: 30 }, { percentBp: 5000, days: 30 }] }), /instalments\[1\].days/);
  assert.throws(() => validateTerms({ netDays: 30, discountBp: 200, discountDays: 45 }), /discount_days/);
});

test('early-payment discount applies only inside its window', () => {
  const terms = { netDays: 30, discountBp: 200, discountDays: 10 };
  assert.equal(earlyPaymentDiscountLimit('2024-01-01', 118000_00n, '2024-01-11', terms), 2360_00n);
  assert.equal(earlyPaymentDiscountLimit('2024-01-01', 118000_00n, '2024-01-12', terms), 0n);
  assert.equal(earlyPaymentDiscountLimit('2024-01-01', 118000_00n, '2024-01-05', null), 0n);
});
