import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuplicateTracker, findDuplicatesInFile } from './duplicates.ts';
import type { InvoiceRecord } from './records.ts';

const invoice = (line: number, number: string, kind: InvoiceRecord['kind'] = 'invoice'): InvoiceRecord => ({
  line,
  kind,
  number,
  customer_code: 'C1',
  issue_date: '2024-04-01',
  due_date: '2024-05-01',
  total: '100.00',
});

test('the later copy of an invoice number is reported, naming the first line', () => {
  const errors = findDuplicatesInFile(
    [invoice(2, 'INV-1'), invoice(3, 'INV-2'), invoice(7, 'INV-1'), invoice(9, 'INV-1')],
    { number: 'Bill No' },
  );
  assert.deepEqual(errors, [
    {
      line: 7,
      column: 'Bill No',
      reason: 'invoice number INV-1 appears twice in the file: first on line 2',
      value: 'INV-1',
    },
    {
      line: 9,
      column: 'Bill No',
      reason: 'invoice number INV-1 appears twice in the file: first on line 2',
      value: 'INV-1',
    },
  ]);
});

test('an invoice and a credit note may share a number (separate series)', () => {
  assert.deepEqual(findDuplicatesInFile([invoice(2, '17'), invoice(3, '17', 'credit_note')]), []);
});

test('customers by code; receipts by reference per customer', () => {
  const tracker = new DuplicateTracker();
  assert.equal(tracker.check({ line: 2, code: 'A', name: 'A', kind: 'b2b' }), null);
  assert.match(
    tracker.check({ line: 5, code: 'A', name: 'A again', kind: 'b2b' })!.reason,
    /customer code A .* line 2/,
  );
  const receipt = (line: number, customer: string, reference?: string) => ({
    line,
    customer_code: customer,
    receipt_date: '2024-05-01',
    amount: '1.00',
    method: 'cheque' as const,
    ...(reference ? { reference } : {}),
  });
  const errors = findDuplicatesInFile([
    receipt(2, 'A', '000123'),
    receipt(3, 'B', '000123'),
    receipt(4, 'A'),
    receipt(5, 'A'),
    receipt(6, 'A', '000123'),
  ]);
  assert.deepEqual(
    errors.map((e) => e.line),
    [6],
  );
});
