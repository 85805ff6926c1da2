import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { findDuplicatesInFile } from './duplicates.ts';
import { mapRow } from './map-row.ts';
import { detectDebitSign, detectPreset, getPreset, presetMapping, presetOptions } from './presets.ts';
import type { InvoiceRecord } from './records.ts';

const IBM_CSV = new URL('../../../../test/fixtures/imports/ibm-ar/invoices.csv', import.meta.url);

describe('preset ibm', () => {
  // The sample has no quoted fields (checked below), so a plain split reads it; the readers'
  // tests run the same file through the real CSV reader.
  const text = readFileSync(IBM_CSV, 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const headers = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [headers[i]!, v])));

  test('recognised from its headers, and every field found', () => {
    assert.ok(!text.includes('"'));
    assert.equal(detectPreset('csv', headers)?.name, 'ibm');
    assert.deepEqual(presetMapping(getPreset('ibm')!, headers).missing, []);
  });

  test('all 1,966 rows map; totals add up exactly; 81 still open; leading zeros kept', () => {
    const preset = getPreset('ibm')!;
    const { mapping } = presetMapping(preset, headers);
    const options = presetOptions(preset, { currency: 'USD' });
    const records: InvoiceRecord[] = [];
    rows.forEach((cells, i) => {
      const result = mapRow('invoices', cells, i + 2, mapping, options);
      assert.ok(result.record, `line ${i + 2}: ${JSON.stringify(result.errors)}`);
      records.push(result.record);
    });
    assert.equal(records.length, 1966);

    // Independent sum: cents straight from the text, no money code involved.
    let expected = 0n;
    for (const cells of rows) {
      const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cells.InvoiceAmount!);
      assert.ok(m, cells.InvoiceAmount);
      expected += BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
    }
    const mapped = records.reduce((s, r) => s + BigInt(r.total.replace('.', '')), 0n);
    assert.equal(mapped, expected);

    assert.equal(records.filter((r) => !r.settled_date).length, 81);
    assert.equal(records[0]!.number, '0280670965');
    assert.equal(
      records.filter((r) => r.number.startsWith('0')).length,
      rows.filter((c) => c.invoiceNumber!.startsWith('0')).length,
    );
    assert.ok(records.every((r) => r.number.length === 10));
    assert.equal(records.find((r) => r.number === '5928070131')?.total, '97.60');
    assert.equal(records.filter((r) => r.disputed).length, rows.filter((c) => c.Disputed === 'Yes').length);
    assert.deepEqual(records[1], {
      line: 3,
      kind: 'invoice',
      number: '5133177585',
      customer_code: '6708-DPYTF',
      customer_name: '6708-DPYTF',
      issue_date: '2012-01-03',
      due_date: '2012-02-02',
      total: '55.37',
      settled_date: '2012-02-16',
      disputed: false,
      country: '391',
    });
    assert.deepEqual(findDuplicatesInFile(records), []);
  });
});

describe('preset tally-xml', () => {
  const preset = getPreset('tally-xml')!;
  const headers = ['BILLDATE', 'BILLREF', 'BILLPARTY', 'BILLCL', 'BILLDUE', 'BILLOVERDUE'];
  const { mapping } = presetMapping(preset, headers);
  const bill = (over: Record<string, string> = {}) => ({
    BILLDATE: '1-Nov-21',
    BILLREF: 'SI/21-22/0412',
    BILLPARTY: 'Shah & Sons Traders',
    BILLCL: '-11800.00',
    BILLDUE: '1-Dec-21',
    BILLOVERDUE: '1768',
    ...over,
  });

  test('a debit bill becomes an invoice whose total and open amount are the pending amount', () => {
    const options = presetOptions(preset, { currency: 'INR' }, [bill()], mapping);
    assert.deepEqual(mapRow('invoices', bill(), 3, mapping, options).record, {
      line: 3,
      kind: 'invoice',
      number: 'SI/21-22/0412',
      customer_code: 'SHAH-AND-SONS-TRADERS',
      customer_name: 'Shah & Sons Traders',
      issue_date: '2021-11-01',
      due_date: '2021-12-01',
      total: '11800.00',
      open_amount: '11800.00',
    });
  });

  test('a credit bill (advance, unadjusted credit note) becomes a credit note', () => {
    const options = presetOptions(
      preset,
      { currency: 'INR' },
      [bill(), bill(), bill({ BILLCL: '2500.00' })],
      mapping,
    );
    assert.equal(options.signedAmounts, 'debit-negative');
    const record = mapRow(
      'invoices',
      bill({ BILLREF: 'ADV/07', BILLCL: '2500.00' }),
      4,
      mapping,
      options,
    ).record;
    assert.equal(record?.kind, 'credit_note');
    assert.equal(record?.total, '2500.00');
  });

  test('exports with debits positive are recognised by their majority sign', () => {
    const sample = [bill({ BILLCL: '11800.00' }), bill({ BILLCL: '500.00' }), bill({ BILLCL: '-100.00' })];
    const options = presetOptions(preset, { currency: 'INR' }, sample, mapping);
    assert.equal(options.signedAmounts, 'debit-positive');
    assert.equal(mapRow('invoices', sample[0]!, 2, mapping, options).record?.kind, 'invoice');
    assert.equal(mapRow('invoices', sample[2]!, 2, mapping, options).record?.kind, 'credit_note');
  });

  test('Dr/Cr suffixes decide by themselves', () => {
    const options = presetOptions(preset, { currency: 'INR' }, [], mapping);
    assert.equal(
      mapRow('invoices', bill({ BILLCL: '11,800.00 Dr' }), 2, mapping, options).record?.kind,
      'invoice',
    );
    assert.equal(
      mapRow('invoices', bill({ BILLCL: '11,800.00 Cr' }), 2, mapping, options).record?.kind,
      'credit_note',
    );
  });

  test('no due date means due on the bill date; zero and missing references are row errors', () => {
    const options = presetOptions(preset, { currency: 'INR' }, [], mapping);
    assert.equal(
      mapRow('invoices', bill({ BILLDUE: '' }), 2, mapping, options).record?.due_date,
      '2021-11-01',
    );
    assert.match(
      mapRow('invoices', bill({ BILLCL: '0.00' }), 2, mapping, options).errors![0]!.reason,
      /zero/,
    );
    const noRef = mapRow('invoices', bill({ BILLREF: '' }), 2, mapping, options).errors!;
    assert.deepEqual(
      noRef.map((e) => [e.column, e.reason]),
      [['BILLREF', 'Invoice number is required but empty']],
    );
  });

  test('detectDebitSign ignores Dr/Cr cells, blanks and zeros; a tie decides nothing', () => {
    assert.equal(detectDebitSign(['-1.00', '-2.00', '3.00'], 'INR'), 'debit-negative');
    assert.equal(detectDebitSign(['1.00 Dr', '2.00 Dr', '-3.00', '0', ''], 'INR'), 'debit-negative');
    assert.equal(detectDebitSign(['1.00', '-1.00'], 'INR'), null);
    assert.equal(detectDebitSign([], 'INR'), null);
  });
});

describe('preset tally-xlsx', () => {
  const preset = getPreset('tally-xlsx')!;
  const layout = preset.layout!;

  test('finds the header row under the titles and stops at the total', () => {
    assert.ok(!layout.isHeader(['Shah Industries Pvt Ltd', '', '']));
    assert.ok(!layout.isHeader(['Bills Receivable']));
    assert.ok(!layout.isHeader(['1-Apr-2021 to 31-Mar-2022']));
    assert.ok(
      layout.isHeader(['Date', 'Ref. No.', "Party's Name", 'Pending Amount', 'Due on', 'Overdue by days']),
    );
    assert.ok(layout.isEnd!(['', '', 'Grand Total', '1,23,456.00']));
    assert.ok(layout.isEnd!(['Total', '', '', '1,23,456.00']));
    assert.ok(!layout.isEnd!(['2021-11-01', 'SI/1', 'Total Solutions Pvt Ltd', '100']));
    assert.ok(layout.isNoise!(['', '', 'Shah & Sons', '12,000.00']));
  });

  test('uses Opening Amount as the total when the report shows it', () => {
    const plain = presetMapping(preset, [
      'Date',
      'Ref. No.',
      "Party's Name",
      'Pending Amount',
      'Due on',
      'Overdue by days',
    ]);
    assert.deepEqual(plain.missing, []);
    assert.equal(plain.mapping.total, 'Pending Amount');
    assert.equal(plain.mapping.open_amount, 'Pending Amount');
    const withOpening = presetMapping(preset, [
      'Date',
      'Ref. No.',
      "Party's Name",
      'Opening Amount',
      'Pending Amount',
      'Due on',
    ]);
    assert.equal(withOpening.mapping.total, 'Opening Amount');
    const options = presetOptions(preset, { currency: 'INR' }, [], withOpening.mapping);
    const record = mapRow(
      'invoices',
      {
        Date: '2021-11-01',
        'Ref. No.': '412',
        "Party's Name": 'Shah & Sons',
        'Opening Amount': '11,800.00 Dr',
        'Pending Amount': '5,900.00 Dr',
        'Due on': '2021-12-01',
      },
      7,
      withOpening.mapping,
      options,
    ).record;
    assert.equal(record?.total, '11800.00');
    assert.equal(record?.open_amount, '5900.00');
  });

  test('detectPreset recognises the report by its headers', () => {
    assert.equal(
      detectPreset('xlsx', ['Date', 'Ref. No.', "Party's Name", 'Pending Amount', 'Due on'])?.name,
      'tally-xlsx',
    );
    assert.equal(
      detectPreset('tally-xml', ['BILLDATE', 'BILLREF', 'BILLPARTY', 'BILLCL'])?.name,
      'tally-xml',
    );
    assert.equal(detectPreset('csv', ['Invoice No', 'Amount']), null);
  });
});
