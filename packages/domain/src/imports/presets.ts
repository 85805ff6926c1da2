import type { ColumnMapping, FieldName } from './fields.ts';
import type { TableLayout } from './layout.ts';
import type { MapOptions } from './options.ts';
import { normalizeHeader } from './suggest.ts';
import { readAmount } from './values.ts';

/**
 * Known file layouts, so a person importing one of them chooses nothing. A preset names candidate
 * headers per field (exports differ by version and language setting), the options to read them
 * with, and where its table sits in the sheet.
 */
export type PresetName = 'ibm' | 'tally-xml' | 'tally-xlsx';
export type FileFormat = 'csv' | 'xlsx' | 'tally-xml';

export interface Preset {
  name: PresetName;
  label: string;
  description: string;
  kind: 'invoices';
  format: FileFormat;
  /** Candidate source headers per field, first present wins. */
  columns: Partial<Record<FieldName<'invoices'>, readonly string[]>>;
  options: Omit<MapOptions, 'currency'>;
  layout?: TableLayout;
  /** True when a file with these headers is this preset's layout. */
  matches(headers: readonly string[]): boolean;
}

const has = (headers: readonly string[], ...names: string[]) => {
  const normalized = new Set(headers.map(normalizeHeader));
  return names.every((n) => normalized.has(normalizeHeader(n)));
};

const IBM: Preset = {
  name: 'ibm',
  label: 'IBM late payment histories (CSV)',
  description:
    'The IBM Watson Analytics "Finance Factoring" sample: one invoice per row, dates as M/D/YYYY, settled invoices paid on SettledDate.',
  kind: 'invoices',
  format: 'csv',
  columns: {
    number: ['invoiceNumber'],
    customer_code: ['customerID'],
    customer_name: ['customerID'],
    issue_date: ['InvoiceDate'],
    due_date: ['DueDate'],
    total: ['InvoiceAmount'],
    settled_date: ['SettledDate'],
    disputed: ['Disputed'],
    country: ['countryCode'],
  },
  options: { dateFormats: ['M/D/YYYY'] },
  matches: (headers) =>
    has(headers, 'countryCode', 'customerID', 'invoiceNumber', 'InvoiceAmount', 'SettledDate'),
};

/**
 * Tally's Bills Receivable (Outstanding Receivables) report as XML. No wrapper per bill: each
 * <BILLFIXED> (date, ref, party) is followed by sibling BILLCL (pending amount, debit negative in
 * the exports we have seen), BILLDUE and BILLOVERDUE; the reader turns each group into one row
 * keyed by tag name. Only the pending amount is in the report, so it is both total and open amount.
 */
const TALLY_XML: Preset = {
  name: 'tally-xml',
  label: 'Tally Bills Receivable (XML)',
  description:
    'TallyPrime / Tally.ERP 9: Display > Statements of Accounts > Outstandings > Receivables, exported as XML.',
  kind: 'invoices',
  format: 'tally-xml',
  columns: {
    number: ['BILLREF'],
    customer_name: ['BILLPARTY'],
    issue_date: ['BILLDATE'],
    due_date: ['BILLDUE'],
    total: ['BILLCL'],
    open_amount: ['BILLCL'],
  },
  options: {
    dateFormats: ['D-MMM-YY', 'YYYYMMDD', 'D/M/YYYY'],
    signedAmounts: 'debit-negative',
    defaultDueDays: 0,
  },
  matches: (headers) => has(headers, 'BILLREF', 'BILLPARTY', 'BILLCL'),
};

const TALLY_TOTAL = new Set(['total', 'grandtotal', 'totals']);

/** The same report exported to Excel: titles above the header row, a Total row below. */
const TALLY_XLSX: Preset = {
  name: 'tally-xlsx',
  label: 'Tally Bills Receivable (Excel)',
  description:
    "TallyPrime / Tally.ERP 9 Bills Receivable exported to Excel: Date, Ref. No., Party's Name, Pending Amount, Due on, Overdue by days.",
  kind: 'invoices',
  format: 'xlsx',
  columns: {
    number: ['Ref. No.', 'Ref No', 'Reference No', 'Bill No', 'Ref'],
    customer_name: ["Party's Name", 'Party Name', 'Party', 'Name of Party', 'Particulars'],
    issue_date: ['Date', 'Bill Date'],
    due_date: ['Due on', 'Due Date', 'Due'],
    // With "Show Opening Amount" on, the report carries the bill's original amount as well.
    total: ['Opening Amount', 'Bill Amount', 'Pending Amount', 'Pending', 'Amount'],
    open_amount: ['Pending Amount', 'Pending', 'Amount'],
  },
  options: {
    dateFormats: ['D-MMM-YY', 'D/M/YYYY', 'YYYYMMDD'],
    signedAmounts: 'debit-positive',
    defaultDueDays: 0,
  },
  layout: {
    isHeader: (cells) => {
      const n = cells.map(normalizeHeader);
      return (
        n.includes('date') &&
        n.some((c) => c.includes('party')) &&
        n.some((c) => c.includes('pending') || c === 'amount')
      );
    },
    isEnd: (cells) => cells.slice(0, 4).some((c) => TALLY_TOTAL.has(normalizeHeader(c))),
    // Party sub-totals and separators have no date and no reference.
    isNoise: (cells) => cells.slice(0, 2).every((c) => c.trim() === ''),
    maxHeaderRow: 30,
    headerHint: "Date, Ref. No., Party's Name and Pending Amount",
  },
  matches: (headers) => has(headers, 'Date', "Party's Name") || has(headers, 'Ref. No.', 'Pending Amount'),
};

export const PRESETS: readonly Preset[] = [IBM, TALLY_XML, TALLY_XLSX];

export function getPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** The preset whose layout these headers are, for a file of this format. */
export function detectPreset(format: FileFormat, headers: readonly string[]): Preset | null {
  return PRESETS.find((p) => p.format === format && p.matches(headers)) ?? null;
}

/**
 * The preset's mapping for a file's actual headers, and the fields it could not find (a file
 * exported with other columns switched on or off).
 */
export function presetMapping(
  preset: Preset,
  headers: readonly string[],
): { mapping: ColumnMapping<'invoices'>; missing: string[] } {
  const byNormal = new Map(headers.map((h) => [normalizeHeader(h), h] as const));
  const mapping: Record<string, string> = {};
  const missing: string[] = [];
  for (const [field, candidates] of Object.entries(preset.columns)) {
    const found = candidates?.map((c) => byNormal.get(normalizeHeader(c))).find(Boolean);
    if (found) mapping[field] = found;
    else missing.push(field);
  }
  return { mapping: mapping as ColumnMapping<'invoices'>, missing };
}

/**
 * Options for mapping one file with a preset. Which sign a debit carries differs between Tally
 * versions and export paths, so when the file has a sample of plain signed amounts the majority
 * decides (a receivables report is mostly debits); cells with Dr/Cr say so themselves.
 */
export function presetOptions(
  preset: Preset,
  base: Pick<MapOptions, 'currency'> & Partial<MapOptions>,
  sample: readonly Readonly<Record<string, string>>[] = [],
  mapping: ColumnMapping<'invoices'> = presetMapping(preset, sample[0] ? Object.keys(sample[0]) : []).mapping,
): MapOptions {
  const options: MapOptions = { ...preset.options, ...base };
  if (preset.options.signedAmounts && !base.signedAmounts && mapping.total) {
    const detected = detectDebitSign(
      sample.map((cells) => cells[mapping.total!] ?? ''),
      base.currency,
    );
    if (detected) options.signedAmounts = detected;
  }
  return options;
}

export function detectDebitSign(
  values: readonly string[],
  currency: string,
): 'debit-positive' | 'debit-negative' | null {
  let negative = 0;
  let positive = 0;
  for (const text of values) {
    if (text.trim() === '') continue;
    const amount = readAmount(text, currency);
    if (!amount.value || amount.value.side || amount.value.minor === 0n) continue;
    if (amount.value.minor < 0n) negative++;
    else positive++;
  }
  if (negative === positive) return null;
  return negative > positive ? 'debit-negative' : 'debit-positive';
}
