import type { ColumnMapping } from './fields.ts';
import type { CustomerRecord, ImportRecord, InvoiceRecord, ReceiptRecord, RowError } from './records.ts';

/**
 * Catches the same document twice in one file before anything is written: the database would
 * refuse the second copy anyway, but only after the first had been imported, and without telling
 * the person which line to look at. Streaming imports feed records one at a time.
 */
export class DuplicateTracker {
  private readonly seen = new Map<string, number>();

  constructor(private readonly mapping: Readonly<Record<string, string | undefined>> = {}) {}

  check(record: ImportRecord): RowError | null {
    const identity = identify(record);
    if (!identity) return null;
    const first = this.seen.get(identity.key);
    if (first === undefined) {
      this.seen.set(identity.key, record.line);
      return null;
    }
    return {
      line: record.line,
      column: this.mapping[identity.field] ?? null,
      reason: `${identity.label} appears twice in the file: first on line ${first}`,
      value: identity.value,
    };
  }
}

export function findDuplicatesInFile(
  records: Iterable<ImportRecord>,
  mapping: ColumnMapping = {},
): RowError[] {
  const tracker = new DuplicateTracker(mapping as Record<string, string | undefined>);
  const errors: RowError[] = [];
  for (const record of records) {
    const error = tracker.check(record);
    if (error) errors.push(error);
  }
  return errors;
}

interface Identity {
  key: string;
  field: string;
  label: string;
  value: string;
}

function identify(record: ImportRecord): Identity | null {
  if ('receipt_date' in record) {
    const r = record as ReceiptRecord;
    // Cheque numbers repeat across customers' banks; a reference is only unique per customer.
    if (!r.reference) return null;
    return {
      key: `r\u0000${r.customer_code}\u0000${r.reference}`,
      field: 'reference',
      label: `reference ${r.reference} of ${r.customer_code}`,
      value: r.reference,
    };
  }
  if ('issue_date' in record) {
    const r = record as InvoiceRecord;
    // Invoice and credit note numbers are separate series (unique per kind in the database).
    const label = r.kind === 'invoice' ? 'invoice' : r.kind.replace('_', ' ');
    return {
      key: `i\u0000${r.kind}\u0000${r.number}`,
      field: 'number',
      label: `${label} number ${r.number}`,
      value: r.number,
    };
  }
  const r = record as CustomerRecord;
  return { key: `c\u0000${r.code}`, field: 'code', label: `customer code ${r.code}`, value: r.code };
}
