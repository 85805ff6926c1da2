import { addDays } from '../dates.ts';
import { gstinProblem, panOfGstin, panProblem } from '../gst.ts';
import { formatAmount } from '../money.ts';
import { CUSTOMER_CODE, customerCodeFromName } from './customer-code.ts';
import type { ColumnMapping } from './fields.ts';
import type { MapOptions } from './options.ts';
import type {
  CustomerRecord,
  ImportKind,
  InvoiceRecord,
  ReceiptRecord,
  RecordOf,
  RowError,
} from './records.ts';
import { RowReader } from './row-reader.ts';
import {
  type CellResult,
  readBoolean,
  readCountry,
  readCustomerKind,
  readDocumentKind,
  readEmail,
  readLanguage,
  readMethod,
  readPhone,
  readRiskClass,
  readStateCode,
  readTags,
  readTimeZone,
  type Side,
} from './values.ts';

export type MapResult<T> = { record: T; errors?: undefined } | { record?: undefined; errors: RowError[] };

/**
 * Turns one row's cells (column name → text) into a target record, or reports every problem the
 * row has. Pure: the same cells, mapping and options always give the same answer, so a dry run
 * and the real import agree.
 */
export function mapRow<K extends ImportKind>(
  kind: K,
  cells: Readonly<Record<string, string>>,
  line: number,
  mapping: ColumnMapping<K>,
  options: MapOptions,
): MapResult<RecordOf[K]> {
  const row = new RowReader(cells, line, mapping as Record<string, string | undefined>, options);
  const record =
    kind === 'customers' ? mapCustomer(row) : kind === 'invoices' ? mapInvoice(row) : mapReceipt(row);
  if (row.errors.length > 0 || !record) return { errors: row.errors };
  return { record: record as RecordOf[K] };
}

const code =
  (pattern: RegExp, reason: string) =>
  (text: string): CellResult<string> => {
    const t = text.trim();
    return pattern.test(t) ? { value: t } : { reason };
  };

const readCustomerCode = code(
  CUSTOMER_CODE,
  'is not a customer code: letters, digits and . _ / - (at most 40)',
);
const readTermsCode = code(
  /^[A-Za-z0-9_-]{1,20}$/,
  'is not a payment terms code: letters, digits, _ and - (at most 20)',
);
const readReceiptReference = code(
  /^[A-Za-z0-9/-]{1,40}$/,
  'is not a UTR, RRN or cheque number: letters, digits, / or - (at most 40)',
);

/** The customer code from its column, else made from the name; reports when neither is there. */
function customerCode(
  row: RowReader,
  codeField: string,
  nameField: string,
  name: string | undefined,
): string | undefined {
  const given = row.read(codeField, readCustomerCode);
  if (given) return given;
  if (row.raw(codeField) !== undefined) return undefined;
  if (name) return customerCodeFromName(name);
  if (row.raw(nameField) === undefined) {
    row.fail(row.isMapped(codeField) ? codeField : nameField, 'customer code or name is required but empty');
  }
  return undefined;
}

function mapCustomer(row: RowReader): CustomerRecord | null {
  const name = row.text('name', 200);
  if (name === undefined && row.raw('name') === undefined) row.missing('name', 'Name');
  const code = customerCode(row, 'code', 'name', name);
  const currency = row.currency();
  const money = currency ?? row.options.currency;

  const gstin = row.read('gstin', (t) => {
    const g = t.replace(/\s+/g, '').toUpperCase();
    const problem = gstinProblem(g);
    return problem ? { reason: `is not a valid GSTIN: ${problem}` } : { value: g };
  });
  let pan = row.read('pan', (t) => {
    const p = t.replace(/\s+/g, '').toUpperCase();
    const problem = panProblem(p);
    return problem ? { reason: `is not a valid PAN: ${problem}` } : { value: p };
  });
  if (gstin && pan && panOfGstin(gstin) !== pan)
    row.fail('pan', `does not match the PAN inside the GSTIN (${panOfGstin(gstin)})`, pan);
  if (gstin && !pan && row.raw('pan') === undefined) pan = panOfGstin(gstin);
  let stateCode = row.read('state_code', readStateCode);
  if (gstin && !stateCode && row.raw('state_code') === undefined) stateCode = gstin.slice(0, 2);

  const creditLimit = row.amount('credit_limit', money);
  const record: CustomerRecord = {
    line: row.line,
    code: code ?? '',
    name: name ?? '',
    kind: row.read('kind', readCustomerKind) ?? 'b2b',
  };
  assign(record, {
    gstin,
    pan,
    state_code: stateCode,
    city: row.text('city', 100),
    address: row.text('address', 500, true),
    region: row.text('region', 100),
    country: row.read('country', readCountry),
    currency,
    payment_terms_code: row.read('payment_terms_code', readTermsCode),
    credit_limit: creditLimit === undefined ? undefined : formatAmount(creditLimit, money),
    risk_class: row.read('risk_class', readRiskClass),
    collector_email: row.read('collector_email', readEmail),
    language: row.read('language', readLanguage),
    time_zone: row.read('time_zone', readTimeZone),
    tags: row.read('tags', readTags),
    contact_name: row.text('contact_name', 200),
    email: row.read('email', readEmail),
    phone: row.read('phone', readPhone),
    whatsapp: row.read('whatsapp', readPhone),
  });
  return code && name ? record : null;
}

function mapInvoice(row: RowReader): InvoiceRecord | null {
  const { options } = row;
  const currency = row.currency();
  const money = currency ?? options.currency;

  const number = row.text('number', 40);
  if (row.raw('number') === undefined) row.missing('number', 'Invoice number');
  const customerName = row.text('customer_name', 200);
  const customer = customerCode(row, 'customer_code', 'customer_name', customerName);

  const issue = row.date('issue_date');
  if (row.raw('issue_date') === undefined) row.missing('issue_date', 'Invoice date');
  let due = row.date('due_date');
  if (row.raw('due_date') === undefined) {
    if (options.defaultDueDays !== undefined) {
      if (issue) due = addDays(issue, options.defaultDueDays);
    } else row.missing('due_date', 'Due date');
  }
  if (issue && due && due < issue)
    row.fail('due_date', `is before the invoice date ${issue}`, row.raw('due_date'));

  const declaredKind = row.read('kind', readDocumentKind);
  const total = documentTotal(row, money, declaredKind);
  const open = openAmount(row, money, total);
  const taxes = taxBreakdown(row, money, total?.minor);

  const settled = row.date('settled_date');
  if (settled && issue && settled < issue)
    row.fail('settled_date', `is before the invoice date ${issue}`, row.raw('settled_date'));
  if (settled && open !== undefined && open > 0n) {
    row.fail(
      'settled_date',
      'says the invoice is settled, but it still has an open amount',
      row.raw('settled_date'),
    );
  }

  // Read every remaining cell before giving up on the row, so all its problems are reported.
  const rest = {
    customer_name: customerName,
    currency,
    ...taxes,
    open_amount: open === undefined ? undefined : formatAmount(open, money),
    settled_date: settled,
    disputed: row.read('disputed', readBoolean),
    reference: row.text('reference', 100),
    country: row.text('country', 100),
  };
  if (!number || !customer || !issue || !due || !total) return null;
  const record: InvoiceRecord = {
    line: row.line,
    kind: total.kind,
    number,
    customer_code: customer,
    issue_date: issue,
    due_date: due,
    total: formatAmount(total.minor, money),
  };
  assign(record, rest);
  return record;
}

interface DocumentTotal {
  minor: bigint;
  kind: InvoiceRecord['kind'];
  side: Side;
}

/**
 * The total, always positive, and which kind of document it is. In a signed file (an outstanding
 * report) a credit amount is a credit note or an advance; elsewhere a negative total is a mistake.
 */
function documentTotal(
  row: RowReader,
  money: string,
  declared: InvoiceRecord['kind'] | undefined,
): DocumentTotal | undefined {
  const text = row.raw('total');
  if (text === undefined) {
    row.missing('total', 'Total');
    return undefined;
  }
  const amount = row.signedAmount('total', money);
  if (!amount) return undefined;
  const convention = row.options.signedAmounts;
  if (!convention) {
    const minor = amount.side === 'cr' ? -amount.minor : amount.minor;
    if (minor <= 0n) {
      const hint = minor < 0n ? ' (a credit note is a document type, not a negative total)' : '';
      row.fail('total', `must be more than zero${hint}`, text);
      return undefined;
    }
    return { minor, kind: declared ?? 'invoice', side: 'dr' };
  }
  const side = sideOf(amount.minor, amount.side, convention);
  const minor = amount.minor < 0n ? -amount.minor : amount.minor;
  if (minor === 0n) {
    row.fail('total', 'is zero: nothing is outstanding', text);
    return undefined;
  }
  const kind = declared ?? (side === 'dr' ? 'invoice' : 'credit_note');
  if ((kind === 'credit_note') !== (side === 'cr')) {
    row.fail(
      'total',
      `is a ${side === 'cr' ? 'credit' : 'debit'} amount but the document type is ${kind.replace('_', ' ')}`,
      text,
    );
    return undefined;
  }
  return { minor, kind, side };
}

function sideOf(minor: bigint, explicit: Side | null, convention: 'debit-positive' | 'debit-negative'): Side {
  if (explicit) return explicit;
  const negative = minor < 0n;
  return negative === (convention === 'debit-negative') ? 'dr' : 'cr';
}

function openAmount(row: RowReader, money: string, total: DocumentTotal | undefined): bigint | undefined {
  const text = row.raw('open_amount');
  if (text === undefined) return undefined;
  const convention = row.options.signedAmounts;
  if (!convention) {
    const open = row.amount('open_amount', money);
    if (open !== undefined && total && open > total.minor) {
      row.fail('open_amount', `is more than the total ${formatAmount(total.minor, money)}`, text);
    }
    return open;
  }
  const amount = row.signedAmount('open_amount', money);
  if (!amount) return undefined;
  const open = amount.minor < 0n ? -amount.minor : amount.minor;
  if (open !== 0n && total && sideOf(amount.minor, amount.side, convention) !== total.side) {
    row.fail('open_amount', 'is on the other side (debit/credit) from the total', text);
    return undefined;
  }
  if (total && open > total.minor) {
    row.fail('open_amount', `is more than the total ${formatAmount(total.minor, money)}`, text);
    return undefined;
  }
  return open;
}

type TaxFields = Pick<InvoiceRecord, 'taxable' | 'cgst' | 'sgst' | 'igst' | 'other_tax'>;

/** The tax split, checked against the total the way the invoices table checks it. */
function taxBreakdown(row: RowReader, money: string, total: bigint | undefined): TaxFields {
  const taxable = row.amount('taxable', money);
  const taxes = {
    cgst: row.amount('cgst', money),
    sgst: row.amount('sgst', money),
    igst: row.amount('igst', money),
    other_tax: row.amount('other_tax', money),
  };
  const taxSum = Object.values(taxes).reduce<bigint>((s, v) => s + (v ?? 0n), 0n);
  if (total !== undefined) {
    if (taxable !== undefined && taxable + taxSum !== total) {
      row.fail(
        'total',
        `is not the taxable value plus taxes (${formatAmount(taxable + taxSum, money)})`,
        row.raw('total'),
      );
    } else if (taxable === undefined && taxSum > total) {
      row.fail('total', `is less than the taxes (${formatAmount(taxSum, money)})`, row.raw('total'));
    }
  }
  const out: TaxFields = {};
  if (taxable !== undefined) out.taxable = formatAmount(taxable, money);
  for (const [k, v] of Object.entries(taxes)) {
    if (v !== undefined) out[k as keyof typeof taxes] = formatAmount(v, money);
  }
  return out;
}

function mapReceipt(row: RowReader): ReceiptRecord | null {
  const currency = row.currency();
  const money = currency ?? row.options.currency;
  const customer = row.read('customer_code', readCustomerCode);
  if (row.raw('customer_code') === undefined) row.missing('customer_code', 'Customer code');
  const date = row.date('receipt_date');
  if (row.raw('receipt_date') === undefined) row.missing('receipt_date', 'Receipt date');
  const amount = row.amount('amount', money, { positive: true });
  if (row.raw('amount') === undefined) row.missing('amount', 'Amount');
  const method = row.read('method', readMethod) ?? (row.raw('method') === undefined ? 'other' : undefined);
  const tds = row.amount('tds', money);
  const rest = {
    currency,
    reference: row.read('reference', readReceiptReference),
    payer_name: row.text('payer_name', 200),
    invoice_number: row.text('invoice_number', 40),
    tds: tds === undefined ? undefined : formatAmount(tds, money),
    notes: row.text('notes', 2000, true),
  };
  if (!customer || !date || amount === undefined || !method) return null;
  const record: ReceiptRecord = {
    line: row.line,
    customer_code: customer,
    receipt_date: date,
    amount: formatAmount(amount, money),
    method,
  };
  assign(record, rest);
  return record;
}

/** Copies only the fields that have a value, so records carry no `key: undefined` noise. */
function assign<T extends object>(target: T, values: Partial<T>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}
