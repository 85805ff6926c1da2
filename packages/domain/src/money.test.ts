import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from './errors.ts';
import {
  MAX_AMOUNT,
  currencyExponent,
  formatAmount,
  formatMoney,
  parseAmount,
  parseLooseAmount,
  roundHalfUp,
} from './money.ts';

test('parseAmount reads decimals exactly into minor units', () => {
  assert.equal(parseAmount('1234.5', 'INR'), 123450n);
  assert.equal(parseAmount('0.01', 'INR'), 1n);
  assert.equal(parseAmount('-25.03', 'EUR'), -2503n);
  assert.equal(parseAmount('1500', 'JPY'), 1500n);
  assert.equal(parseAmount('1.234', 'KWD'), 1234n);
  assert.equal(parseAmount('10.100', 'INR'), 1010n, 'trailing zeros beyond the exponent are fine');
  // in floats 9000000000000.04 - 9000000000000 is 0.0390625
  assert.equal(parseAmount('9000000000000.04', 'INR') - parseAmount('9000000000000.00', 'INR'), 4n);
});

test('parseAmount rejects what it cannot represent exactly', () => {
  for (const bad of ['', 'abc', '1e5', '1,000', '12.345', '--1', '1.2.3', 'NaN', 'Infinity', ' 1 2']) {
    assert.throws(() => parseAmount(bad, 'INR'), DomainError, bad);
  }
  assert.throws(() => parseAmount('1.5', 'JPY'), /at most 0 decimals/);
  assert.throws(() => parseAmount((MAX_AMOUNT + 1n).toString(), 'JPY'), /too large/);
  assert.throws(() => parseAmount('99999999999999999999', 'INR'), DomainError);
  assert.throws(() => parseAmount('1', 'XYZ'), /unknown currency/);
  assert.throws(() => currencyExponent('inr'), /unknown currency/);
});

test('parseLooseAmount reads amounts as banks and Tally print them', () => {
  assert.equal(parseLooseAmount('₹1,23,456.78', 'INR'), 12345678n);
  assert.equal(parseLooseAmount('1,234,567.00', 'USD'), 123456700n);
  assert.equal(parseLooseAmount('(1,000.00)', 'INR'), -100000n);
  assert.equal(parseLooseAmount('500.00 Cr', 'INR'), -50000n);
  assert.equal(parseLooseAmount('500.00 Dr', 'INR'), 50000n);
  assert.equal(parseLooseAmount('750-', 'INR'), -75000n);
  assert.equal(parseLooseAmount('Rs. 99', 'INR'), 9900n);
  assert.throws(() => parseLooseAmount('1.234,56', 'EUR'), DomainError);
  assert.throws(() => parseLooseAmount('', 'INR'), DomainError);
});

test('formatAmount and formatMoney', () => {
  assert.equal(formatAmount(123450n, 'INR'), '1234.50');
  assert.equal(formatAmount(-5n, 'INR'), '-0.05');
  assert.equal(formatAmount(1500n, 'JPY'), '1500');
  assert.equal(formatAmount(1n, 'KWD'), '0.001');
  assert.equal(formatMoney(123456789n, 'INR'), '₹12,34,567.89');
  assert.equal(formatMoney(10000000000n, 'INR'), '₹10,00,00,000.00');
  assert.equal(formatMoney(-5000n, 'INR'), '-₹50.00');
  assert.equal(formatMoney(123456789n, 'USD'), '$1,234,567.89');
  // exact beyond 2^53: a float would print ...992.00
  assert.equal(formatMoney(900719925474099301n, 'INR').endsWith('47,40,993.01'), true);
});

test('roundHalfUp rounds halves away from zero', () => {
  assert.equal(roundHalfUp(5n, 2n), 3n);
  assert.equal(roundHalfUp(-5n, 2n), -3n);
  assert.equal(roundHalfUp(4n, 3n), 1n);
  assert.equal(roundHalfUp(449n, 100n), 4n);
  assert.equal(roundHalfUp(450n, 100n), 5n);
});
