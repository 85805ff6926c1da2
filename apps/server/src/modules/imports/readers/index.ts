export type { TableFormat } from './detect.ts';
export { ImportFileError } from './errors.ts';
export { countRows, type OpenTableOptions, openTable } from './open-table.ts';
export type { ImportSource, ProgressInfo } from './source.ts';
export type { Table, TableRow } from './table.ts';
