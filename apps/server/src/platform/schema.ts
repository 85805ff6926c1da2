import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Row types of the tables in migrations/. bigint = money in minor units; string dates = 'YYYY-MM-DD'. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DefaultedBigint = ColumnType<bigint, bigint | undefined, bigint>;
type Json = ColumnType<unknown, string | undefined | null, string | null>;

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  base_currency: string;
  time_zone: string;
  fiscal_year_start_month: ColumnType<number, number | undefined, number>;
  gst_state_code: string | null;
  gstin: string | null;
  write_off_tolerance: DefaultedBigint;
  bank_charge_tolerance: DefaultedBigint;
  max_tds_bp: ColumnType<number, number | undefined, number>;
  default_bounce_charge: DefaultedBigint;
  aging_bounds: ColumnType<number[], number[] | undefined, number[]>;
  cashapp_auto_threshold: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
}

export interface UsersTable {
  tenant_id: string;
  id: string;
  email: string;
  name: string;
  password_hash: string;
  roles: string[];
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}

export interface SessionsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  tenant_id: string;
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: Timestamp;
}

export interface PaymentTermsTable {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  net_days: number;
  instalments: Json;
  discount_bp: number | null;
  discount_days: number | null;
  created_at: Timestamp;
}

export interface CustomersTable {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  kind: 'b2b' | 'b2c';
  gstin: string | null;
  pan: string | null;
  state_code: string | null;
  city: string | null;
  address: string | null;
  region: string | null;
  country: string | null;
  currency: string;
  payment_terms_id: string | null;
  credit_limit: bigint | null;
  risk_class: ColumnType<string, string | undefined, string>;
  collector_id: string | null;
  language: ColumnType<string, string | undefined, string>;
  time_zone: string;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  notes: string | null;
  import_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ContactsTable {
  tenant_id: string;
  id: string;
  customer_id: string;
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  whatsapp: string | null;
  preferred_channel: ColumnType<string, string | undefined, string>;
  language: string | null;
  consent_email: ColumnType<boolean, boolean | undefined, boolean>;
  consent_sms: ColumnType<boolean, boolean | undefined, boolean>;
  consent_whatsapp: ColumnType<boolean, boolean | undefined, boolean>;
  do_not_contact: ColumnType<boolean, boolean | undefined, boolean>;
  is_primary: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BankAccountsTable {
  tenant_id: string;
  id: string;
  name: string;
  bank_name: string | null;
  account_number: string | null;
  ifsc: string | null;
  currency: string;
  statement_identifier: string | null;
  bic: string | null;
  created_at: Timestamp;
}

export interface NumberSeriesTable {
  tenant_id: string;
  doc_type: string;
  fiscal_year: string;
  prefix: string;
  last_number: bigint;
}

export interface ImportsTable {
  tenant_id: string;
  id: string;
  kind: 'customers' | 'invoices' | 'receipts';
  file_name: string;
  file_sha256: string;
  preset: string | null;
  mapping: Json;
  dry_run: boolean;
  status: 'running' | 'done' | 'failed';
  total_rows: ColumnType<number, number | undefined, number>;
  inserted: ColumnType<number, number | undefined, number>;
  duplicates: ColumnType<number, number | undefined, number>;
  error_count: ColumnType<number, number | undefined, number>;
  report: Json;
  created_by: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface ImportPresetsTable {
  tenant_id: string;
  id: string;
  name: string;
  kind: 'customers' | 'invoices' | 'receipts';
  mapping: Json;
  created_at: Timestamp;
}

export type DocumentKind = 'invoice' | 'debit_note' | 'credit_note';

export interface InvoicesTable {
  tenant_id: string;
  id: string;
  kind: DocumentKind;
  number: string;
  customer_id: string;
  issue_date: string;
  due_date: string;
  currency: string;
  supply_type: 'intra' | 'inter' | 'none';
  place_of_supply: string | null;
  taxable_amount: bigint;
  cgst: DefaultedBigint;
  sgst: DefaultedBigint;
  igst: DefaultedBigint;
  other_tax: DefaultedBigint;
  total: bigint;
  open_amount: bigint;
  voided_at: Timestamp | null;
  voided_on: ColumnType<string | null, string | null | undefined, string | null>;
  void_reason: string | null;
  against_invoice_id: string | null;
  reference: string | null;
  irn: string | null;
  irn_status: 'ACT' | 'CNL' | null;
  payment_terms_id: string | null;
  notes: string | null;
  disputed: ColumnType<boolean, boolean | undefined, boolean>;
  import_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface InvoiceLinesTable {
  tenant_id: string;
  invoice_id: string;
  line_no: number;
  description: string;
  hsn_sac: string | null;
  quantity: string;
  unit: string | null;
  unit_price: bigint;
  discount: DefaultedBigint;
  tax_rate_bp: number;
  taxable_amount: bigint;
  cgst: bigint;
  sgst: bigint;
  igst: bigint;
  other_tax: bigint;
  total: bigint;
}

export interface InvoiceInstalmentsTable {
  tenant_id: string;
  invoice_id: string;
  seq: number;
  due_date: string;
  amount: bigint;
}

export type ReceiptMethod = 'neft' | 'rtgs' | 'imps' | 'upi' | 'cheque' | 'cash' | 'card' | 'nach' | 'wire' | 'other';

export interface ReceiptsTable {
  tenant_id: string;
  id: string;
  number: string;
  customer_id: string;
  receipt_date: string;
  currency: string;
  amount: bigint;
  unapplied_amount: bigint;
  method: ReceiptMethod;
  reference: string | null;
  cheque_date: string | null;
  payer_name: string | null;
  payer_account: string | null;
  payer_ifsc: string | null;
  bank_account_id: string | null;
  status: ColumnType<'active' | 'reversed', 'active' | 'reversed' | undefined, 'active' | 'reversed'>;
  reversed_on: string | null;
  reversal_reason: string | null;
  bounce_charge_id: string | null;
  notes: string | null;
  import_id: string | null;
  bank_line_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface AllocationsTable {
  tenant_id: string;
  id: string;
  allocation_date: string;
  receipt_id: string | null;
  credit_note_id: string | null;
  invoice_id: string;
  /** The receipt's date, or the paying credit note's issue date. */
  source_date: string;
  /** The paid invoice's issue date. */
  invoice_issue_date: string;
  amount: bigint;
  tds: DefaultedBigint;
  bank_charges: DefaultedBigint;
  discount: DefaultedBigint;
  write_off: DefaultedBigint;
  reversed_on: string | null;
  reversal_reason: string | null;
  import_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface JournalLinesTable {
  tenant_id: string;
  entry_id: string;
  line_no: number;
  entry_date: string;
  source_type: string;
  source_id: string;
  doc_number: string | null;
  account: string;
  customer_id: string | null;
  currency: string;
  debit: DefaultedBigint;
  credit: DefaultedBigint;
  memo: string;
}

/** Kept by a trigger on journal_lines: what each customer owes now per the AR journal. */
export interface ArBalancesTable {
  tenant_id: string;
  customer_id: string;
  currency: string;
  balance: bigint;
}

export interface DailySalesTable {
  tenant_id: string;
  day: string;
  currency: string;
  amount: bigint;
}

/** The AR journal's movement per day and currency (migration 0010). */
export interface DailyArTable {
  tenant_id: string;
  day: string;
  currency: string;
  amount: bigint;
}

/** Per customer and currency: Σ open_amount and count of open invoices and debit notes (migration 0011). */
export interface OpenDebitsTable {
  tenant_id: string;
  customer_id: string;
  currency: string;
  amount: bigint;
  items: bigint;
}

export interface AuditHeadsTable {
  tenant_id: string;
  last_seq: bigint;
  last_hash: string;
}

export interface AuditLogTable {
  tenant_id: string;
  seq: bigint;
  at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json;
  after: Json;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  state: 'pending' | 'done';
  response_status: number | null;
  response_body: Json;
  created_at: Timestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface BankStatementsTable {
  tenant_id: string;
  id: string;
  bank_account_id: string;
  format: string;
  file_name: string | null;
  file_sha256: string;
  statement_ref: string | null;
  currency: string;
  opening_amount: bigint | null;
  opening_date: string | null;
  closing_amount: bigint | null;
  closing_date: string | null;
  entries_total: bigint;
  line_count: number;
  new_lines: number;
  duplicate_lines: number;
  balance_status: 'ok' | 'mismatch' | 'unchecked';
  balance_message: string | null;
  imported_by: string | null;
  created_at: Timestamp;
}

export type BankLineStatus = 'new' | 'applied' | 'suggested' | 'unmatched' | 'parked' | 'reversed' | 'ignored';
export type MatchDecision = 'auto' | 'suggested' | 'none' | 'manual';

export interface BankLinesTable {
  tenant_id: string;
  id: string;
  bank_account_id: string;
  statement_id: string;
  identity: string;
  position: number;
  booking_date: string;
  value_date: string | null;
  currency: string;
  amount: bigint;
  reference: string | null;
  bank_reference: string | null;
  end_to_end_id: string | null;
  counterparty_name: string | null;
  counterparty_account: string | null;
  counterparty_bank_code: string | null;
  remittance: ColumnType<string, string | undefined, string>;
  transaction_code: string | null;
  reversal: ColumnType<boolean, boolean | undefined, boolean>;
  source: string;
  status: ColumnType<BankLineStatus, BankLineStatus | undefined, BankLineStatus>;
  decision: MatchDecision | null;
  confidence: number | null;
  reason: string | null;
  customer_id: string | null;
  proposal: Json;
  receipt_id: string | null;
  matched_at: Date | null;
  matched_by: string | null;
}

export type PayerIdentifierKind = 'vpa' | 'virtual_account' | 'bank_account' | 'name';

export interface PayerIdentifiersTable {
  tenant_id: string;
  id: string;
  kind: PayerIdentifierKind;
  value: string;
  customer_id: string;
  origin: 'setup' | 'learned';
  bank_line_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface DB {
  tenants: TenantsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  payment_terms: PaymentTermsTable;
  customers: CustomersTable;
  contacts: ContactsTable;
  bank_accounts: BankAccountsTable;
  bank_statements: BankStatementsTable;
  bank_lines: BankLinesTable;
  payer_identifiers: PayerIdentifiersTable;
  number_series: NumberSeriesTable;
  imports: ImportsTable;
  import_presets: ImportPresetsTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  invoice_instalments: InvoiceInstalmentsTable;
  receipts: ReceiptsTable;
  allocations: AllocationsTable;
  journal_lines: JournalLinesTable;
  ar_balances: ArBalancesTable;
  daily_sales: DailySalesTable;
  daily_ar: DailyArTable;
  open_debits: OpenDebitsTable;
  audit_heads: AuditHeadsTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  schema_migrations: SchemaMigrationsTable;
  exchange_rates: ExchangeRatesTable;
  collection_targets: CollectionTargetsTable;
  provision_overrides: ProvisionOverridesTable;
  specific_provisions: SpecificProvisionsTable;
}

export interface ExchangeRatesTable {
  tenant_id: string;
  currency: string;
  rate_date: string;
  /** numeric: travels as a decimal string so no rate is ever rounded by floating point. */
  rate: string;
  source: string | null;
  created_at: Timestamp;
}

export interface CollectionTargetsTable {
  tenant_id: string;
  collector_id: string;
  month: string;
  amount: bigint;
  updated_at: Timestamp;
}

export interface ProvisionOverridesTable {
  tenant_id: string;
  bucket: number;
  segment: ColumnType<string, string | undefined, string>;
  /** null: from effective_from the computed rate applies again. */
  percent: string | null;
  reason: string | null;
  effective_from: string;
  set_by: string | null;
  set_at: Timestamp;
}

export interface SpecificProvisionsTable {
  tenant_id: string;
  customer_id: string;
  percent: string;
  reason: string;
  effective_from: string;
  set_by: string | null;
  set_at: Timestamp;
}

export type Tenant = Selectable<TenantsTable>;
export type User = Selectable<UsersTable>;
export type Customer = Selectable<CustomersTable>;
export type Contact = Selectable<ContactsTable>;
export type Invoice = Selectable<InvoicesTable>;
export type InvoiceLine = Selectable<InvoiceLinesTable>;
export type Receipt = Selectable<ReceiptsTable>;
export type Allocation = Selectable<AllocationsTable>;
export type NewInvoice = Insertable<InvoicesTable>;
