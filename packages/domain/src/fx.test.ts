import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convertAmount, parseRate } from './fx.ts';

test('parseRate keeps the decimal exact and rejects what is not a positive rate', () => {
  assert.deepEqual(parseRate('83.1245'), { numerator: 831245n, denominator: 10000n });
  assert.deepEqual(parseRate(' 1 '), { numerator: 1n, denominator: 1n });
  for (const bad of ['0', '0.000', '-1', '1e3', 'abc', '', '1.12345678901']) {
    assert.throws(() => parseRate(bad, 'rate'), /rate:/);
  }
});

test('convertAmount moves between minor units of different exponents and rounds half up', () => {
  // $1,000.00 at ₹83.1245 = ₹83,124.50
  assert.equal(convertAmount(100_000n, 'USD', 'INR', parseRate('83.1245')), 8_312_450n);
  // ¥1,000 (no minor unit) at ₹0.5567 = ₹556.70
  assert.equal(convertAmount(1000n, 'JPY', 'INR', parseRate('0.5567')), 55_670n);
  // 1.005 KWD (3 decimals) at 271.5 INR → ₹272.8575 → ₹272.86
  assert.equal(convertAmount(1005n, 'KWD', 'INR', parseRate('271.5')), 27_286n);
  // credits convert with their sign; half rounds away from zero
  assert.equal(convertAmount(-1n, 'USD', 'INR', parseRate('0.5')), -1n);
  assert.equal(convertAmount(123n, 'INR', 'INR', parseRate('2')), 123n);
});
