import type { DateFormat } from '../dates.ts';
import type { DecimalStyle } from './values.ts';

/**
 * How a file's cells are to be read. The same mapping may be reused with a different file, so
 * these travel with it (presets fix them; the mapping screen lets a person change them).
 */
export interface MapOptions {
  /** Currency of rows that name none: the company's base currency. Decides the decimals allowed. */
  currency: string;
  /** Tried in order after YYYY-MM-DD, which is always accepted. */
  dateFormats?: DateFormat[];
  /** 'comma' reads 1.234,56; the default reads 1,234.56 and 1,23,456.78. */
  decimal?: DecimalStyle;
  /**
   * Invoices only: the total column is signed and its sign says invoice or credit note (ledger and
   * outstanding reports). 'debit-negative' is Tally's XML convention. Without it, a negative total
   * is an error. A Dr/Cr suffix in the cell always wins over the sign.
   */
  signedAmounts?: 'debit-positive' | 'debit-negative';
  /** Invoices only: due date for rows without one, as days after the issue date. */
  defaultDueDays?: number;
  /** Constant values for fields the file lacks, read like cells ({ method: 'neft' }). */
  defaults?: Record<string, string>;
}
