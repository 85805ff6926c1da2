import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AllocationTarget,
  NO_DEDUCTIONS,
  invoiceStatus,
  planOldestFirst,
  validateAllocations,
} from './allocation.ts';
import { DomainError } from './errors.ts';

const policy = { writeOffTolerance: 100_00n, bankChargeTolerance: 500_00n, maxTdsBp: 2000 };
const target = (id: string, open: bigint, dueDate: string, extra: Partial<AllocationTarget> = {}): AllocationTarget => ({
  id,
  number: `INV-${id}`,
  customerId: 'c1',
  currency: 'INR',
  open,
  taxable: (open * 100n) / 118n,
  issueDate: '2024-01-01',
  dueDate,
  maxDiscount: 0n,
  ...extra,
});
const receipt = (available: bigint) => ({ kind: 'receipt' as const, customerId: 'c1', currency: 'INR', available });

test('split over two invoices with TDS on one', () => {
  const targets = new Map([
    ['a', target('a', 118000_00n, '2024-02-01', { taxable: 100000_00n })],
    ['b', target('b', 59000_00n, '2024-03-01', { taxable: 50000_00n })],
  ]);
  const { cash } = validateAllocations(
    receipt(175000_00n),
    [
      { invoiceId: 'a', amount: 116000_00n, ...NO_DEDUCTIONS, tds: 2000_00n },
      { invoiceId: 'b', amount: 59000_00n, ...NO_DEDUCTIONS },
    ],
    targets,
    policy,
  );
  assert.equal(cash, 175000_00n);
});

test('over-allocation, over-spending and bad deductions are refused with the field named', () => {
  const targets = new Map([['a', target('a', 1000_00n, '2024-02-01', { taxable: 1000_00n })]]);
  const check = (line: object, available = 5000_00n) =>
    validateAllocations(receipt(available), [{ invoiceId: 'a', amount: 0n, ...NO_DEDUCTIONS, ...line }], targets, policy);
  assert.throws(() => check({ amount: 1000_01n }), /allocations\[0\].amount: .*exceed/);
  assert.throws(() => check({ amount: 900_00n }, 800_00n), /more than the amount available/);
  assert.throws(() => check({ amount: -1n }), /allocations\[0\].amount: must not be negative/);
  assert.throws(() => check({ amount: 0n }), /must be more than zero/);
  assert.throws(() => check({ amount: 700_00n, tds: 300_00n }), /tds/);
  assert.throws(() => check({ amount: 800_00n, writeOff: 100_00n }), /must close the invoice/);
  assert.throws(() => check({ amount: 800_00n, writeOff: 200_00n }), /tolerance/);
  assert.throws(() => check({ amount: 900_00n, discount: 10_00n }), /discount/);
  assert.throws(() => check({ amount: 300_00n, bankCharges: 600_00n }), /bank_charges/);
  assert.equal(check({ amount: 950_00n, writeOff: 50_00n }).cash, 950_00n);
  assert.throws(
    () => validateAllocations(receipt(10n), [{ invoiceId: 'zz', amount: 1n, ...NO_DEDUCTIONS }], targets, policy),
    /invoice_id: no such open invoice/,
  );
  assert.throws(
    () =>
      validateAllocations(
        receipt(10_00n),
        [
          { invoiceId: 'a', amount: 1n, ...NO_DEDUCTIONS },
          { invoiceId: 'a', amount: 1n, ...NO_DEDUCTIONS },
        ],
        targets,
        policy,
      ),
    /appears twice/,
  );
});

test('currency, customer and credit-note rules', () => {
  const targets = new Map([['a', target('a', 1000n, '2024-02-01', { currency: 'USD' })], ['b', target('b', 1000n, '2024-02-01', { customerId: 'c2' })], ['c', target('c', 1000n, '2024-02-01')]]);
  assert.throws(() => validateAllocations(receipt(1000n), [{ invoiceId: 'a', amount: 1n, ...NO_DEDUCTIONS }], targets, policy), /USD/);
  assert.throws(() => validateAllocations(receipt(1000n), [{ invoiceId: 'b', amount: 1n, ...NO_DEDUCTIONS }], targets, policy), DomainError);
  assert.throws(
    () =>
      validateAllocations({ ...receipt(1000n), kind: 'credit_note' }, [{ invoiceId: 'c', amount: 1n, ...NO_DEDUCTIONS, tds: 1n }], targets, policy),
    /cannot carry deductions/,
  );
});

test('oldest-first fills the earliest due invoices and leaves the rest unapplied', () => {
  const plan = planOldestFirst(1500n, [target('late', 1000n, '2024-03-01'), target('early', 1000n, '2024-02-01'), target('paid', 0n, '2024-01-01')]);
  assert.deepEqual(
    plan.map((l) => [l.invoiceId, l.amount]),
    [
      ['early', 1000n],
      ['late', 500n],
    ],
  );
  assert.deepEqual(planOldestFirst(0n, [target('x', 1n, '2024-01-01')]), []);
});

test('invoice status from open amount', () => {
  assert.equal(invoiceStatus(100n, 100n, false), 'open');
  assert.equal(invoiceStatus(100n, 40n, false), 'partially_paid');
  assert.equal(invoiceStatus(100n, 0n, false), 'paid');
  assert.equal(invoiceStatus(100n, 100n, true), 'void');
});
