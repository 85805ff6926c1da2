-- Duely foundation: tenants, identity, customers, documents, receipts, allocations, journal,
-- audit, imports. Every business table leads its primary key and foreign keys with tenant_id so
-- a tenant's rows stay together and the schema can be distributed by tenant without a rewrite.
-- Money is bigint minor units next to a currency code; calendar dates are `date`.

create table tenants (
  id uuid primary key,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null,
  base_currency char(3) not null,
  time_zone text not null,
  fiscal_year_start_month smallint not null default 4 check (fiscal_year_start_month between 1 and 12),
  -- GST state code of the supplier; null for a tenant outside Indian GST.
  gst_state_code char(2),
  gstin text,
  write_off_tolerance bigint not null default 10000 check (write_off_tolerance >= 0),
  bank_charge_tolerance bigint not null default 50000 check (bank_charge_tolerance >= 0),
  max_tds_bp integer not null default 2000 check (max_tds_bp between 0 and 10000),
  -- Charged on a bounced cheque when the caller asks for it and gives no amount.
  default_bounce_charge bigint not null default 0 check (default_bounce_charge >= 0),
  created_at timestamptz not null default now()
);

create table users (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  email text not null,
  name text not null,
  password_hash text not null,
  roles text[] not null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, email)
);
create index users_email on users (lower(email));

create table sessions (
  tenant_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  token_hash text not null,
  csrf_token text not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, token_hash),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);

create table api_tokens (
  tenant_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  name text not null,
  token_hash text not null,
  last_used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, token_hash),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);

create table payment_terms (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  code text not null,
  name text not null,
  net_days integer not null check (net_days between 0 and 3650),
  -- [{ "percent_bp": 5000, "days": 30 }, ...]; null for plain net terms.
  instalments jsonb,
  discount_bp integer check (discount_bp between 0 and 10000),
  discount_days integer check (discount_days >= 0),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, code)
);

create table customers (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  code text not null,
  name text not null,
  kind text not null check (kind in ('b2b', 'b2c')),
  gstin text,
  pan text,
  state_code char(2),
  city text,
  address text,
  region text,
  country char(2),
  currency char(3) not null,
  payment_terms_id uuid,
  credit_limit bigint check (credit_limit >= 0),
  risk_class text not null default 'medium' check (risk_class in ('low', 'medium', 'high', 'critical')),
  collector_id uuid,
  language text not null default 'en',
  time_zone text not null,
  tags text[] not null default '{}',
  notes text,
  import_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, code),
  foreign key (tenant_id, payment_terms_id) references payment_terms (tenant_id, id),
  foreign key (tenant_id, collector_id) references users (tenant_id, id)
);
create index customers_name on customers (tenant_id, lower(name));
create index customers_collector on customers (tenant_id, collector_id);

create table contacts (
  tenant_id uuid not null,
  id uuid not null,
  customer_id uuid not null,
  name text not null,
  role text,
  email text,
  phone text,
  whatsapp text,
  preferred_channel text not null default 'email'
    check (preferred_channel in ('email', 'phone', 'sms', 'whatsapp', 'visit', 'letter')),
  language text,
  consent_email boolean not null default true,
  consent_sms boolean not null default false,
  consent_whatsapp boolean not null default false,
  do_not_contact boolean not null default false,
  is_primary boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, customer_id) references customers (tenant_id, id)
);
create index contacts_customer on contacts (tenant_id, customer_id);

create table bank_accounts (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  name text not null,
  bank_name text,
  account_number text,
  ifsc text,
  currency char(3) not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);

-- Gapless numbering: one row per tenant, document type and fiscal year, incremented inside the
-- transaction that creates the document, so a rollback gives the number back.
create table number_series (
  tenant_id uuid not null references tenants (id),
  doc_type text not null,
  fiscal_year text not null,
  prefix text not null,
  last_number bigint not null,
  primary key (tenant_id, doc_type, fiscal_year)
);

create table imports (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  kind text not null check (kind in ('customers', 'invoices', 'receipts')),
  file_name text not null,
  file_sha256 text not null,
  preset text,
  mapping jsonb,
  dry_run boolean not null,
  status text not null check (status in ('running', 'done', 'failed')),
  total_rows integer not null default 0,
  inserted integer not null default 0,
  duplicates integer not null default 0,
  error_count integer not null default 0,
  report jsonb,
  created_by uuid,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (tenant_id, id)
);

create table import_presets (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  name text not null,
  kind text not null check (kind in ('customers', 'invoices', 'receipts')),
  mapping jsonb not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, kind, name)
);

-- Invoices, debit notes and credit notes share one table: they are the same open item with a
-- sign. open_amount is what is still unpaid (invoice, debit note) or still unused (credit note).
create table invoices (
  tenant_id uuid not null,
  id uuid not null,
  kind text not null check (kind in ('invoice', 'debit_note', 'credit_note')),
  number text not null,
  customer_id uuid not null,
  issue_date date not null,
  due_date date not null,
  currency char(3) not null,
  supply_type text not null check (supply_type in ('intra', 'inter', 'none')),
  place_of_supply char(2),
  taxable_amount bigint not null check (taxable_amount >= 0),
  cgst bigint not null default 0 check (cgst >= 0),
  sgst bigint not null default 0 check (sgst >= 0),
  igst bigint not null default 0 check (igst >= 0),
  other_tax bigint not null default 0 check (other_tax >= 0),
  total bigint not null check (total >= 0),
  open_amount bigint not null,
  voided_at timestamptz,
  void_reason text,
  -- For a credit or debit note: the invoice it corrects.
  against_invoice_id uuid,
  reference text,
  irn text check (irn ~ '^[0-9a-f]{64}$'),
  irn_status text check (irn_status in ('ACT', 'CNL')),
  payment_terms_id uuid,
  notes text,
  disputed boolean not null default false,
  import_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, kind, number),
  check (open_amount between 0 and total),
  check (total = taxable_amount + cgst + sgst + igst + other_tax),
  foreign key (tenant_id, customer_id) references customers (tenant_id, id),
  foreign key (tenant_id, against_invoice_id) references invoices (tenant_id, id),
  foreign key (tenant_id, payment_terms_id) references payment_terms (tenant_id, id)
);
create index invoices_customer on invoices (tenant_id, customer_id, due_date);
create index invoices_open on invoices (tenant_id, customer_id, due_date) where open_amount > 0;
create index invoices_issue on invoices (tenant_id, issue_date);

create table invoice_lines (
  tenant_id uuid not null,
  invoice_id uuid not null,
  line_no integer not null,
  description text not null,
  hsn_sac text check (hsn_sac ~ '^[0-9]{4,8}$'),
  quantity numeric(12, 3) not null check (quantity > 0),
  unit text,
  unit_price bigint not null check (unit_price >= 0),
  discount bigint not null default 0 check (discount >= 0),
  tax_rate_bp integer not null check (tax_rate_bp between 0 and 10000),
  taxable_amount bigint not null,
  cgst bigint not null,
  sgst bigint not null,
  igst bigint not null,
  other_tax bigint not null,
  total bigint not null,
  primary key (tenant_id, invoice_id, line_no),
  foreign key (tenant_id, invoice_id) references invoices (tenant_id, id)
);

create table invoice_instalments (
  tenant_id uuid not null,
  invoice_id uuid not null,
  seq integer not null,
  due_date date not null,
  amount bigint not null check (amount >= 0),
  primary key (tenant_id, invoice_id, seq),
  foreign key (tenant_id, invoice_id) references invoices (tenant_id, id)
);

create table receipts (
  tenant_id uuid not null,
  id uuid not null,
  number text not null,
  customer_id uuid not null,
  receipt_date date not null,
  currency char(3) not null,
  amount bigint not null check (amount > 0),
  unapplied_amount bigint not null,
  method text not null check (method in ('neft', 'rtgs', 'imps', 'upi', 'cheque', 'cash', 'card', 'nach', 'wire', 'other')),
  reference text,
  cheque_date date,
  payer_name text,
  payer_account text,
  payer_ifsc text,
  bank_account_id uuid,
  status text not null default 'active' check (status in ('active', 'reversed')),
  reversed_on date,
  reversal_reason text,
  -- The debit note raised for a bounce charge, if any.
  bounce_charge_id uuid,
  notes text,
  import_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, number),
  check (unapplied_amount between 0 and amount),
  check ((status = 'reversed') = (reversed_on is not null)),
  foreign key (tenant_id, customer_id) references customers (tenant_id, id),
  foreign key (tenant_id, bank_account_id) references bank_accounts (tenant_id, id),
  foreign key (tenant_id, bounce_charge_id) references invoices (tenant_id, id)
);
create index receipts_customer on receipts (tenant_id, customer_id, receipt_date);
-- A UTR or cheque number is paid in once; a bounced cheque presented again is a new receipt.
create unique index receipts_reference on receipts (tenant_id, customer_id, method, reference)
  where reference is not null and status = 'active';

-- Dated allocations make any past balance exact: an allocation counts on `allocation_date` and
-- stops counting on `reversed_on`. Rows are never deleted.
create table allocations (
  tenant_id uuid not null,
  id uuid not null,
  allocation_date date not null,
  receipt_id uuid,
  credit_note_id uuid,
  invoice_id uuid not null,
  amount bigint not null check (amount >= 0),
  tds bigint not null default 0 check (tds >= 0),
  bank_charges bigint not null default 0 check (bank_charges >= 0),
  discount bigint not null default 0 check (discount >= 0),
  write_off bigint not null default 0 check (write_off >= 0),
  reversed_on date,
  reversal_reason text,
  import_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  check ((receipt_id is null) <> (credit_note_id is null)),
  check (amount + tds + bank_charges + discount + write_off > 0),
  foreign key (tenant_id, receipt_id) references receipts (tenant_id, id),
  foreign key (tenant_id, credit_note_id) references invoices (tenant_id, id),
  foreign key (tenant_id, invoice_id) references invoices (tenant_id, id)
);
create index allocations_invoice on allocations (tenant_id, invoice_id);
create index allocations_receipt on allocations (tenant_id, receipt_id) where receipt_id is not null;
create index allocations_credit_note on allocations (tenant_id, credit_note_id) where credit_note_id is not null;

-- Double-entry journal, one row per line; the entry's own fields (date, source) ride on each
-- line rather than in a header table, which halves the rows a bulk import writes. Accounts are
-- codes of a fixed chart (AR, REVENUE, CGST_OUTPUT, ...); lines on AR carry the customer, so the
-- AR sub-ledger and every statement of account are this table filtered by customer.
create table journal_lines (
  tenant_id uuid not null references tenants (id),
  entry_id uuid not null,
  line_no smallint not null,
  entry_date date not null,
  source_type text not null,
  source_id uuid not null,
  doc_number text,
  account text not null,
  customer_id uuid,
  currency char(3) not null,
  debit bigint not null default 0 check (debit >= 0),
  credit bigint not null default 0 check (credit >= 0),
  memo text not null,
  primary key (tenant_id, entry_id, line_no),
  check (debit = 0 or credit = 0),
  check (account <> 'AR' or customer_id is not null),
  foreign key (tenant_id, customer_id) references customers (tenant_id, id)
);
create index journal_ar_customer on journal_lines (tenant_id, customer_id, entry_date) where account = 'AR';
create index journal_source on journal_lines (tenant_id, source_id);

-- Append-only, hash-chained audit trail. audit_heads holds each tenant's chain tip; locking it
-- orders the tenant's entries so the chain has no forks.
create table audit_heads (
  tenant_id uuid primary key references tenants (id),
  last_seq bigint not null,
  last_hash text not null
);

create table audit_log (
  tenant_id uuid not null,
  seq bigint not null,
  at timestamptz not null,
  actor_type text not null,
  actor_id text,
  action text not null,
  entity_type text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  request_id text,
  prev_hash text not null,
  hash text not null,
  primary key (tenant_id, seq)
);
create index audit_log_entity on audit_log (tenant_id, entity_type, entity_id);

create table idempotency_keys (
  tenant_id uuid not null references tenants (id),
  key text not null,
  method text not null,
  path text not null,
  request_hash text not null,
  state text not null check (state in ('pending', 'done')),
  response_status integer,
  response_body jsonb,
  created_at timestamptz not null default now(),
  primary key (tenant_id, key)
);

create index receipts_unapplied on receipts (tenant_id, customer_id) where unapplied_amount > 0;
