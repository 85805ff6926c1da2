import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertBalanced, creditNotePosting, deductionPosting, receiptPosting, reversePosting, salesPosting } from './journal.ts';

const amounts = { taxable: 100000n, cgst: 9000n, sgst: 9000n, igst: 0n, otherTax: 0n, total: 118000n };

test('every builder produces a balanced entry', () => {
  for (const lines of [
    salesPosting('c', amounts),
    creditNotePosting('c', amounts),
    receiptPosting('c', 5n),
    deductionPosting('c', { tds: 2000n, bankCharges: 10n, discount: 0n, writeOff: 3n }, 'INV-1'),
    reversePosting(salesPosting('c', amounts)),
  ]) {
    assertBalanced(lines);
  }
  assert.equal(salesPosting('c', amounts).length, 4, 'zero IGST line is left out');
  assert.equal(deductionPosting('c', { tds: 1n, bankCharges: 0n, discount: 0n, writeOff: 0n }, 'X').length, 2);
});

test('unbalanced or malformed entries are refused', () => {
  assert.throws(() => assertBalanced([{ account: 'BANK', debit: 1n, credit: 0n }]), /does not balance/);
  assert.throws(() => assertBalanced([{ account: 'AR', debit: 1n, credit: 0n }, { account: 'BANK', debit: 0n, credit: 1n }]), /needs a customer/);
  assert.throws(() => assertBalanced([{ account: 'BANK', debit: 1n, credit: 1n }]), /not both/);
});
