import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gstinCheckDigit } from '../gst.ts';
import type { ColumnMapping } from './fields.ts';
import { mapRow } from './map-row.ts';
import type { MapOptions } from './options.ts';
import type { RowError } from './records.ts';

const INR: MapOptions = { currency: 'INR' };

const invoiceMapping: ColumnMapping<'invoices'> = {
  number: 'Invoice No',
  customer_code: 'Party Code',
  customer_name: 'Party',
  issue_date: 'Date',
  due_date: 'Due Date',
  total: 'Amount',
  open_amount: 'Balance',
  currency: 'Currency',
  disputed: 'Disputed',
  reference: 'PO',
};

const invoiceCells = (over: Record<string, string> = {}) => ({
  'Invoice No': 'SI/24-25/0007',
  'Party Code': 'ACME-AHD',
  Party: 'Acme Polymers Pvt Ltd',
  Date: '05/04/2024',
  'Due Date': '05/05/2024',
  Amount: '₹1,18,000.00',
  Balance: '18,000',
  Currency: '',
  Disputed: 'No',
  PO: 'PO-4471',
  ...over,
});

function errorsOf(result: { errors?: RowError[] }): RowError[] {
  assert.ok(result.errors, 'expected errors');
  return result.errors;
}

describe('mapRow: invoices', () => {
  test('a clean row becomes a record with canonical amounts and ISO dates', () => {
    const result = mapRow('invoices', invoiceCells(), 7, invoiceMapping, INR);
    assert.deepEqual(result.record, {
      line: 7,
      kind: 'invoice',
      number: 'SI/24-25/0007',
      customer_code: 'ACME-AHD',
      customer_name: 'Acme Polymers Pvt Ltd',
      issue_date: '2024-04-05',
      due_date: '2024-05-05',
      total: '118000.00',
      open_amount: '18000.00',
      disputed: false,
      reference: 'PO-4471',
    });
  });

  test('every problem in the row is reported, each with its column and value', () => {
    const result = mapRow(
      'invoices',
      invoiceCells({
        Date: '31/02/2024',
        'Due Date': 'soon',
        Amount: '12.345',
        Currency: 'XYZ',
        Disputed: 'maybe',
      }),
      9,
      invoiceMapping,
      INR,
    );
    const errors = errorsOf(result);
    const byColumn = Object.fromEntries(errors.map((e) => [e.column, e]));
    assert.equal(byColumn.Date?.value, '31/02/2024');
    assert.match(byColumn.Date!.reason, /not a date/);
    assert.match(byColumn['Due Date']!.reason, /not a date/);
    assert.match(byColumn.Currency!.reason, /not a known ISO 4217/);
    assert.match(byColumn.Amount!.reason, /at most 2 decimals/);
    assert.match(byColumn.Disputed!.reason, /Yes or No/);
    assert.ok(errors.every((e) => e.line === 9));
  });

  test('missing required values name the field', () => {
    const errors = errorsOf(
      mapRow(
        'invoices',
        invoiceCells({ 'Invoice No': ' ', Date: '', Amount: '', 'Party Code': '', Party: '' }),
        3,
        invoiceMapping,
        INR,
      ),
    );
    const reasons = errors.map((e) => `${e.column}: ${e.reason}`);
    assert.ok(reasons.includes('Invoice No: Invoice number is required but empty'), reasons.join('\n'));
    assert.ok(reasons.includes('Date: Invoice date is required but empty'));
    assert.ok(reasons.includes('Amount: Total is required but empty'));
    assert.ok(reasons.includes('Party Code: customer code or name is required but empty'));
  });

  test('negative, zero, overflowing and garbage totals are refused', () => {
    const cases: [string, RegExp][] = [
      ['-500.00', /more than zero \(a credit note is a document type/],
      ['(500.00)', /more than zero/],
      ['500.00 Cr', /more than zero/],
      ['0.00', /more than zero/],
      ['10000000000000.01', /too large/],
      ['99999999999999999999999', /not a decimal amount/],
      ['1.234,56', /not a decimal amount/],
      ['abc', /not a decimal amount/],
    ];
    for (const [amount, reason] of cases) {
      const errors = errorsOf(
        mapRow('invoices', invoiceCells({ Amount: amount, Balance: '' }), 2, invoiceMapping, INR),
      );
      assert.equal(errors.length, 1, `${amount}: ${JSON.stringify(errors)}`);
      assert.equal(errors[0]!.column, 'Amount');
      assert.match(errors[0]!.reason, reason, amount);
    }
  });

  test('amounts keep the currency decimals: JPY has none, KWD three', () => {
    const jpy = mapRow(
      'invoices',
      invoiceCells({ Amount: '1,500', Balance: '', Currency: 'jpy' }),
      2,
      invoiceMapping,
      INR,
    );
    assert.equal(jpy.record?.total, '1500');
    assert.equal(jpy.record?.currency, 'JPY');
    const kwd = mapRow(
      'invoices',
      invoiceCells({ Amount: '12.345', Balance: '', Currency: 'KWD' }),
      2,
      invoiceMapping,
      INR,
    );
    assert.equal(kwd.record?.total, '12.345');
    const bad = errorsOf(
      mapRow(
        'invoices',
        invoiceCells({ Amount: '1500.5', Balance: '', Currency: 'JPY' }),
        2,
        invoiceMapping,
        INR,
      ),
    );
    assert.match(bad[0]!.reason, /at most 0 decimals/);
  });

  test('open amount cannot exceed the total nor be negative', () => {
    const over = errorsOf(mapRow('invoices', invoiceCells({ Balance: '118000.01' }), 2, invoiceMapping, INR));
    assert.match(over[0]!.reason, /more than the total 118000.00/);
    const negative = errorsOf(mapRow('invoices', invoiceCells({ Balance: '-1' }), 2, invoiceMapping, INR));
    assert.match(negative[0]!.reason, /must not be negative/);
  });

  test('due before issue, settled before issue, settled yet open are refused', () => {
    const mapping = { ...invoiceMapping, settled_date: 'Paid On' };
    const due = errorsOf(
      mapRow('invoices', invoiceCells({ 'Due Date': '01/04/2024' }), 2, invoiceMapping, INR),
    );
    assert.match(due[0]!.reason, /before the invoice date 2024-04-05/);
    const settled = errorsOf(
      mapRow('invoices', { ...invoiceCells({ Balance: '' }), 'Paid On': '01/01/2024' }, 2, mapping, INR),
    );
    assert.match(settled[0]!.reason, /before the invoice date/);
    const open = errorsOf(
      mapRow('invoices', { ...invoiceCells(), 'Paid On': '10/04/2024' }, 2, mapping, INR),
    );
    assert.match(open[0]!.reason, /still has an open amount/);
  });

  test('taxes must add up to the total when the taxable value is given', () => {
    const mapping = { ...invoiceMapping, taxable: 'Taxable', cgst: 'CGST', sgst: 'SGST' };
    const good = mapRow(
      'invoices',
      { ...invoiceCells(), Taxable: '100000', CGST: '9000', SGST: '9000' },
      2,
      mapping,
      INR,
    );
    assert.equal(good.record?.taxable, '100000.00');
    assert.equal(good.record?.cgst, '9000.00');
    const bad = errorsOf(
      mapRow(
        'invoices',
        { ...invoiceCells(), Taxable: '100000', CGST: '9000', SGST: '9001' },
        2,
        mapping,
        INR,
      ),
    );
    assert.match(bad[0]!.reason, /taxable value plus taxes \(118001.00\)/);
    const noTaxable = errorsOf(
      mapRow(
        'invoices',
        { ...invoiceCells({ Amount: '100', Balance: '' }), Taxable: '', CGST: '90', SGST: '90' },
        2,
        mapping,
        INR,
      ),
    );
    assert.match(noTaxable[0]!.reason, /less than the taxes/);
  });

  test('a customer code is made from the name when the file has none', () => {
    const { customer_code: _, ...mapping } = invoiceMapping;
    const result = mapRow('invoices', invoiceCells(), 2, mapping, INR);
    assert.equal(result.record?.customer_code, 'ACME-POLYMERS-PVT-LTD');
    const badCode = errorsOf(
      mapRow('invoices', invoiceCells({ 'Party Code': 'ACME AHD' }), 2, invoiceMapping, INR),
    );
    assert.match(badCode[0]!.reason, /not a customer code/);
  });

  test('dates follow the configured formats; ISO and trailing times always work', () => {
    const us = { ...INR, dateFormats: ['M/D/YYYY' as const] };
    assert.equal(
      mapRow(
        'invoices',
        invoiceCells({ Date: '4/5/2024', 'Due Date': '2024-05-05 00:00:00' }),
        2,
        invoiceMapping,
        us,
      ).record?.issue_date,
      '2024-04-05',
    );
    const tally = { ...INR, dateFormats: ['D-MMM-YY' as const] };
    assert.equal(
      mapRow(
        'invoices',
        invoiceCells({ Date: '1-Apr-24', 'Due Date': '1-May-2024' }),
        2,
        invoiceMapping,
        tally,
      ).record?.due_date,
      '2024-05-01',
    );
    const errors = errorsOf(mapRow('invoices', invoiceCells({ Date: '4/5/2024' }), 2, invoiceMapping, tally));
    assert.match(errors[0]!.reason, /YYYY-MM-DD or D-MMM-YY/);
  });

  test('a decimal comma is read only when asked for, and a decimal point is then refused', () => {
    const comma = { ...INR, decimal: 'comma' as const };
    assert.equal(
      mapRow('invoices', invoiceCells({ Amount: '118.000,00', Balance: '18.000' }), 2, invoiceMapping, comma)
        .record?.total,
      '118000.00',
    );
    const errors = errorsOf(
      mapRow('invoices', invoiceCells({ Amount: '118000.50', Balance: '' }), 2, invoiceMapping, comma),
    );
    assert.match(errors[0]!.reason, /decimal comma/);
  });

  test('without a due date column, defaultDueDays sets it; otherwise it is required', () => {
    const { due_date: _, ...mapping } = invoiceMapping;
    assert.equal(
      mapRow('invoices', invoiceCells(), 2, mapping, { ...INR, defaultDueDays: 30 }).record?.due_date,
      '2024-05-05',
    );
    assert.match(
      errorsOf(mapRow('invoices', invoiceCells(), 2, mapping, INR))[0]!.reason,
      /Due date is required/,
    );
  });

  test('defaults stand in for unmapped or empty cells', () => {
    const result = mapRow('invoices', invoiceCells(), 2, invoiceMapping, {
      ...INR,
      defaults: { currency: 'USD', kind: 'debit note' },
    });
    assert.equal(result.record?.currency, 'USD');
    assert.equal(result.record?.kind, 'debit_note');
  });

  test('signed totals decide invoice or credit note; Dr/Cr wins over the sign', () => {
    const signed = { ...INR, signedAmounts: 'debit-negative' as const };
    const inv = mapRow(
      'invoices',
      invoiceCells({ Amount: '-11800.00', Balance: '-11800.00' }),
      2,
      invoiceMapping,
      signed,
    );
    assert.equal(inv.record?.kind, 'invoice');
    assert.equal(inv.record?.total, '11800.00');
    assert.equal(inv.record?.open_amount, '11800.00');
    const credit = mapRow(
      'invoices',
      invoiceCells({ Amount: '2500', Balance: '' }),
      2,
      invoiceMapping,
      signed,
    );
    assert.equal(credit.record?.kind, 'credit_note');
    const dr = mapRow(
      'invoices',
      invoiceCells({ Amount: '11,800.00 Dr', Balance: '' }),
      2,
      invoiceMapping,
      signed,
    );
    assert.equal(dr.record?.kind, 'invoice');
    const cr = mapRow(
      'invoices',
      invoiceCells({ Amount: '2,500.00 Cr', Balance: '' }),
      2,
      invoiceMapping,
      signed,
    );
    assert.equal(cr.record?.kind, 'credit_note');
    const zero = errorsOf(
      mapRow('invoices', invoiceCells({ Amount: '0.00', Balance: '' }), 2, invoiceMapping, signed),
    );
    assert.match(zero[0]!.reason, /zero/);
    const mismatch = errorsOf(
      mapRow(
        'invoices',
        { ...invoiceCells({ Amount: '2500', Balance: '' }), Type: 'Invoice' },
        2,
        { ...invoiceMapping, kind: 'Type' },
        signed,
      ),
    );
    assert.match(mismatch[0]!.reason, /credit amount but the document type is invoice/);
  });

  test('text: long numbers, control characters and in-cell line breaks', () => {
    const long = errorsOf(
      mapRow('invoices', invoiceCells({ 'Invoice No': 'X'.repeat(41) }), 2, invoiceMapping, INR),
    );
    assert.match(long[0]!.reason, /longer than 40/);
    const control = errorsOf(
      mapRow('invoices', invoiceCells({ Party: 'Acme\u0007' }), 2, invoiceMapping, INR),
    );
    assert.match(control[0]!.reason, /control characters/);
    const wrapped = mapRow(
      'invoices',
      invoiceCells({ Party: 'Acme Polymers\r\nPvt Ltd' }),
      2,
      invoiceMapping,
      INR,
    );
    assert.equal(wrapped.record?.customer_name, 'Acme Polymers Pvt Ltd');
  });
});

describe('mapRow: customers', () => {
  const gstin = `24AAPFU0939F1Z${gstinCheckDigit('24AAPFU0939F1Z')}`;
  const mapping: ColumnMapping<'customers'> = {
    code: 'Code',
    name: 'Name',
    gstin: 'GSTIN/UIN',
    pan: 'PAN',
    state_code: 'State',
    country: 'Country',
    credit_limit: 'Credit Limit',
    risk_class: 'Risk',
    language: 'Language',
    tags: 'Tags',
    email: 'Email',
    phone: 'Mobile',
    time_zone: 'TZ',
    kind: 'Type',
    payment_terms_code: 'Terms',
  };
  const cells = (over: Record<string, string> = {}) => ({
    Code: 'ACME-AHD',
    Name: 'Acme Polymers Pvt Ltd',
    'GSTIN/UIN': gstin.toLowerCase(),
    PAN: '',
    State: '',
    Country: 'India',
    'Credit Limit': '5,00,000',
    Risk: 'High',
    Language: 'Gujarati',
    Tags: 'plastics; key account',
    Email: 'rakesh@acme.example',
    Mobile: '+91 98250 12345',
    TZ: 'Asia/Kolkata',
    Type: 'Business',
    Terms: 'NET30',
    ...over,
  });

  test('a clean row: GSTIN upper-cased, PAN and state taken from it, names become codes', () => {
    const result = mapRow('customers', cells(), 2, mapping, INR);
    assert.deepEqual(result.record, {
      line: 2,
      code: 'ACME-AHD',
      name: 'Acme Polymers Pvt Ltd',
      kind: 'b2b',
      gstin,
      pan: 'AAPFU0939F',
      state_code: '24',
      country: 'IN',
      credit_limit: '500000.00',
      risk_class: 'high',
      language: 'gu',
      tags: ['plastics', 'key account'],
      email: 'rakesh@acme.example',
      phone: '+91 98250 12345',
      time_zone: 'Asia/Kolkata',
      payment_terms_code: 'NET30',
    });
  });

  test('bad GSTIN, mismatched PAN and every other bad value are reported together', () => {
    const wrongDigit = gstin.slice(0, 14) + (gstin[14] === 'A' ? 'B' : 'A');
    const errors = errorsOf(
      mapRow(
        'customers',
        cells({
          'GSTIN/UIN': wrongDigit,
          PAN: 'ABCPK1234Z',
          State: 'Atlantis',
          Country: 'Narnia',
          'Credit Limit': '-5',
          Risk: 'extreme',
          Language: 'Klingon language',
          Email: 'not-an-email',
          Mobile: '12',
          TZ: 'Mars/Olympus',
          Type: 'martian',
          Terms: 'net 30 days',
        }),
        4,
        mapping,
        INR,
      ),
    );
    const columns = errors.map((e) => e.column).sort();
    assert.deepEqual(columns, [
      'Country',
      'Credit Limit',
      'Email',
      'GSTIN/UIN',
      'Language',
      'Mobile',
      'Risk',
      'State',
      'TZ',
      'Terms',
      'Type',
    ]);
    assert.match(errors.find((e) => e.column === 'GSTIN/UIN')!.reason, /check digit does not match/);
  });

  test('PAN that disagrees with the GSTIN', () => {
    const errors = errorsOf(mapRow('customers', cells({ PAN: 'ABCPK1234Z' }), 4, mapping, INR));
    assert.match(errors[0]!.reason, /does not match the PAN inside the GSTIN \(AAPFU0939F\)/);
  });

  test('state names and codes; ISO country codes', () => {
    const r = mapRow(
      'customers',
      cells({ 'GSTIN/UIN': '', State: 'Telangana', Country: 'ae' }),
      2,
      mapping,
      INR,
    ).record;
    assert.equal(r?.state_code, '36');
    assert.equal(r?.country, 'AE');
    assert.equal(
      mapRow('customers', cells({ 'GSTIN/UIN': '', State: '8' }), 2, mapping, INR).record?.state_code,
      '08',
    );
  });

  test('name is required; code is made from it when empty', () => {
    const errors = errorsOf(mapRow('customers', cells({ Name: '' }), 5, mapping, INR));
    assert.equal(errors[0]!.column, 'Name');
    assert.equal(
      mapRow('customers', cells({ Code: '' }), 5, mapping, INR).record?.code,
      'ACME-POLYMERS-PVT-LTD',
    );
  });
});

describe('mapRow: receipts', () => {
  const mapping: ColumnMapping<'receipts'> = {
    customer_code: 'Customer',
    receipt_date: 'Value Date',
    amount: 'Amount',
    method: 'Mode',
    reference: 'UTR',
    invoice_number: 'Against',
    tds: 'TDS',
  };
  const cells = (over: Record<string, string> = {}) => ({
    Customer: 'ACME-AHD',
    'Value Date': '15/05/2024',
    Amount: '1,16,000.00',
    Mode: 'NEFT',
    UTR: 'HDFCN52024051512345',
    Against: 'SI/24-25/0007',
    TDS: '2,000',
    ...over,
  });

  test('a clean receipt', () => {
    assert.deepEqual(mapRow('receipts', cells(), 3, mapping, INR).record, {
      line: 3,
      customer_code: 'ACME-AHD',
      receipt_date: '2024-05-15',
      amount: '116000.00',
      method: 'neft',
      reference: 'HDFCN52024051512345',
      invoice_number: 'SI/24-25/0007',
      tds: '2000.00',
    });
  });

  test('methods by their everyday names; unknown ones are refused; empty means other', () => {
    for (const [text, method] of [
      ['Cheque', 'cheque'],
      ['CHQ', 'cheque'],
      ['Bank Transfer', 'wire'],
      ['ECS', 'nach'],
      ['upi', 'upi'],
      ['', 'other'],
    ]) {
      assert.equal(mapRow('receipts', cells({ Mode: text! }), 3, mapping, INR).record?.method, method, text);
    }
    const errors = errorsOf(mapRow('receipts', cells({ Mode: 'barter' }), 3, mapping, INR));
    assert.match(errors[0]!.reason, /not a payment method/);
  });

  test('zero or negative amounts, bad references and negative TDS', () => {
    const errors = errorsOf(
      mapRow('receipts', cells({ Amount: '0', UTR: 'UTR 123', TDS: '-5' }), 3, mapping, INR),
    );
    assert.deepEqual(errors.map((e) => e.column).sort(), ['Amount', 'TDS', 'UTR']);
  });
});
