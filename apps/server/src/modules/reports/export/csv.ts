import { formatAmount } from '@duely/domain';
import { headerLabel } from './display.ts';
import {
  type CellValue,
  columnCurrency,
  type ReportColumn,
  type ReportDocument,
  type ReportSection,
  totalsRow,
  validateDocument,
} from './document.ts';

/**
 * RFC 4180 (CRLF, quotes doubled) for machines as much as people: amounts are plain decimals
 * ("-1500.00", no grouping, no symbol; the header names the currency), dates ISO, percentages the
 * number itself. A one-section report is a plain table; with several sections each is a block —
 * its title on a line of its own, the header, the rows, the totals, a blank line.
 */
export function writeCsv(doc: ReportDocument): string {
  validateDocument(doc);
  const lines: string[] = [];
  const blocks = doc.sections.length > 1;
  for (const section of doc.sections) {
    if (blocks) lines.push(csvLine([section.title]));
    lines.push(csvLine(section.columns.map((c) => headerLabel(c, doc, 'csv'))));
    for (const row of section.rows) lines.push(dataLine(section, row, doc));
    const totals = totalsRow(section);
    if (totals) lines.push(dataLine(section, totals, doc));
    if (blocks) lines.push('');
  }
  return lines.map((line) => `${line}\r\n`).join('');
}

function dataLine(section: ReportSection, row: Record<string, CellValue>, doc: ReportDocument): string {
  return section.columns
    .map((column) => field(csvValue(column, row[column.key], doc), column.type !== 'text'))
    .join(',');
}

function csvValue(column: ReportColumn, value: CellValue | undefined, doc: ReportDocument): string {
  if (value === null || value === undefined) return '';
  if (column.type === 'money') return formatAmount(value as bigint, columnCurrency(column, doc));
  return String(value);
}

function csvLine(texts: string[]): string {
  return texts.map((text) => field(text, false)).join(',');
}

// A spreadsheet opening the CSV runs a cell that starts with one of these as a formula
// (=HYPERLINK(...) exfiltration, DDE): OWASP's CSV injection advice is to prefix an apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Numbers we formatted ourselves are left alone ("-1500.00" must stay a number); every text —
 * names, titles, headers, anything a customer or user could have typed — is defused.
 */
function field(text: string, numeric: boolean): string {
  const safe = !numeric && FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
