import { createHash } from 'node:crypto';
import { type ParsedStatement, StatementParseError, detectStatementText, parseBankRows, parseStatementText } from '@duely/domain/statements/index';
import { parse as parseCsv } from 'csv-parse/sync';
import { decodeAll, looksBinary, sniffEncoding } from '../imports/readers/encoding.ts';
import { sniffDelimiter } from '../imports/readers/csv-reader.ts';
import { type ImportSource, OpenedSource } from '../imports/readers/source.ts';
import { xlsxRows } from '../imports/readers/xlsx-reader.ts';
import { ValidationError } from '../../platform/errors.ts';

/** Statements are a day to a month of one account: far below this even for a busy account. */
const MAX_STATEMENT_BYTES = 50 * 1024 * 1024;

export interface ReadStatementFile {
  statements: ParsedStatement[];
  sha256: string;
  fileName: string;
}

/**
 * Reads any supported statement file: the format is decided by content (ZIP = a bank's XLSX
 * export; XML = camt; MT940/MT942 and BAI2 by their first fields; other text = a bank's CSV). A
 * file that cannot be read throws StatementParseError naming the line or element, before anything
 * is written.
 */
export async function readStatementFile(source: ImportSource): Promise<ReadStatementFile> {
  const opened = await OpenedSource.open(source);
  const bytes = await opened.readAll(MAX_STATEMENT_BYTES);
  if (!bytes) throw new ValidationError('file', `a statement file may be at most ${MAX_STATEMENT_BYTES / 1024 / 1024} MB`);
  if (bytes.length === 0) throw new ValidationError('file', 'the file is empty');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (isZip) {
    const rows: string[][] = [];
    for await (const row of xlsxRows(await OpenedSource.open({ buffer: bytes, fileName: source.fileName }), undefined, {})) {
      // Keep spreadsheet row numbers: blank rows the reader skipped become empty rows here.
      while (rows.length < row.line - 1) rows.push([]);
      rows.push(row.cells);
    }
    return { statements: parseBankRows(rows), sha256, fileName: source.fileName };
  }
  const text = decodeAll(bytes, sniffEncoding(bytes, true));
  const kind = detectStatementText(text);
  if (kind !== 'table') return { statements: parseStatementText(text), sha256, fileName: source.fileName };
  // MT940 files are known to carry stray control characters; a table never should.
  if (looksBinary(text)) throw new StatementParseError('line 1', 'not a statement: the file holds binary data');
  let rows: string[][];
  try {
    rows = parseCsv(text.replace(/^\uFEFF/, ''), { delimiter: sniffDelimiter(text.slice(0, 64 * 1024)), relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new StatementParseError(`line ${line ?? 1}`, `not a readable CSV: ${(error as Error).message}`);
  }
  return { statements: parseBankRows(rows), sha256, fileName: source.fileName };
}
