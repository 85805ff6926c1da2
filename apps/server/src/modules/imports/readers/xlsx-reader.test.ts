import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { detectPreset, getPreset, mapRow, presetMapping, presetOptions } from '@duely/domain/imports/index';
import { cellText, excel15, isDateFormat } from './cell-text.ts';
import { openTable } from './open-table.ts';
import { all, assertTallyTotals, fileError, fixture } from './test-helpers.ts';

describe('XLSX: cells become the text a person sees', () => {
  test('every case in cell-types.xlsx reads as its Expected column', async () => {
    const table = await openTable({ path: fixture('xlsx', 'cell-types.xlsx'), fileName: 'cells.xlsx' });
    assert.equal(table.format, 'xlsx');
    assert.equal(table.details.sheet, 'Data', 'the hidden first sheet is skipped');
    const rows = await all(table.rows);
    assert.equal(rows.length, 21);
    for (const row of rows) assert.equal(row.cells.Value, row.cells.Expected, row.cells.Case);
  });

  test('a named sheet is read even when hidden; an unknown one lists those there are', async () => {
    const table = await openTable(
      { path: fixture('xlsx', 'cell-types.xlsx'), fileName: 'cells.xlsx' },
      { sheet: 'Notes' },
    );
    assert.equal(table.headers[0], 'This sheet is hidden and must be skipped');
    await table.close();
    const error = await fileError(
      openTable({ path: fixture('xlsx', 'cell-types.xlsx'), fileName: 'cells.xlsx' }, { sheet: 'Invoices' }),
    );
    assert.match(error.reason, /no sheet "Invoices"; it has "Notes", "Data"/);
  });

  test('progress reaches the whole file', async () => {
    const seen: number[] = [];
    const table = await openTable(
      { path: fixture('tally', 'bills-receivable.xlsx'), fileName: 'a.xlsx' },
      { onProgress: (p) => seen.push(p.bytesRead) },
    );
    await all(table.rows);
    assert.equal(table.progress(), 1);
    assert.equal(seen.at(-1), table.totalBytes);
  });

  test('from memory as from disk', async () => {
    const fromDisk = await all(
      (await openTable({ path: fixture('xlsx', 'cell-types.xlsx'), fileName: 'a.xlsx' })).rows,
    );
    const fromMemory = await all(
      (await openTable({ buffer: readFileSync(fixture('xlsx', 'cell-types.xlsx')), fileName: 'a.xlsx' }))
        .rows,
    );
    assert.deepEqual(fromMemory, fromDisk);
  });

  test('cellText and friends', () => {
    assert.equal(excel15(0.1 + 0.2), '0.3');
    assert.equal(excel15(1e21), '1000000000000000000000');
    assert.equal(excel15(-1.5e-7), '-0.00000015');
    assert.equal(excel15(123456789012.34), '123456789012.34');
    assert.equal(cellText(-5000, '#,##0.00 "Dr";#,##0.00 "Cr"'), '5000 Cr');
    assert.equal(cellText(-5000, '#,##0.00 "Dr"'), '-5000', 'one section: the minus sign shows');
    assert.equal(cellText(44651, 'd-mmm-yy'), '2022-03-31');
    assert.equal(cellText({ formula: 'A1', result: '0012' }, undefined), '0012');
    assert.equal(cellText(null, undefined), '');
    assert.ok(isDateFormat('dd/mm/yyyy hh:mm'));
    assert.ok(isDateFormat('[$-409]d-mmm-yy;@'));
    assert.ok(!isDateFormat('#,##0.00 "Dr";#,##0.00 "Cr"'));
    assert.ok(!isDateFormat('[Red]#,##0.00'));
    assert.ok(!isDateFormat('General'));
  });
});

describe('XLSX: Tally Bills Receivable exported to Excel', () => {
  test('titles skipped, Grand Total ends the table, every bill maps', async () => {
    const table = await openTable(
      { path: fixture('tally', 'bills-receivable.xlsx'), fileName: 'br.xlsx' },
      { preset: 'tally-xlsx' },
    );
    assert.equal(table.headerLine, 6);
    assert.equal(detectPreset('xlsx', table.headers)?.name, 'tally-xlsx');
    const rows = await all(table.rows);
    assert.deepEqual(
      rows.map((r) => r.line),
      [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
    );
    const preset = getPreset('tally-xlsx')!;
    const { mapping, missing } = presetMapping(preset, table.headers);
    assert.deepEqual(missing, []);
    const options = presetOptions(
      preset,
      { currency: 'INR' },
      rows.map((r) => r.cells),
      mapping,
    );
    const records = rows.map((r) => {
      const result = mapRow('invoices', r.cells, r.line, mapping, options);
      assert.ok(result.record, JSON.stringify(result.errors));
      return result.record;
    });
    assertTallyTotals(records);
    assert.deepEqual(records[0], {
      line: 7,
      kind: 'invoice',
      number: 'Opening/127',
      customer_code: 'GUPTA-HARDWARE-STORES',
      customer_name: 'Gupta Hardware Stores',
      issue_date: '2021-04-01',
      due_date: '2021-05-01',
      total: '45000.00',
      open_amount: '45000.00',
    });
  });

  test('the text export with opening amounts: sub-totals skipped, Total ends it', async () => {
    const table = await openTable(
      { path: fixture('tally', 'bills-receivable-text.xlsx'), fileName: 'br.xlsx' },
      { preset: 'tally-xlsx' },
    );
    const rows = await all(table.rows);
    assert.deepEqual(
      rows.map((r) => r.line),
      [7, 8, 10, 11],
    );
    const preset = getPreset('tally-xlsx')!;
    const { mapping } = presetMapping(preset, table.headers);
    const options = presetOptions(
      preset,
      { currency: 'INR' },
      rows.map((r) => r.cells),
      mapping,
    );
    const records = rows.map((r) => mapRow('invoices', r.cells, r.line, mapping, options).record!);
    assert.deepEqual(
      records.map((r) => [r.number, r.kind, r.total, r.open_amount, r.issue_date]),
      [
        ['SI/21-22/0412', 'invoice', '11800.00', '11800.00', '2021-11-01'],
        ['SI/21-22/0455', 'invoice', '47200.00', '23600.00', '2021-11-15'],
        ['ADV/21-22/009', 'credit_note', '5000.00', '5000.00', '2022-02-10'],
        ['SI/21-22/0601', 'invoice', '177000.00', '177000.00', '2022-01-03'],
      ],
    );
  });

  test('a preset layout that finds no header says what it looked for', async () => {
    const error = await fileError(
      openTable({ path: fixture('xlsx', 'cell-types.xlsx'), fileName: 'x.xlsx' }, { preset: 'tally-xlsx' }),
    );
    assert.match(error.reason, /no header row .* Date, Ref\. No\., Party's Name and Pending Amount/);
  });
});

describe('XLSX: containers that are not workbooks', () => {
  test('a ZIP of other files, a Word document, a truncated upload', async () => {
    const cases: [string, RegExp][] = [
      ['not-a-workbook.zip', /ZIP archive, not an Excel workbook/],
      ['letter.docx', /Word document/],
      ['truncated.xlsx', /damaged or incomplete/],
    ];
    for (const [name, reason] of cases) {
      const error = await fileError(openTable({ path: fixture('bad', name), fileName: name }));
      assert.match(error.reason, reason, name);
      assert.equal(error.line, 0);
    }
  });
});
