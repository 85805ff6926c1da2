import type { TableLayout } from '@duely/domain/imports/layout';
import type { TableFormat } from './detect.ts';
import { ImportFileError } from './errors.ts';

/** One data row: its number as a spreadsheet shows it, and its cells keyed by header name. */
export interface TableRow {
  line: number;
  cells: Record<string, string>;
}

/** A row as the format reader sees it: cells in column order, empty cells as ''. */
export interface RawRow {
  line: number;
  cells: string[];
}

export interface Table {
  format: TableFormat;
  headers: string[];
  /** Where the header row is (titles above it were skipped). */
  headerLine: number;
  /** Header names that had to be invented or changed: empty ones, repeated ones. */
  warnings: string[];
  /** Data rows, read as they are consumed; iterate once. Blank rows are skipped. */
  rows: AsyncIterable<TableRow>;
  /** Share of the file's bytes read so far, 0–1. */
  progress(): number;
  bytesRead(): number;
  totalBytes: number;
  details: { encoding?: string; delimiter?: string; sheet?: string };
  /** Stops reading early and releases the file (a preview that needs only a few rows). */
  close(): Promise<void>;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export interface NamedColumns {
  headers: string[];
  /** The raw cell index each header reads from. */
  columns: number[];
  warnings: string[];
}

/**
 * Header cells to unique names. An empty header inside the table becomes "Column C"; a repeated
 * one gets a number ("Amount (2)"), so every cell stays reachable and a mapping stays unambiguous.
 * Empty header cells after the last named one are not columns at all.
 */
export function nameColumns(raw: readonly string[]): NamedColumns {
  const trimmed = raw.map((cell) =>
    cell
      .replace(/^\ufeff/, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  let last = trimmed.length - 1;
  while (last >= 0 && trimmed[last] === '') last--;
  const headers: string[] = [];
  const columns: number[] = [];
  const warnings: string[] = [];
  const firstColumn = new Map<string, number>();
  for (let i = 0; i <= last; i++) {
    let name = trimmed[i]!;
    if (name === '') {
      name = `Column ${columnLetter(i)}`;
      warnings.push(`column ${columnLetter(i)} has no header; it is called "${name}"`);
    }
    const first = firstColumn.get(name);
    if (first !== undefined) {
      let n = 2;
      while (firstColumn.has(`${name} (${n})`)) n++;
      const renamed = `${name} (${n})`;
      warnings.push(
        `"${name}" is the header of columns ${columnLetter(first)} and ${columnLetter(i)}; column ${columnLetter(i)} is called "${renamed}"`,
      );
      name = renamed;
    }
    firstColumn.set(name, i);
    headers.push(name);
    columns.push(i);
  }
  return { headers, columns, warnings };
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

export interface Located {
  headers: string[];
  headerLine: number;
  warnings: string[];
  rows: AsyncGenerator<TableRow>;
}

/**
 * Reads raw rows until the header row, then hands back the rest as keyed rows. With `strictWidth`
 * (CSV, where every line should have the header's number of fields) a row of another width is an
 * error naming its line; spreadsheets have ragged rows by nature and are not checked.
 */
export async function locateTable(
  raw: AsyncGenerator<RawRow>,
  layout: TableLayout,
  strictWidth: boolean,
): Promise<Located> {
  const seen: RawRow[] = [];
  let header: RawRow | undefined;
  let afterHeader: RawRow[] = [];
  for (;;) {
    const next = await raw.next();
    if (next.done) break;
    const row = next.value;
    if (isBlank(row.cells)) continue;
    if (layout.isHeader(row.cells)) {
      header = row;
      break;
    }
    seen.push(row);
    if (seen.length >= layout.maxHeaderRow) break;
  }
  if (!header) {
    if (!layout.fallbackToFirstRow || seen.length === 0) {
      await raw.return(undefined);
      if (seen.length === 0) throw new ImportFileError(0, 'the file has no rows');
      const hint = layout.headerHint ? `: expected a row with ${layout.headerHint}` : '';
      throw new ImportFileError(0, `no header row in the first ${layout.maxHeaderRow} rows${hint}`);
    }
    header = seen[0]!;
    afterHeader = seen.slice(1);
  }
  const named = nameColumns(header.cells);
  if (named.headers.length === 0) throw new ImportFileError(header.line, 'the header row is empty');
  const width = header.cells.length;
  const namedWidth = named.columns[named.columns.length - 1]! + 1;

  async function* rows(): AsyncGenerator<TableRow> {
    try {
      const process = (row: RawRow): TableRow | 'skip' | 'end' => {
        if (isBlank(row.cells)) return 'skip';
        if (layout.isEnd?.(row.cells)) return 'end';
        if (layout.isNoise?.(row.cells)) return 'skip';
        if (strictWidth) checkWidth(row, width, namedWidth);
        const cells: Record<string, string> = {};
        for (let i = 0; i < named.headers.length; i++)
          cells[named.headers[i]!] = row.cells[named.columns[i]!] ?? '';
        return { line: row.line, cells };
      };
      for (const row of afterHeader) {
        const out = process(row);
        if (out === 'end') return;
        if (out !== 'skip') yield out;
      }
      for (;;) {
        const next = await raw.next();
        if (next.done) return;
        const out = process(next.value);
        if (out === 'end') return;
        if (out !== 'skip') yield out;
      }
    } finally {
      await raw.return(undefined);
    }
  }

  return { headers: named.headers, headerLine: header.line, warnings: named.warnings, rows: rows() };
}

function checkWidth(row: RawRow, width: number, namedWidth: number) {
  const n = row.cells.length;
  if (n === width) return;
  // Trailing empty fields ("a,b,c,,") are harmless: some exporters pad every line.
  if (n > width && row.cells.slice(width).every((c) => c.trim() === '')) return;
  if (n < width && n >= namedWidth) return;
  throw new ImportFileError(
    row.line,
    `has ${n} field${n === 1 ? '' : 's'} but the header has ${width}: a missing or extra separator, or an unquoted separator inside a value`,
  );
}
