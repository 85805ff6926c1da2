import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DuplicateTracker,
  detectPreset,
  getPreset,
  mapRow,
  presetMapping,
  presetOptions,
} from '@duely/domain/imports/index';
import { openTable } from './open-table.ts';
import { cleanTallyXml, readTallyXml, TALLY_BILL_TAGS } from './tally-xml-reader.ts';
import { all, assertTallyTotals, fileError, fixture } from './test-helpers.ts';

const xml = (text: string | Buffer) =>
  openTable({ buffer: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), fileName: 'Bills.xml' });

const bill = (party: string, cl = '-11800.00', ref = 'SI/1') =>
  ` <BILLFIXED>\r\n  <BILLDATE>1-Nov-21</BILLDATE>\r\n  <BILLREF>${ref}</BILLREF>\r\n  <BILLPARTY>${party}</BILLPARTY>\r\n </BILLFIXED>\r\n <BILLCL>${cl}</BILLCL>\r\n <BILLDUE>1-Dec-21</BILLDUE>\r\n <BILLOVERDUE>120</BILLOVERDUE>\r\n`;

describe('Tally XML: the Bills Receivable fixtures', () => {
  test('UTF-8, UTF-16LE with BOM and Windows-1252 read the same bills', async () => {
    const read = async (name: string) => {
      const table = await openTable({ path: fixture('tally', name), fileName: name });
      assert.equal(table.format, 'tally-xml');
      assert.deepEqual(table.headers, [...TALLY_BILL_TAGS]);
      return { encoding: table.details.encoding, rows: await all(table.rows) };
    };
    const utf8 = await read('bills-receivable.utf8.xml');
    const utf16 = await read('bills-receivable.utf16le.xml');
    const cp1252 = await read('bills-receivable.cp1252.xml');
    assert.deepEqual([utf8.encoding, utf16.encoding, cp1252.encoding], ['utf-8', 'utf-16le', 'windows-1252']);
    assert.deepEqual(utf16.rows, utf8.rows);
    assert.deepEqual(cp1252.rows, utf8.rows);
    assert.equal(utf8.rows.length, 11);
    assert.deepEqual(
      utf8.rows.map((r) => r.line),
      [2, 10, 18, 26, 34, 42, 50, 58, 66, 74, 82],
    );
    assert.equal(utf8.rows[1]!.cells.BILLPARTY, 'Shah & Sons Traders');
    assert.equal(utf8.rows[4]!.cells.BILLPARTY, 'D\u2019Souza Traders');
    assert.equal(utf8.rows[5]!.cells.BILLOVERDUE, '');
  });

  test('mapped with the preset: nine invoices, two credits, stable customer codes', async () => {
    const table = await openTable({
      path: fixture('tally', 'bills-receivable.utf16le.xml'),
      fileName: 'Bills.xml',
    });
    const rows = await all(table.rows);
    const preset = detectPreset(table.format, table.headers)!;
    assert.equal(preset.name, 'tally-xml');
    const { mapping } = presetMapping(preset, table.headers);
    const options = presetOptions(
      preset,
      { currency: 'INR' },
      rows.map((r) => r.cells),
      mapping,
    );
    assert.equal(options.signedAmounts, 'debit-negative');
    const tracker = new DuplicateTracker(mapping);
    const records = rows.map((r) => {
      const result = mapRow('invoices', r.cells, r.line, mapping, options);
      assert.ok(result.record, JSON.stringify(result.errors));
      assert.equal(tracker.check(result.record), null);
      return result.record;
    });
    assertTallyTotals(records);
    assert.deepEqual(
      [...new Set(records.map((r) => r.customer_code))],
      [
        'GUPTA-HARDWARE-STORES',
        'SHAH-AND-SONS-TRADERS',
        'M/S.-PATEL-PLASTICS-PVT.-LTD',
        'D-SOUZA-TRADERS',
        'CAFE-BOMBAY-SUPPLIES',
        'SRI-VENKATESWARA-AGENCIES-VIZAG',
        'JAIPURIA-AUTOMOBILES-WRJ050172026',
      ],
    );
    assert.deepEqual(
      records.find((r) => r.number === 'SI/21-22/0790'),
      {
        line: 66,
        kind: 'invoice',
        number: 'SI/21-22/0790',
        customer_code: 'SRI-VENKATESWARA-AGENCIES-VIZAG',
        customer_name: 'Sri Venkateswara Agencies, Vizag',
        issue_date: '2022-03-15',
        due_date: '2022-04-14',
        total: '59000.00',
        open_amount: '59000.00',
      },
    );
  });

  test('an export with debits positive maps the same once the sign is detected', async () => {
    const flipped = `<ENVELOPE>\r\n${bill('Shah &amp; Sons', '11800.00', 'A')}${bill('Gupta', '500.00', 'B')}${bill('Gupta', '-100.00', 'C')}</ENVELOPE>`;
    const rows = await all((await xml(flipped)).rows);
    const preset = getPreset('tally-xml')!;
    const { mapping } = presetMapping(preset, [...TALLY_BILL_TAGS]);
    const options = presetOptions(
      preset,
      { currency: 'INR' },
      rows.map((r) => r.cells),
      mapping,
    );
    assert.deepEqual(
      rows.map((r) => mapRow('invoices', r.cells, r.line, mapping, options).record?.kind),
      ['invoice', 'invoice', 'credit_note'],
    );
  });
});

describe('Tally XML: what real exports contain', () => {
  test('&#4; markers and control characters dropped, bare & accepted, character references decoded', async () => {
    assert.equal(cleanTallyXml('<A>&#4; Primary\u0004</A>'), '<A> Primary</A>');
    assert.equal(
      cleanTallyXml('<A>Shah & Sons &amp; Co &#8377; &lt;</A>'),
      '<A>Shah &amp; Sons &amp; Co &#8377; &lt;</A>',
    );
    const rows = await all(
      (await xml(`<ENVELOPE>${bill('Shah & Sons &#8377;&#4;', '-1,180.00 Dr')}</ENVELOPE>`)).rows,
    );
    assert.equal(rows[0]!.cells.BILLPARTY, 'Shah & Sons ₹');
    assert.equal(rows[0]!.cells.BILLCL, '-1,180.00 Dr');
  });

  test('bills nested one level deeper are still found', () => {
    const { rows } = readTallyXml(`<ENVELOPE><BODY><DATA>${bill('A')}</DATA></BODY></ENVELOPE>`);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.cells.BILLREF, 'SI/1');
  });

  test('unknown sibling tags become extra columns; missing ones are empty', () => {
    const { headers, rows } = readTallyXml(
      '<ENVELOPE><BILLFIXED><BILLREF>7</BILLREF></BILLFIXED><BILLCL>-1</BILLCL><BILLNARR>Freight</BILLNARR></ENVELOPE>',
    );
    assert.deepEqual(headers, [...TALLY_BILL_TAGS, 'BILLNARR']);
    assert.deepEqual(rows[0]!.cells, {
      BILLREF: '7',
      BILLCL: '-1',
      BILLNARR: 'Freight',
      BILLDATE: '',
      BILLPARTY: '',
      BILLDUE: '',
      BILLOVERDUE: '',
    });
  });

  test('an empty report is a table with no rows', async () => {
    const table = await xml('<ENVELOPE>\r\n</ENVELOPE>\r\n');
    assert.deepEqual(await all(table.rows), []);
  });

  test('UTF-16LE without a BOM', async () => {
    const table = await xml(Buffer.from(`<ENVELOPE>${bill('Café')}</ENVELOPE>`, 'utf16le'));
    assert.equal(table.details.encoding, 'utf-16le');
    assert.equal((await all(table.rows))[0]!.cells.BILLPARTY, 'Café');
  });

  test('a declared Windows-1252 encoding is honoured', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`<?xml version="1.0" encoding="windows-1252"?><ENVELOPE>${bill('D')}`),
      Buffer.from([0x92]),
      Buffer.from(`</ENVELOPE>`),
    ]);
    const table = await xml(bytes);
    assert.equal(table.details.encoding, 'windows-1252');
  });
});

describe('Tally XML: files that are not a Bills Receivable export', () => {
  test('malformed XML names its line', async () => {
    const error = await fileError(xml(`<ENVELOPE>\r\n${bill('A')} <BILLCL>-1</BILLDUE>\r\n</ENVELOPE>`));
    assert.equal(error.line, 10);
    assert.match(error.reason, /malformed/);
  });

  test('XML of something else', async () => {
    assert.match(
      (await fileError(xml('<?xml version="1.0"?><Document><BkToCstmrStmt/></Document>'))).reason,
      /not a Tally export: its root element is <Document>/,
    );
    assert.match(
      (await fileError(xml('<!DOCTYPE html><html><body><table></table></body></html>'))).reason,
      /web page \(HTML\)/,
    );
  });

  test('another Tally report, and Tally refusing the request', async () => {
    const vouchers = await fileError(
      xml(
        '<ENVELOPE><HEADER><TALLYREQUEST>Import Data</TALLYREQUEST></HEADER><BODY><DATA><TALLYMESSAGE><VOUCHER/></TALLYMESSAGE></DATA></BODY></ENVELOPE>',
      ),
    );
    assert.match(vouchers.reason, /not the Bills Receivable report \(it has <HEADER>, <BODY>\)/);
    const refused = await fileError(
      xml(
        '<ENVELOPE><HEADER><STATUS>0</STATUS></HEADER><BODY><DATA><LINEERROR>Could not find Report &apos;Bills Recievable&apos;!</LINEERROR></DATA></BODY></ENVELOPE>',
      ),
    );
    assert.match(refused.reason, /Tally said: "Could not find Report 'Bills Recievable'!"/);
  });

  test('entity declarations are refused (no billion laughs)', async () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE ENVELOPE [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><ENVELOPE>&b;</ENVELOPE>';
    assert.match((await fileError(xml(bomb))).reason, /entity declarations/);
  });
});
