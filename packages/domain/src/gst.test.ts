import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from './errors.ts';
import { bpToPercent, computeLine, gstinCheckDigit, gstinProblem, panProblem, percentToBp, sumTaxes, supplyTypeOf } from './gst.ts';

test('GSTIN check digit', () => {
  assert.equal(gstinCheckDigit('27AAPFU0939F1Z'), 'V');
  assert.equal(gstinProblem('27AAPFU0939F1ZV'), null);
  assert.match(gstinProblem('27AAPFU0939F1ZX')!, /check digit/);
  assert.match(gstinProblem('99AAPFU0939F1ZV')!, /state code/);
  assert.match(gstinProblem('27aapfu0939f1zv')!, /15 characters/);
});

test('PAN shape', () => {
  assert.equal(panProblem('AAPFU0939F'), null);
  assert.notEqual(panProblem('AAPXU0939F'), null);
});

test('intra-state supply: CGST and SGST each half the rate, rounded per line', () => {
  // 3 × ₹333.33 = 999.99 taxable; 18 % → 9 % each = 89.9991 → 90.00
  const line = computeLine({ quantity: '3', unitPrice: 33333n, discount: 0n, taxRateBp: 1800 }, 'intra');
  assert.deepEqual(line, { taxable: 99999n, cgst: 9000n, sgst: 9000n, igst: 0n, otherTax: 0n, total: 117999n });
});

test('inter-state supply: IGST', () => {
  const line = computeLine({ quantity: '2.5', unitPrice: 10001n, discount: 2n, taxRateBp: 1200 }, 'inter');
  // 2.5 × 100.01 = 250.025 → 250.03 (half up) − 0.02 = 250.01; 12 % = 30.0012 → 30.00
  assert.deepEqual(line, { taxable: 25001n, cgst: 0n, sgst: 0n, igst: 3000n, otherTax: 0n, total: 28001n });
});

test('per-line rounding differs from rounding the total, as on a real GST invoice', () => {
  const lines = [1, 2, 3].map(() => computeLine({ quantity: '1', unitPrice: 105n, discount: 0n, taxRateBp: 500 }, 'intra'));
  // each line: 1.05 × 2.5 % = 0.02625 → 0.03 CGST; three lines 0.09 (a single rounding would give 0.08)
  assert.equal(sumTaxes(lines).cgst, 9n);
});

test('bad line inputs name the field', () => {
  assert.throws(() => computeLine({ quantity: '-1', unitPrice: 1n, discount: 0n, taxRateBp: 0 }, 'intra', 'lines[0]'), /lines\[0\].quantity/);
  assert.throws(() => computeLine({ quantity: '0', unitPrice: 1n, discount: 0n, taxRateBp: 0 }, 'intra'), DomainError);
  assert.throws(() => computeLine({ quantity: '1', unitPrice: 100n, discount: 101n, taxRateBp: 0 }, 'intra'), /discount/);
  assert.throws(() => computeLine({ quantity: '1', unitPrice: 100n, discount: 0n, taxRateBp: 10001 }, 'intra'), /tax_rate/);
  assert.throws(() => computeLine({ quantity: '999999999', unitPrice: 10n ** 14n, discount: 0n, taxRateBp: 0 }, 'intra'), /too large/);
});

test('supply type and percentages', () => {
  assert.equal(supplyTypeOf('24', '24'), 'intra');
  assert.equal(supplyTypeOf('24', '27'), 'inter');
  assert.equal(supplyTypeOf(null, '27'), 'none');
  assert.equal(percentToBp('18'), 1800);
  assert.equal(percentToBp('0.25%'), 25);
  assert.equal(bpToPercent(25), '0.25');
  assert.equal(bpToPercent(1250), '12.5');
  assert.throws(() => percentToBp('101'));
});
