import { InvalidValue } from '@duely/domain';
import { writeCsv } from './csv.ts';
import type { ExportFormat, ReportDocument } from './document.ts';
import { writePdf } from './pdf.ts';
import { writeXlsx } from './xlsx.ts';

export { writeCsv } from './csv.ts';
export type {
  CellValue,
  ColumnType,
  ExportFormat,
  ReportChart,
  ReportColumn,
  ReportDocument,
  ReportSection,
} from './document.ts';
export { sheetNames, validateDocument } from './document.ts';
export { writePdf } from './pdf.ts';
export { writeXlsx } from './xlsx.ts';

export interface ExportedReport {
  body: Buffer;
  contentType: string;
  extension: string;
}

// Excel reads a CSV without a byte-order mark as the machine's ANSI code page and garbles every
// name with a non-ASCII letter; other CSV readers skip the mark.
const UTF8_BOM = '\uFEFF';

export async function exportReport(doc: ReportDocument, format: ExportFormat): Promise<ExportedReport> {
  switch (format) {
    case 'xlsx':
      return {
        body: await writeXlsx(doc),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        extension: 'xlsx',
      };
    case 'pdf':
      return { body: await writePdf(doc), contentType: 'application/pdf', extension: 'pdf' };
    case 'csv':
      return {
        body: Buffer.from(UTF8_BOM + writeCsv(doc), 'utf8'),
        contentType: 'text/csv; charset=utf-8',
        extension: 'csv',
      };
    default:
      throw new InvalidValue('format', `unknown export format "${format as string}"`);
  }
}
