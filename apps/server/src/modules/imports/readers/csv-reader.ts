import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { EncodingError, type SniffedEncoding, toUtf8 } from './encoding.ts';
import { ImportFileError } from './errors.ts';
import type { OpenedSource } from './source.ts';
import type { RawRow } from './table.ts';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** One field may not exceed this: past it, the likeliest cause is a quote that never closes. */
const MAX_FIELD = 1024 * 1024;

/**
 * The delimiter that splits the first lines into the same number of fields, most often; more
 * fields break ties (a comma inside a semicolon file's amounts is rarer than the semicolons).
 * Quoted text is ignored, so "Shah, Mehta & Co" does not vote for the comma.
 */
export function sniffDelimiter(headText: string): Delimiter {
  const unquoted = headText.replace(/"(?:[^"]|"")*"/g, '""');
  const lines = unquoted.split(/\r\n|\n|\r/).slice(0, 30);
  if (lines.length > 1) lines.pop();
  const filled = lines.filter((l) => l.trim() !== '');
  let best: { delimiter: Delimiter; consistency: number; fields: number } = {
    delimiter: ',',
    consistency: 0,
    fields: 0,
  };
  for (const delimiter of DELIMITERS) {
    const counts = filled.map((l) => l.split(delimiter).length - 1);
    const tally = new Map<number, number>();
    for (const c of counts) if (c > 0) tally.set(c, (tally.get(c) ?? 0) + 1);
    let mode = 0;
    let modeCount = 0;
    for (const [count, times] of tally) {
      if (times > modeCount || (times === modeCount && count > mode)) [mode, modeCount] = [count, times];
    }
    if (mode === 0) continue;
    const consistency = modeCount / filled.length;
    if (consistency > best.consistency || (consistency === best.consistency && mode > best.fields)) {
      best = { delimiter, consistency, fields: mode };
    }
  }
  return best.delimiter;
}

/**
 * CSV rows as they are read, never the whole file: csv-parse in a stream, fed UTF-8. `line` is
 * the spreadsheet row (a quoted value spanning lines is one row, as in Excel); csv-parse's own
 * errors name the text line.
 */
export async function* csvRows(
  source: OpenedSource,
  encoding: SniffedEncoding,
  delimiter: string,
): AsyncGenerator<RawRow> {
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    // Empty lines come through as [''] and are counted here, so a record's spreadsheet row is
    // simply its position; csv-parse's per-record info object would cost a fifth of the read.
    skip_empty_lines: false,
    max_record_size: MAX_FIELD,
  });
  const input = source.stream();
  const stream = pipeline(input, toUtf8(encoding), parser, () => {});
  let row = 0;
  try {
    for await (const record of stream as AsyncIterable<string[]>) {
      row++;
      yield { line: row, cells: record };
    }
  } catch (error) {
    throw explain(error, row);
  } finally {
    input.destroy();
    stream.destroy();
  }
}

function explain(error: unknown, lastRow: number): unknown {
  if (error instanceof EncodingError) {
    return new ImportFileError(
      error.line,
      'has characters that are not valid UTF-8 while the lines above are: save the file as "CSV UTF-8"',
    );
  }
  if (!(error instanceof CsvError)) return error;
  const context = error as CsvError & { lines?: number; records?: number };
  const line = context.lines ?? lastRow + 1;
  // The record being read when it failed, as a spreadsheet row (blank lines are records here).
  const next = context.records !== undefined ? context.records + 1 : lastRow + 1;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new ImportFileError(
        next,
        'a quoted value starting on this line is never closed (unterminated quote)',
      );
    case 'CSV_MAX_RECORD_SIZE':
      return new ImportFileError(
        next,
        'a value here is longer than 1 MB: most likely a quote that is never closed',
      );
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new ImportFileError(line, 'a quote inside a quoted value must be doubled ("")');
    default:
      return new ImportFileError(line, error.message.replace(/\s*at line \d+.*$/, ''));
  }
}
