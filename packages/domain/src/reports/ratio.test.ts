import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hundredths, toHundredths } from './ratio.ts';

test('hundredths rounds half away from zero, exactly', () => {
  assert.equal(hundredths(1005n, 100_000n), 0.01); // 0.01005
  assert.equal(hundredths(1n, 200n), 0.01); // 0.005, a float would give 0.01 or 0 depending on luck
  assert.equal(hundredths(-1n, 200n), -0.01);
  assert.equal(hundredths(2n, 3n), 0.67);
});

test('hundredths is null on a zero or negative denominator', () => {
  assert.equal(hundredths(5n, 0n), null);
  assert.equal(hundredths(5n, -1n), null);
});

test('toHundredths undoes the float representation', () => {
  assert.equal(toHundredths(76.71), 7671n);
  assert.equal(toHundredths(-0.29), -29n);
  assert.equal(toHundredths(0.1 + 0.2), 30n);
});
