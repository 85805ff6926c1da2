import { AppError } from '../../../platform/errors.ts';

/**
 * The file itself cannot be read as a table (as opposed to a row with a bad value, which is a
 * RowError). `line` is where the reader stopped — the spreadsheet row or text line — or 0 when the
 * problem is the file as a whole (empty, binary, not a workbook).
 */
export class ImportFileError extends AppError {
  readonly status = 400;
  readonly code = 'import_file_unreadable';

  constructor(
    readonly line: number,
    readonly reason: string,
    fileName?: string,
  ) {
    super(line > 0 ? `line ${line}: ${reason}` : reason, {
      line,
      reason,
      ...(fileName ? { file: fileName } : {}),
    });
  }
}
