import ExcelJS from 'exceljs';
import { cellText } from './cell-text.ts';
import { ImportFileError } from './errors.ts';
import type { OpenedSource } from './source.ts';
import type { RawRow } from './table.ts';

interface SheetReader extends AsyncIterable<ExcelJS.Row> {
  name: string;
  state?: string;
}

/**
 * Rows of one worksheet, streamed: exceljs's WorkbookReader parses the sheet's XML as it unzips,
 * so a sheet of a million rows never sits in memory. The first visible sheet is read unless one
 * is named; the others are skipped unparsed.
 */
export async function* xlsxRows(
  source: OpenedSource,
  wanted: string | undefined,
  details: { sheet?: string },
): AsyncGenerator<RawRow> {
  const input = source.stream();
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles carry the number formats that say a number is a date.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const names: string[] = [];
  let chosen = false;
  let lastRow = 0;
  try {
    for await (const worksheet of workbook) {
      const sheet = worksheet as unknown as SheetReader;
      names.push(sheet.name);
      if (chosen) continue;
      if (wanted ? sheet.name !== wanted : sheet.state === 'hidden' || sheet.state === 'veryHidden') continue;
      chosen = true;
      details.sheet = sheet.name;
      for await (const row of sheet) {
        lastRow = row.number;
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          cells[column - 1] = cellText(cell.value, cell.numFmt);
        });
        for (let i = 0; i < cells.length; i++) cells[i] ??= '';
        yield { line: row.number, cells };
      }
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    if (lastRow === 0 && isWorkbookOrderRace(error)) {
      yield* xlsxRowsInMemory(source, wanted, details);
      return;
    }
    throw new ImportFileError(lastRow + 1, `the workbook cannot be read: ${(error as Error).message}`);
  } finally {
    input.destroy();
  }
  if (!chosen) {
    const list = names.map((n) => `"${n}"`).join(', ');
    throw new ImportFileError(
      0,
      wanted
        ? `the workbook has no sheet "${wanted}"; it has ${list || 'none'}`
        : 'the workbook has no visible worksheet',
    );
  }
}

/**
 * exceljs's streaming reader races when xl/workbook.xml comes after the worksheets in the ZIP
 * (as exceljs itself and some exporters write it): it may parse a sheet before it knows the
 * workbook and fail with "reading 'sheets'" (exceljs issue #3064, open). Nothing has been read
 * then, so the file is read again whole, which uploads' size limit keeps affordable.
 */
function isWorkbookOrderRace(error: unknown) {
  return error instanceof TypeError && /reading 'sheets'/.test(error.message);
}

export async function* xlsxRowsInMemory(source: OpenedSource, wanted: string | undefined, details: { sheet?: string }): AsyncGenerator<RawRow> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.read(source.stream());
  } catch (error) {
    throw new ImportFileError(1, `the workbook cannot be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets.find((ws) => (wanted ? ws.name === wanted : ws.state !== 'hidden' && ws.state !== 'veryHidden'));
  if (!sheet) {
    const list = workbook.worksheets.map((ws) => `"${ws.name}"`).join(', ');
    throw new ImportFileError(0, wanted ? `the workbook has no sheet "${wanted}"; it has ${list || 'none'}` : 'the workbook has no visible worksheet');
  }
  details.sheet = sheet.name;
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      // A merged range's other cells echo its first one here; streaming sees them empty.
      if (cell.isMerged && cell.master !== cell) return;
      cells[column - 1] = cellText(cell.value, cell.numFmt);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (cells.length) rows.push({ line: row.number, cells });
  });
  yield* rows;
}
