/**
 * What any import produces, whatever the file looked like: one normalized record per row, or the
 * row's problems. Amounts are canonical decimal strings with the currency's decimals ("1180.00"),
 * dates are 'YYYY-MM-DD'. `line` is the row number a user sees in a spreadsheet (CSV header = 1),
 * so an error report can point at the cell to fix.
 */

export type ImportKind = 'customers' | 'invoices' | 'receipts';

export type ReceiptMethod =
  | 'neft'
  | 'rtgs'
  | 'imps'
  | 'upi'
  | 'cheque'
  | 'cash'
  | 'card'
  | 'nach'
  | 'wire'
  | 'other';
export const RECEIPT_METHODS: readonly ReceiptMethod[] = [
  'neft',
  'rtgs',
  'imps',
  'upi',
  'cheque',
  'cash',
  'card',
  'nach',
  'wire',
  'other',
];

export type DocumentKind = 'invoice' | 'debit_note' | 'credit_note';
export type RiskClass = 'low' | 'medium' | 'high' | 'critical';

export interface CustomerRecord {
  line: number;
  code: string;
  name: string;
  kind: 'b2b' | 'b2c';
  gstin?: string;
  pan?: string;
  /** GST state code; taken from the GSTIN when the file has none. */
  state_code?: string;
  city?: string;
  address?: string;
  region?: string;
  /** ISO 3166 alpha-2. */
  country?: string;
  currency?: string;
  payment_terms_code?: string;
  /** Decimal string in the customer's currency (else the import's default). */
  credit_limit?: string;
  risk_class?: RiskClass;
  collector_email?: string;
  language?: string;
  time_zone?: string;
  tags?: string[];
  contact_name?: string;
  email?: string;
  phone?: string;
  whatsapp?: string;
}

export interface InvoiceRecord {
  line: number;
  kind: DocumentKind;
  number: string;
  customer_code: string;
  customer_name?: string;
  issue_date: string;
  due_date: string;
  currency?: string;
  taxable?: string;
  cgst?: string;
  sgst?: string;
  igst?: string;
  other_tax?: string;
  /** Always more than zero; a credit note's direction is its kind, not a sign. */
  total: string;
  /** What is still unpaid (or unused, for a credit note); absent = the whole total. */
  open_amount?: string;
  /** The document was settled in full on this date (IBM sample: a receipt on that date pays it). */
  settled_date?: string;
  disputed?: boolean;
  reference?: string;
  /** Free text: the source's country or region code, for the customer's region. */
  country?: string;
}

export interface ReceiptRecord {
  line: number;
  customer_code: string;
  receipt_date: string;
  amount: string;
  currency?: string;
  method: ReceiptMethod;
  reference?: string;
  payer_name?: string;
  /** Apply the receipt to this invoice. */
  invoice_number?: string;
  tds?: string;
  notes?: string;
}

export interface RowError {
  line: number;
  /** The column as named in the file; null when the problem is the row as a whole. */
  column: string | null;
  reason: string;
  value?: string;
}

export interface RecordOf {
  customers: CustomerRecord;
  invoices: InvoiceRecord;
  receipts: ReceiptRecord;
}

export type ImportRecord = RecordOf[ImportKind];
