import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { getPreset, mapRow, presetMapping, presetOptions } from '@duely/domain/imports/index';
import { sniffDelimiter } from './csv-reader.ts';
import { countRows, openTable } from './open-table.ts';
import { all, fileError, fixture } from './test-helpers.ts';

const temp = mkdtempSync(join(tmpdir(), 'duely-csv-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const csv = (text: string | Buffer, options = {}) =>
  openTable(
    { buffer: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), fileName: 'test.csv' },
    options,
  );

describe('CSV: the IBM sample end to end', () => {
  test('1,966 invoices, exact total, 81 open, leading zeros kept, progress reaches 1', async () => {
    const path = fixture('ibm-ar', 'invoices.csv');
    const fractions: number[] = [];
    const table = await openTable(
      { path, fileName: 'invoices.csv' },
      { onProgress: (p) => fractions.push(p.bytesRead / p.totalBytes) },
    );
    assert.equal(table.format, 'csv');
    assert.deepEqual(table.details, { encoding: 'utf-8', delimiter: ',' });
    const preset = getPreset('ibm')!;
    const { mapping, missing } = presetMapping(preset, table.headers);
    assert.deepEqual(missing, []);
    const options = presetOptions(preset, { currency: 'USD' });
    let total = 0n;
    let open = 0;
    let zeros = 0;
    let rows = 0;
    for await (const row of table.rows) {
      rows++;
      const result = mapRow('invoices', row.cells, row.line, mapping, options);
      assert.ok(result.record, `line ${row.line}: ${JSON.stringify(result.errors)}`);
      total += BigInt(result.record.total.replace('.', ''));
      if (!result.record.settled_date) open++;
      if (result.record.number.startsWith('0')) zeros++;
    }
    // Independently: cents straight from the raw text of the InvoiceAmount column.
    const lines = readFileSync(path, 'utf8').split(/\r\n/).filter(Boolean).slice(1);
    let expected = 0n;
    for (const line of lines) {
      const [whole, fraction = ''] = line.split(',')[6]!.split('.');
      expected += BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
    }
    assert.equal(rows, 1966);
    assert.equal(total, expected);
    assert.equal(open, 81);
    assert.equal(zeros, lines.filter((l) => l.split(',')[3]!.startsWith('0')).length);
    assert.ok(zeros > 0);
    assert.equal(table.progress(), 1);
    assert.equal(fractions.at(-1), 1);
  });
});

describe('CSV: layouts and encodings', () => {
  test('titles above the header are skipped; BOM stripped; odd headers renamed and reported', async () => {
    const table = await openTable({
      path: fixture('csv', 'register-with-titles.csv'),
      fileName: 'register.csv',
    });
    assert.equal(table.headerLine, 3);
    assert.deepEqual(table.headers, ['Invoice No', 'Party', 'Date', 'Amount', 'Column E', 'Amount (2)']);
    assert.equal(table.warnings.length, 2);
    const rows = await all(table.rows);
    // Rows as a spreadsheet numbers them: the two-line quoted party is one row, the blank line is row 6.
    assert.deepEqual(
      rows.map((r) => r.line),
      [4, 5, 7],
    );
    assert.equal(rows[0]!.cells.Party, 'Shah & Sons, Traders');
    assert.equal(rows[1]!.cells.Party, 'Patel Plastics\r\nUnit 2');
    assert.equal(rows[2]!.cells['Amount (2)'], '2360');
  });

  test('Windows-1252 with semicolons and decimal commas', async () => {
    const table = await openTable({ path: fixture('csv', 'cp1252-semicolon.csv'), fileName: 'legacy.csv' });
    assert.deepEqual(table.details, { encoding: 'windows-1252', delimiter: ';' });
    const rows = await all(table.rows);
    assert.equal(rows[0]!.cells.Party, 'D\u2019Souza Traders');
    assert.equal(rows[1]!.cells.Party, 'Café Bombay Supplies');
    const mapping = { number: 'Invoice No', customer_name: 'Party', issue_date: 'Date', total: 'Amount' };
    const result = mapRow('invoices', rows[0]!.cells, rows[0]!.line, mapping, {
      currency: 'INR',
      decimal: 'comma',
      defaultDueDays: 30,
    });
    assert.equal(result.record?.total, '1180.00');
  });

  test("Excel's Unicode Text: UTF-16LE, tab-separated", async () => {
    const table = await openTable({ path: fixture('csv', 'unicode-text.txt'), fileName: 'export.txt' });
    assert.deepEqual(table.details, { encoding: 'utf-16le', delimiter: '\t' });
    const rows = await all(table.rows);
    assert.equal(rows[0]!.cells.Party, 'शर्मा ट्रेडर्स');
    assert.equal(rows[0]!.cells.Amount, '1,18,000.00');
  });

  test('UTF-16 without a BOM is recognised by its zero bytes', async () => {
    const table = await csv(Buffer.from('a,b\r\n1,ü\r\n', 'utf16le'));
    assert.equal(table.details.encoding, 'utf-16le');
    assert.deepEqual((await all(table.rows))[0]!.cells, { a: '1', b: 'ü' });
  });

  test('delimiter sniffing ignores separators inside quotes; an explicit one wins', async () => {
    assert.equal(sniffDelimiter('Party;Amount\n"Shah, Mehta & Co";1,50\n"A, B";2,00\n'), ';');
    assert.equal(sniffDelimiter('a|b|c\n1|2|3\n'), '|');
    assert.equal(sniffDelimiter('one column\nvalue\n'), ',');
    const table = await csv('a;b\n1;2\n', { delimiter: ',' });
    assert.deepEqual(table.headers, ['a;b']);
  });

  test('trailing empty fields are tolerated; an empty row is skipped; a header-only file has no rows', async () => {
    const padded = await all((await csv('a,b,c\n1,2,3,,\n,,\n4,5,6\n')).rows);
    assert.deepEqual(
      padded.map((r) => [r.line, r.cells.c]),
      [
        [2, '3'],
        [4, '6'],
      ],
    );
    assert.equal((await all((await csv('a,b\n')).rows)).length, 0);
  });

  test('a one-column file: its first line is the header', async () => {
    const table = await csv('Invoice No\nSI/1\nSI/2\n');
    assert.deepEqual(table.headers, ['Invoice No']);
    assert.deepEqual(
      (await all(table.rows)).map((r) => [r.line, r.cells['Invoice No']]),
      [
        [2, 'SI/1'],
        [3, 'SI/2'],
      ],
    );
  });

  test('countRows counts data rows', async () => {
    assert.equal(await countRows({ path: fixture('ibm-ar', 'invoices.csv'), fileName: 'x.csv' }), 1966);
  });

  test('close() stops a read early', async () => {
    const table = await openTable({ path: fixture('ibm-ar', 'invoices.csv'), fileName: 'x.csv' });
    const iterator = table.rows[Symbol.asyncIterator]();
    assert.equal((await iterator.next()).value?.line, 2);
    await table.close();
    assert.equal((await iterator.next()).done, true);
  });
});

describe('CSV: malformed files throw ImportFileError naming the line', () => {
  test('unterminated quote', async () => {
    const error = await fileError(
      openTable({ path: fixture('bad', 'unterminated-quote.csv'), fileName: 'bad.csv' }).then((t) =>
        all(t.rows),
      ),
    );
    assert.equal(error.line, 3);
    assert.match(error.message, /line 3: .*never closed/);
  });

  test('a row with more fields than the header', async () => {
    const error = await fileError(
      openTable({ path: fixture('bad', 'inconsistent-columns.csv'), fileName: 'bad.csv' }).then((t) =>
        all(t.rows),
      ),
    );
    assert.equal(error.line, 4);
    assert.match(error.reason, /has 4 fields but the header has 3/);
    assert.equal(error.status, 400);
  });

  test('a row with fewer fields than the header', async () => {
    const error = await fileError(csv('a,b,c\n1,2,3\n4,5\n').then((t) => all(t.rows)));
    assert.equal(error.line, 3);
    assert.match(error.reason, /has 2 fields but the header has 3/);
  });

  test('a quote inside an unquoted value (5" pipe) is kept, not an error', async () => {
    const rows = await all((await csv('item,qty\n5" PVC pipe,10\n')).rows);
    assert.equal(rows[0]!.cells.item, '5" PVC pipe');
  });

  test('an unterminated quote early in a big file does not swallow it into memory', async () => {
    const body = `a,b\n1,"oops\n${'2,x\n'.repeat(400_000)}`;
    const error = await fileError(csv(body).then((t) => all(t.rows)));
    assert.equal(error.line, 2);
    assert.match(error.reason, /longer than 1 MB|never closed/);
  });

  test('invalid UTF-8 after the sniffed head is reported with its line', async () => {
    const good = `n,party\n${Array.from({ length: 60_000 }, (_, i) => `${i},Shah & Sons\n`).join('')}`;
    const bytes = Buffer.concat([
      Buffer.from(good),
      Buffer.from('60000,Caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    assert.ok(bytes.length > 1024 * 1024);
    const error = await fileError(csv(bytes).then((t) => all(t.rows)));
    assert.match(error.reason, /not valid UTF-8/);
    assert.equal(error.line, 60_002);
  });

  test('empty and blank files', async () => {
    assert.match((await fileError(csv(''))).reason, /empty/);
    assert.match((await fileError(csv('\n\n\r\n'))).reason, /no rows/);
  });

  test('10 MB of random bytes is refused at once, without reading the file', async () => {
    const path = join(temp, 'random.csv');
    writeFileSync(path, randomBytes(10 * 1024 * 1024));
    let streamed = 0;
    const started = performance.now();
    const error = await fileError(
      openTable({ path, fileName: 'random.csv' }, { onProgress: (p) => (streamed = p.bytesRead) }),
    );
    assert.ok(performance.now() - started < 1000);
    assert.equal(streamed, 0);
    assert.match(error.message, /not a CSV, XLSX or Tally XML file/);
  });

  test('known binary formats are named', async () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /Excel 97-2003/],
      [Buffer.from('%PDF-1.7\n%âãÏÓ\n'), /PDF/],
      [Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]), /gzip/],
      [Buffer.from('{"invoices": []}'), /JSON/],
    ];
    for (const [bytes, reason] of cases) assert.match((await fileError(csv(bytes))).message, reason);
  });
});
