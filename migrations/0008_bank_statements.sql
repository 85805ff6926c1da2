-- Bank statements and cash application.
--
-- A bank account is found from a statement by the account identifier the file carries (IBAN,
-- account number, MT940 :25:), kept normalised (no spaces, upper case).
alter table bank_accounts add column statement_identifier text, add column bic text;
update bank_accounts set statement_identifier = upper(regexp_replace(account_number, '\s', '', 'g')) where account_number is not null;
create unique index bank_accounts_statement_identifier on bank_accounts (tenant_id, statement_identifier) where statement_identifier is not null;

-- One imported statement (a file may hold several). The balance check is stored, not thrown: the
-- lines are real money either way, and the user must see the mismatch beside them.
create table bank_statements (
  tenant_id uuid not null,
  id uuid not null,
  bank_account_id uuid not null,
  format text not null,
  file_name text,
  file_sha256 text not null,
  statement_ref text,
  currency char(3) not null,
  opening_amount bigint,
  opening_date date,
  closing_amount bigint,
  closing_date date,
  entries_total bigint not null,
  line_count integer not null,
  new_lines integer not null,
  duplicate_lines integer not null,
  balance_status text not null check (balance_status in ('ok', 'mismatch', 'unchecked')),
  balance_message text,
  imported_by uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, bank_account_id) references bank_accounts (tenant_id, id)
);
create index bank_statements_account on bank_statements (tenant_id, bank_account_id, created_at);

-- One bank line, once per account however many files repeat it: `identity` is a hash of the
-- bank's reference or of the line's content (entryIdentityKey in the domain package), unique per
-- account, so the same line imported twice is recognised inside the importing transaction.
create table bank_lines (
  tenant_id uuid not null,
  id uuid not null,
  bank_account_id uuid not null,
  statement_id uuid not null,
  identity text not null,
  position integer not null,
  booking_date date not null,
  value_date date,
  currency char(3) not null,
  amount bigint not null,
  reference text,
  bank_reference text,
  end_to_end_id text,
  counterparty_name text,
  counterparty_account text,
  counterparty_bank_code text,
  remittance text not null default '',
  transaction_code text,
  reversal boolean not null default false,
  source text not null,
  -- Cash application: 'new' until matched; 'applied' made a receipt (auto or by hand), 'suggested'
  -- awaits a person, 'unmatched' found nothing sure enough, 'parked' is on account as unapplied
  -- cash, 'reversed' undid the receipt it returns, 'ignored' is not customer money (fees, transfers).
  status text not null default 'new' check (status in ('new', 'applied', 'suggested', 'unmatched', 'parked', 'reversed', 'ignored')),
  decision text check (decision in ('auto', 'suggested', 'none', 'manual')),
  confidence smallint,
  reason text,
  customer_id uuid,
  proposal jsonb,
  receipt_id uuid,
  matched_at timestamptz,
  matched_by uuid,
  primary key (tenant_id, id),
  unique (tenant_id, bank_account_id, identity),
  foreign key (tenant_id, statement_id) references bank_statements (tenant_id, id),
  foreign key (tenant_id, bank_account_id) references bank_accounts (tenant_id, id),
  foreign key (tenant_id, customer_id) references customers (tenant_id, id),
  foreign key (tenant_id, receipt_id) references receipts (tenant_id, id)
);
create index bank_lines_status on bank_lines (tenant_id, status, booking_date);
create index bank_lines_statement on bank_lines (tenant_id, statement_id, position);

-- What identifies a payer: a UPI VPA or virtual account set up for the customer, a bank account
-- learned from an accepted match, or a name the customer pays under. Values are normalised
-- (upper case, no spaces; names folded by the domain's nameKey). One value may belong to more
-- than one customer (a parent paying for its branches): the matcher then treats it as a hint.
create table payer_identifiers (
  tenant_id uuid not null,
  id uuid not null,
  kind text not null check (kind in ('vpa', 'virtual_account', 'bank_account', 'name')),
  value text not null,
  customer_id uuid not null,
  origin text not null check (origin in ('setup', 'learned')),
  bank_line_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, kind, value, customer_id),
  foreign key (tenant_id, customer_id) references customers (tenant_id, id)
);
create index payer_identifiers_customer on payer_identifiers (tenant_id, customer_id);

-- A receipt made from a bank line points back at it; a return finds the receipt it reverses by amount.
alter table receipts add column bank_line_id uuid;
create index receipts_bank_line on receipts (tenant_id, bank_line_id) where bank_line_id is not null;
create index receipts_active_amount on receipts (tenant_id, amount, receipt_date) where status = 'active';

-- The tenant's auto-apply threshold (0–100), calibrated by the cash-application benchmark.
alter table tenants add column cashapp_auto_threshold smallint not null default 90
  check (cashapp_auto_threshold between 50 and 100);
