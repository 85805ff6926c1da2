import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldsFor } from './fields.ts';
import { checkMapping, normalizeHeader, suggestMapping } from './suggest.ts';

test('headers are compared without case, spaces or punctuation', () => {
  assert.equal(normalizeHeader(' Invoice No. '), 'invoiceno');
  assert.equal(normalizeHeader('Invoice #'), 'invoiceno');
  assert.equal(normalizeHeader("Party's Name"), 'partysname');
  assert.equal(normalizeHeader('GSTIN/UIN'), 'gstinuin');
});

test('invoice headers from Indian ledgers and registers', () => {
  const mapping = suggestMapping(
    [
      'Bill No',
      'Bill Date',
      'Party',
      'GSTIN/UIN',
      'Taxable Value',
      'CGST',
      'SGST',
      'IGST',
      'Invoice Amount',
      'Due on',
      'Balance Due',
      'PO No.',
    ],
    'invoices',
  );
  assert.deepEqual(mapping, {
    number: 'Bill No',
    issue_date: 'Bill Date',
    customer_name: 'Party',
    taxable: 'Taxable Value',
    cgst: 'CGST',
    sgst: 'SGST',
    igst: 'IGST',
    total: 'Invoice Amount',
    due_date: 'Due on',
    open_amount: 'Balance Due',
    reference: 'PO No.',
  });
});

test('voucher registers and decorated headers', () => {
  const mapping = suggestMapping(
    ['Voucher No', 'Date', 'Customer Name', 'Amount (INR)', 'Voucher Type', 'Outstanding Amount'],
    'invoices',
  );
  assert.equal(mapping.number, 'Voucher No');
  assert.equal(mapping.issue_date, 'Date');
  assert.equal(mapping.customer_name, 'Customer Name');
  assert.equal(mapping.total, 'Amount (INR)', 'contains "amount"');
  assert.equal(mapping.kind, 'Voucher Type');
  assert.equal(mapping.open_amount, 'Outstanding Amount');
});

test('each column feeds one field only', () => {
  const mapping = suggestMapping(['Customer', 'Amount'], 'invoices');
  assert.equal(mapping.customer_name, 'Customer');
  assert.equal(mapping.customer_code, undefined);
  assert.equal(mapping.total, 'Amount');
});

test('customer and receipt headers', () => {
  const customers = suggestMapping(
    ['Customer Code', 'Customer Name', 'GSTIN/UIN', 'State', 'Mobile No', 'E-mail', 'Credit Limit'],
    'customers',
  );
  assert.deepEqual(customers, {
    code: 'Customer Code',
    name: 'Customer Name',
    gstin: 'GSTIN/UIN',
    state_code: 'State',
    phone: 'Mobile No',
    email: 'E-mail',
    credit_limit: 'Credit Limit',
  });
  const receipts = suggestMapping(
    ['Value Dt', 'Narration', 'Chq./Ref.No.', 'Deposit Amt.', 'Customer ID', 'Mode'],
    'receipts',
  );
  assert.deepEqual(receipts, {
    receipt_date: 'Value Dt',
    notes: 'Narration',
    reference: 'Chq./Ref.No.',
    amount: 'Deposit Amt.',
    customer_code: 'Customer ID',
    method: 'Mode',
  });
});

test('unrelated headers stay unmapped', () => {
  assert.deepEqual(suggestMapping(['Colour', 'Weight (kg)', 'Notes'], 'invoices'), {});
});

test('checkMapping: missing required fields and columns the file lacks', () => {
  const problems = checkMapping(
    'invoices',
    { number: 'Bill No', total: 'Amount', customer_name: 'Party', issue_date: 'Nope' },
    ['Bill No', 'Amount', 'Party'],
  );
  assert.deepEqual(
    problems.map((p) => p.reason),
    ['the file has no column "Nope"', 'choose the column for Due date'],
  );
  const withoutCustomer = checkMapping('invoices', { number: 'A' }, ['A'], { due_date: '2024-01-01' });
  assert.ok(
    withoutCustomer.some((p) => p.reason === 'choose the column for Customer code (or Customer name)'),
  );
  assert.ok(!withoutCustomer.some((p) => p.field === 'due_date'), 'a default stands in');
});

test('every field has a description and a label for the mapping screen', () => {
  for (const kind of ['customers', 'invoices', 'receipts'] as const) {
    const fields = fieldsFor(kind);
    assert.equal(new Set(fields.map((f) => f.name)).size, fields.length);
    for (const f of fields) assert.ok(f.description && f.label && f.synonyms.length > 0, f.name);
    assert.ok(fields.some((f) => f.required));
  }
});
