/**
 * Where the table is inside a sheet. Reports exported from accounting packages put a company
 * name, a title and a period above the header row and a total below the last bill; a reader
 * skips those using these tests. Cells are given in sheet order, empty cells as ''.
 */
export interface TableLayout {
  /** True for the header row. Rows above it are titles. */
  isHeader(cells: readonly string[]): boolean;
  /** True for the row that closes the table (Grand Total): it and all below are ignored. */
  isEnd?(cells: readonly string[]): boolean;
  /** Rows inside the table that carry no record (sub-totals, separators). */
  isNoise?(cells: readonly string[]): boolean;
  /** Give up looking for the header after this many rows. */
  maxHeaderRow: number;
  /** When no row passes isHeader, take the first non-blank row rather than refusing the file. */
  fallbackToFirstRow?: boolean;
  /** The header a person should look for, named in the error when none is found. */
  headerHint?: string;
}

/**
 * Without a preset: the first row with two or more filled cells is the header, so a title line or
 * two above a plain table is skipped, yet a one-column file still works.
 */
export const GENERIC_LAYOUT: TableLayout = {
  isHeader: (cells) => cells.filter((c) => c.trim() !== '').length >= 2,
  maxHeaderRow: 50,
  fallbackToFirstRow: true,
};
