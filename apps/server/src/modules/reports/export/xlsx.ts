import { currencyExponent, formatAmount } from '@duely/domain';
import ExcelJS from 'exceljs';
import { displayCell, headerLabel, usesIndianGrouping } from './display.ts';
import {
  type CellValue,
  columnCurrency,
  isNumericColumn,
  type ReportColumn,
  type ReportDocument,
  type ReportSection,
  sheetNames,
  totalsRow,
  validateDocument,
} from './document.ts';

/**
 * One sheet per section: a few title rows, then the table with its header frozen and an
 * autofilter over the data rows (not the totals, which must not sort in among them).
 *
 * Charts: exceljs cannot write chart parts, so a section's chart is not drawn here. Its data is
 * the table itself, from which a user makes the chart in two clicks; the PDF draws it.
 */
export async function writeXlsx(doc: ReportDocument): Promise<Buffer> {
  validateDocument(doc);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Duely';
  workbook.title = doc.title;
  workbook.company = doc.tenantName;
  const generated = new Date(doc.generatedAt);
  workbook.created = generated;
  workbook.modified = generated;

  const names = sheetNames(doc.sections);
  for (const [i, section] of doc.sections.entries()) writeSheet(workbook, names[i]!, section, doc);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const TITLE_FONT: Partial<ExcelJS.Font> = { bold: true, size: 14 };
const SUBTITLE_FONT: Partial<ExcelJS.Font> = { bold: true, size: 12 };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF1' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF8896A8' } };

function writeSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  section: ReportSection,
  doc: ReportDocument,
): void {
  const sheet = workbook.addWorksheet(name);
  const titleLines: [string, Partial<ExcelJS.Font>][] = [
    [doc.title, TITLE_FONT],
    [section.title, SUBTITLE_FONT],
    [[doc.tenantName, doc.subtitle].filter(Boolean).join(' · '), {}],
    [`Generated ${doc.generatedAt}`, { color: { argb: 'FF5A6472' } }],
  ];
  if (section.note) titleLines.push([section.note, { italic: true }]);
  for (const [text, font] of titleLines) sheet.addRow([text]).getCell(1).font = font;
  sheet.addRow([]);

  const columns = section.columns;
  const header = sheet.addRow(columns.map((c) => headerLabel(c, doc, 'xlsx')));
  const headerRow = header.number;
  header.eachCell((cell, c) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = { bottom: THIN };
    cell.alignment = {
      horizontal: isNumericColumn(columns[c - 1]!) ? 'right' : 'left',
      vertical: 'middle',
      wrapText: true,
    };
  });

  for (const row of section.rows) addDataRow(sheet, columns, row, doc);
  const lastDataRow = headerRow + section.rows.length;

  const totals = totalsRow(section);
  if (totals) {
    const row = addDataRow(sheet, columns, totals, doc);
    for (let c = 1; c <= columns.length; c++) {
      const cell = row.getCell(c);
      cell.font = { bold: true };
      cell.border = { top: THIN };
    }
  }

  sheet.views = [
    {
      state: 'frozen',
      xSplit: 0,
      ySplit: headerRow,
      topLeftCell: `A${headerRow + 1}`,
      activeCell: `A${headerRow + 1}`,
    },
  ];
  sheet.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: lastDataRow, column: columns.length },
  };
  sheet.pageSetup = {
    orientation: columns.length > 6 ? 'landscape' : 'portrait',
    paperSize: 9, // A4
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerRow}:${headerRow}`,
  };

  fitColumnWidths(sheet, section, doc);
}

function addDataRow(
  sheet: ExcelJS.Worksheet,
  columns: ReportColumn[],
  values: Record<string, CellValue>,
  doc: ReportDocument,
): ExcelJS.Row {
  const row = sheet.addRow([]);
  columns.forEach((column, i) => {
    const value = values[column.key];
    if (value === null || value === undefined) return;
    const cell = row.getCell(i + 1);
    const [stored, numFmt] = excelValue(column, value, doc);
    cell.value = stored;
    if (numFmt) cell.numFmt = numFmt;
    if (isNumericColumn(column)) cell.alignment = { horizontal: 'right' };
  });
  return row;
}

/** The value a cell stores and the number format that shows it as the PDF does. */
function excelValue(
  column: ReportColumn,
  value: Exclude<CellValue, null>,
  doc: ReportDocument,
): [string | number, string?] {
  const indian = usesIndianGrouping(doc);
  switch (column.type) {
    case 'text':
      // Stored as a shared string: Excel never evaluates it, so "=..." from a customer name is inert.
      return [String(value)];
    case 'money': {
      const currency = columnCurrency(column, doc);
      const decimal = formatAmount(value as bigint, currency);
      // Number() of the decimal string is the double nearest to it. Every amount we allow
      // (|amount| ≤ MAX_AMOUNT = 10^15 minor units, at most 15 significant digits) survives that
      // round trip exactly, and Excel displays 15 significant digits, so no paisa is lost.
      return [Number(decimal), moneyFormat(decimal, currency)];
    }
    case 'integer':
    case 'days': {
      const n = Number(value);
      return [n, groupedInteger(integerDigits(n), indian)];
    }
    case 'number': {
      const n = value as number;
      return [n, `${groupedInteger(integerDigits(n), indian)}.${'0'.repeat(2)}`];
    }
    case 'percent': {
      // A real Excel percentage (a fraction shown with 0.0%), so formulas on it work as users
      // expect. Shifting the decimal point in the string gives the double nearest 0.559, the
      // same one Excel stores when 55.9% is typed; 55.9 / 100 would give 0.5589999999999999.
      const text = String(value);
      return [text.includes('e') ? (value as number) / 100 : Number(`${text}e-2`), '0.0%'];
    }
    case 'date':
      return [excelSerial(value as string), 'dd-mmm-yyyy'];
  }
}

/**
 * Excel's number formats can hold only two conditions, which is not enough for lakh and crore
 * grouping of both signs, and LibreOffice and Excel disagree on whether a conditional section
 * shows a minus sign (LibreOffice keeps it in the first section only and drops it in the others,
 * so -1,50,000 came out as "₹1,50,000.00"). So the condition is decided here, from the amount:
 * each cell gets a plain "positive;negative" format whose grouping is sized to its magnitude
 * band — "₹"#,##0.00 below a lakh, "₹"##\,##\,##0.00 in lakhs, one more "##\," per two more
 * digits — which both programs render alike: ₹12,34,567.89 and -₹1,50,000.00. An edited cell
 * keeps its grouping while it stays in its band.
 */
function moneyFormat(decimal: string, currency: string): string {
  const exponent = currencyExponent(currency);
  const fraction = exponent ? `.${'0'.repeat(exponent)}` : '';
  const digits = decimal.replace('-', '').split('.')[0]!.length;
  if (currency !== 'INR') return `#,##0${fraction}`;
  const pattern = `${groupedInteger(digits, true)}${fraction}`;
  return `"₹"${pattern};-"₹"${pattern}`;
}

/**
 * Indian grouping puts commas after the last three digits and then every two. Literal commas
 * (\,) print even when no digit precedes them, so the pattern has just enough placeholders for
 * the number's band and never a wholly empty group.
 */
function groupedInteger(digits: number, indian: boolean): string {
  if (!indian || digits <= 5) return '#,##0';
  const pairs = Math.ceil((digits - 3) / 2);
  return `${'##\\,'.repeat(pairs)}##0`;
}

function integerDigits(n: number): number {
  return Math.trunc(Math.abs(n)).toString().length;
}

const MS_PER_DAY = 86_400_000;
/** Excel's day 0 is 1899-12-30 (it counts a 29 Feb 1900 that never was); right from March 1900. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** From the date string, not a JS Date at local midnight, so no time zone can shift the day. */
function excelSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return (Date.UTC(y, m - 1, d) - EXCEL_EPOCH) / MS_PER_DAY;
}

const MIN_WIDTH = 10;
const MAX_WIDTH = 60;

/** Widths from the text each cell shows (the title rows above the table don't count). */
function fitColumnWidths(sheet: ExcelJS.Worksheet, section: ReportSection, doc: ReportDocument): void {
  const totals = totalsRow(section);
  const rows = totals ? [...section.rows, totals] : section.rows;
  section.columns.forEach((column, i) => {
    let width = headerLabel(column, doc, 'xlsx').length + 2; // room for the filter button
    for (const row of rows) width = Math.max(width, displayCell(column, row[column.key], doc).length);
    sheet.getColumn(i + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width + 2));
  });
}
