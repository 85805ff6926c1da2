import type { IsoDate } from '../dates.ts';
import { isCurrency } from '../money.ts';
import type { MapOptions } from './options.ts';
import type { RowError } from './records.ts';
import {
  type CellResult,
  DEFAULT_DATE_FORMATS,
  readAmount,
  readDate,
  readText,
  type SignedMinor,
} from './values.ts';

/**
 * One row being mapped: finds each field's cell through the mapping, reads it, and keeps every
 * problem with the column it came from, so the whole row is reported at once.
 */
export class RowReader {
  readonly errors: RowError[] = [];

  constructor(
    private readonly cells: Readonly<Record<string, string>>,
    readonly line: number,
    private readonly mapping: Readonly<Record<string, string | undefined>>,
    readonly options: MapOptions,
  ) {}

  column(field: string): string | null {
    return this.mapping[field] || null;
  }

  isMapped(field: string): boolean {
    return Boolean(this.mapping[field]);
  }

  /** The cell's text, or the configured default when the cell is empty or not mapped. */
  raw(field: string): string | undefined {
    const column = this.mapping[field];
    const cell = column ? this.cells[column] : undefined;
    if (cell !== undefined && cell.trim() !== '') return cell;
    const fallback = this.options.defaults?.[field];
    return fallback !== undefined && fallback.trim() !== '' ? fallback : undefined;
  }

  fail(field: string | null, reason: string, value?: string): void {
    const error: RowError = { line: this.line, column: field ? this.column(field) : null, reason };
    if (value !== undefined) error.value = value.length > 200 ? `${value.slice(0, 200)}…` : value;
    this.errors.push(error);
  }

  missing(field: string, label: string): void {
    this.fail(field, `${label} is required but empty`);
  }

  read<T>(field: string, reader: (text: string) => CellResult<T>): T | undefined {
    const text = this.raw(field);
    if (text === undefined) return undefined;
    const result = reader(text);
    if (result.reason !== undefined) {
      this.fail(field, result.reason, text);
      return undefined;
    }
    return result.value;
  }

  text(field: string, max: number, multiline = false): string | undefined {
    const value = this.read(field, (t) => readText(t, max, multiline));
    return value === '' ? undefined : value;
  }

  date(field: string): IsoDate | undefined {
    const formats = this.options.dateFormats ?? DEFAULT_DATE_FORMATS;
    return this.read(field, (t) => readDate(t, formats));
  }

  /** The row's currency when it names a valid one; undefined means the import's default. */
  currency(): string | undefined {
    return this.read('currency', (t) => {
      const code = t.trim().toUpperCase();
      return isCurrency(code) ? { value: code } : { reason: 'is not a known ISO 4217 currency code' };
    });
  }

  signedAmount(field: string, currency: string): SignedMinor | undefined {
    return this.read(field, (t) => readAmount(t, currency, this.options.decimal));
  }

  /** An amount that can only be positive or zero (taxes, credit limits, TDS). */
  amount(field: string, currency: string, { positive = false } = {}): bigint | undefined {
    const text = this.raw(field);
    const signed = this.signedAmount(field, currency);
    if (!signed) return undefined;
    const minor = signed.side === 'cr' ? -signed.minor : signed.minor;
    if (minor < 0n) {
      this.fail(field, 'must not be negative', text);
      return undefined;
    }
    if (positive && minor === 0n) {
      this.fail(field, 'must be more than zero', text);
      return undefined;
    }
    return minor;
  }
}
