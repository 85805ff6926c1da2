import { currencyExponent, InvalidValue, isIsoDate } from '@duely/domain';

/**
 * A report as data, before it is any file format. Report builders fill this in once; the XLSX,
 * PDF and CSV writers each render it, so the three exports of one report cannot disagree.
 */
export type ColumnType = 'text' | 'money' | 'integer' | 'number' | 'percent' | 'date' | 'days';

export interface ReportColumn {
  key: string;
  label: string;
  type: ColumnType;
  /** For money columns; the document's currency when absent. */
  currency?: string;
}

/**
 * money: bigint minor units; percent: 55.9 means 55.9 %; date: 'YYYY-MM-DD'; integer and days
 * may be number or bigint.
 */
export type CellValue = string | number | bigint | null;

export interface ReportChart {
  kind: 'bar' | 'line';
  title: string;
  /** Column key whose values label the x axis. */
  category: string;
  /** Column keys plotted as series; each must be a numeric column. */
  series: string[];
  stacked?: boolean;
}

export interface ReportSection {
  /** Becomes the sheet name: sanitized and cut to 31 characters by the XLSX writer. */
  name: string;
  title: string;
  note?: string;
  columns: ReportColumn[];
  rows: Record<string, CellValue>[];
  totals?: Record<string, CellValue>;
  chart?: ReportChart;
}

export interface ReportDocument {
  title: string;
  subtitle?: string;
  tenantName: string;
  currency: string;
  /** ISO timestamp, shown as given (it carries the tenant's offset when the builder adds it). */
  generatedAt: string;
  sections: ReportSection[];
}

export type ExportFormat = 'xlsx' | 'pdf' | 'csv';

const NUMERIC_TYPES: ReadonlySet<ColumnType> = new Set(['money', 'integer', 'number', 'percent', 'days']);

export function isNumericColumn(column: ReportColumn): boolean {
  return NUMERIC_TYPES.has(column.type);
}

export function columnCurrency(column: ReportColumn, doc: ReportDocument): string {
  return column.currency ?? doc.currency;
}

/**
 * Checks everything a writer would otherwise trip over halfway through a file, so a bad document
 * is one clear error naming the place, not a corrupt download.
 */
export function validateDocument(doc: ReportDocument): void {
  if (!doc.title?.trim()) throw new InvalidValue('title', 'a report needs a title');
  currencyExponent(doc.currency);
  if (Number.isNaN(Date.parse(doc.generatedAt))) {
    throw new InvalidValue('generatedAt', `"${doc.generatedAt}" is not an ISO timestamp`);
  }
  if (doc.sections.length === 0) throw new InvalidValue('sections', 'a report needs at least one section');
  for (const [s, section] of doc.sections.entries()) validateSection(doc, section, `sections[${s}]`);
}

function validateSection(doc: ReportDocument, section: ReportSection, at: string): void {
  if (section.columns.length === 0)
    throw new InvalidValue(`${at}.columns`, 'a section needs at least one column');
  const byKey = new Map<string, ReportColumn>();
  for (const [c, column] of section.columns.entries()) {
    if (byKey.has(column.key))
      throw new InvalidValue(`${at}.columns[${c}].key`, `duplicate column key "${column.key}"`);
    byKey.set(column.key, column);
    if (column.type === 'money') {
      try {
        currencyExponent(columnCurrency(column, doc));
      } catch {
        throw new InvalidValue(`${at}.columns[${c}].currency`, `unknown currency "${column.currency}"`);
      }
    }
  }
  for (const [r, row] of section.rows.entries()) validateRow(section, row, `${at}.rows[${r}]`);
  if (section.totals) validateRow(section, section.totals, `${at}.totals`);
  const chart = section.chart;
  if (chart) {
    const category = byKey.get(chart.category);
    if (!category) throw new InvalidValue(`${at}.chart.category`, `no column "${chart.category}"`);
    if (chart.series.length === 0)
      throw new InvalidValue(`${at}.chart.series`, 'a chart needs at least one series');
    for (const key of chart.series) {
      const column = byKey.get(key);
      if (!column) throw new InvalidValue(`${at}.chart.series`, `no column "${key}"`);
      if (!isNumericColumn(column))
        throw new InvalidValue(`${at}.chart.series`, `column "${key}" is not numeric`);
    }
  }
}

function validateRow(section: ReportSection, row: Record<string, CellValue>, at: string): void {
  for (const column of section.columns) {
    const value = row[column.key];
    if (value === null || value === undefined) continue;
    const field = `${at}.${column.key}`;
    switch (column.type) {
      case 'text':
        break;
      case 'money':
        // A number here would already have been through floating point: refuse it.
        if (typeof value !== 'bigint') throw new InvalidValue(field, 'money cells are bigint minor units');
        break;
      case 'integer':
      case 'days':
        if (typeof value === 'bigint') break;
        if (typeof value !== 'number' || !Number.isSafeInteger(value))
          throw new InvalidValue(field, 'expected an integer');
        break;
      case 'number':
      case 'percent':
        if (typeof value !== 'number' || !Number.isFinite(value))
          throw new InvalidValue(field, 'expected a finite number');
        break;
      case 'date':
        if (typeof value !== 'string' || !isIsoDate(value))
          throw new InvalidValue(field, 'expected a YYYY-MM-DD date');
        break;
    }
  }
}

/**
 * The totals row as rendered: the first text column says "Total" unless the builder put
 * something there, so a reader never mistakes the sums for one more customer.
 */
export function totalsRow(section: ReportSection): Record<string, CellValue> | undefined {
  if (!section.totals) return undefined;
  const labelColumn = section.columns.find((c) => c.type === 'text');
  const row = { ...section.totals };
  if (labelColumn && (row[labelColumn.key] === null || row[labelColumn.key] === undefined))
    row[labelColumn.key] = 'Total';
  return row;
}

const SHEET_NAME_MAX = 31;

/**
 * Excel's rules for sheet names: 1–31 characters, none of []:*?/\, no apostrophe at either end,
 * unique ignoring case, and not "History" (reserved for change tracking). Breaking any of them
 * makes Excel "repair" the file, so names are made safe here rather than trusted.
 */
export function sheetNames(sections: readonly ReportSection[]): string[] {
  const used = new Set<string>();
  return sections.map((section, i) => {
    let base = section.name
      // Keep the sense where a character has a safe look-alike: "FY 25/26" → "FY 25-26".
      .replace(/[/\\]/g, '-')
      .replace(/\[/g, '(')
      .replace(/]/g, ')')
      .replace(/[:*?]/g, ' ')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is being removed
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^['\s-]+|['\s-]+$/g, '');
    if (!base || base.toLowerCase() === 'history') base = base ? `${base} ${i + 1}` : `Sheet ${i + 1}`;
    base = cutTo(base, SHEET_NAME_MAX);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = `${cutTo(base, SHEET_NAME_MAX - suffix.length)}${suffix}`;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** Cuts to max UTF-16 units (what Excel counts) without splitting a surrogate pair. */
function cutTo(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out.trimEnd();
}
