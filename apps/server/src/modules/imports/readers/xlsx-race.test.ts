import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { OpenedSource } from './source.ts';
import { xlsxRows, xlsxRowsInMemory } from './xlsx-reader.ts';

const TALLY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../../test/fixtures/imports/tally');
const sourceOf = (buffer: Buffer) => ({ stream: () => Readable.from([buffer]) }) as unknown as OpenedSource;

async function read(reader: typeof xlsxRows, buffer: Buffer, wanted?: string) {
  const details: { sheet?: string } = {};
  const rows = [];
  for await (const row of reader(sourceOf(buffer), wanted, details)) rows.push(row);
  return { rows, sheet: details.sheet };
}

/**
 * exceljs's streaming reader now and then fails on workbooks whose workbook part comes last
 * (exceljs #3064); the reader then falls back to reading the file whole. The fallback must give
 * exactly what streaming gives: same lines, same cell text, same sheet choice.
 */
test('the whole-file fallback reads every workbook exactly as streaming does', async () => {
  const made = new ExcelJS.Workbook();
  made.addWorksheet('Hidden', { state: 'hidden' }).addRow(['secret']);
  const visible = made.addWorksheet('Bills');
  visible.addRow(['Bill', 'Date', 'Amount']);
  visible.addRow(['INV-1', new Date(Date.UTC(2025, 3, 1)), 1234.5]);
  visible.getCell('B2').numFmt = 'dd-mm-yyyy';
  visible.addRow([]);
  visible.addRow(['INV-2', null, 10]);
  const buffers = [
    Buffer.from(await made.xlsx.writeBuffer()),
    fs.readFileSync(path.join(TALLY, 'bills-receivable.xlsx')),
    fs.readFileSync(path.join(TALLY, 'bills-receivable-text.xlsx')),
  ];
  for (const buffer of buffers) {
    const streamed = await read(xlsxRows, buffer);
    assert.ok(streamed.rows.length > 1);
    assert.deepEqual(await read(xlsxRowsInMemory, buffer), streamed);
  }
  assert.equal((await read(xlsxRowsInMemory, buffers[0]!)).sheet, 'Bills');
  assert.deepEqual((await read(xlsxRowsInMemory, buffers[0]!, 'Hidden')).rows, [{ line: 1, cells: ['secret'] }]);
  await assert.rejects(read(xlsxRowsInMemory, buffers[0]!, 'Nope'), /no sheet "Nope"; it has "Hidden", "Bills"/);
  await assert.rejects(read(xlsxRowsInMemory, Buffer.from('not a zip')), /cannot be read/);
});
