import { formatMoney } from '@duely/domain';
import {
  type CellValue,
  columnCurrency,
  type ExportFormat,
  type ReportColumn,
  type ReportDocument,
} from './document.ts';

/**
 * Figures as a person reads them in the PDF, and the widths the XLSX columns are fitted to. The
 * XLSX number formats are built to show the same text (see xlsx.ts), so a figure reads the same
 * in either file.
 */

/** An INR report groups every figure in lakhs and crores, not only the money. */
export function usesIndianGrouping(doc: ReportDocument): boolean {
  return doc.currency === 'INR';
}

export const PERCENT_DECIMALS = 1;
export const NUMBER_DECIMALS = 2;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'DD-Mon-YYYY': what Tally and Indian bank statements print, and unambiguous (no 03/04 doubt). */
export function displayDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}-${MONTHS[Number(month) - 1]}-${year}`;
}

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, decimals: number): Intl.NumberFormat {
  const key = `${locale}/${decimals}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formatters.set(key, format);
  }
  return format;
}

export function displayNumber(value: number | bigint, decimals: number, doc: ReportDocument): string {
  return numberFormat(usesIndianGrouping(doc) ? 'en-IN' : 'en', decimals).format(value);
}

export function displayCell(column: ReportColumn, value: CellValue | undefined, doc: ReportDocument): string {
  if (value === null || value === undefined) return '';
  switch (column.type) {
    case 'text':
      return String(value);
    case 'money':
      return formatMoney(value as bigint, columnCurrency(column, doc));
    case 'integer':
    case 'days':
      return displayNumber(value as number | bigint, 0, doc);
    case 'number':
      return displayNumber(value as number, NUMBER_DECIMALS, doc);
    case 'percent':
      return `${displayNumber(value as number, PERCENT_DECIMALS, doc)}%`;
    case 'date':
      return displayDate(value as string);
  }
}

/**
 * Header text. A money column names its currency wherever its amounts don't show it plainly: in
 * the CSV (bare decimals), in the XLSX for anything but INR (only ₹ gets a symbol format there),
 * and in the PDF when it differs from the report's currency ("$" alone does not say USD or SGD).
 */
export function headerLabel(column: ReportColumn, doc: ReportDocument, format: ExportFormat): string {
  if (column.type === 'percent' && format === 'csv') return `${column.label} (%)`;
  if (column.type !== 'money') return column.label;
  const currency = columnCurrency(column, doc);
  const named = format === 'csv' || (format === 'xlsx' ? currency !== 'INR' : currency !== doc.currency);
  return named ? `${column.label} (${currency})` : column.label;
}
