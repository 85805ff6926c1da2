import { parse } from 'csv-parse/sync';
import { ValidationError } from './errors.ts';

/**
 * A small CSV sent as text (rates, targets): the header's columns found by any of their accepted
 * names, case-insensitive, and each row with its line in the file for the error report.
 */
export function readSmallCsv<K extends string>(csv: string, columns: Record<K, string[]>) {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (error) {
    throw new ValidationError('file', `not a readable CSV: ${(error as Error).message}`);
  }
  const header = (records[0]?.record ?? []).map((h) => h.toLowerCase());
  const index = {} as Record<K, number>;
  for (const [name, accepted] of Object.entries(columns) as [K, string[]][]) {
    index[name] = header.findIndex((h) => accepted.includes(h));
    if (index[name] < 0) throw new ValidationError('file', `the header has no "${name}" column`);
  }
  return records.slice(1).map(({ record, info }) => {
    const row = {} as Record<K, string>;
    for (const name of Object.keys(columns) as K[]) row[name] = record[index[name]] ?? '';
    return { line: info.lines, row };
  });
}
