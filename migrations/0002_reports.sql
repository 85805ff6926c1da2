-- Aging, KPIs, provisions and reports.

-- A void takes effect on the date its mirror journal entry carries; aging as of a date before it
-- still shows the document open. voided_at stays as the moment it happened.
alter table invoices add column voided_on date;
update invoices i set voided_on = coalesce(
  (select min(j.entry_date) from journal_lines j where j.tenant_id = i.tenant_id and j.source_id = i.id and j.source_type = 'void'),
  i.issue_date)
where voided_at is not null;
alter table invoices add constraint invoices_void_dated check ((voided_at is null) = (voided_on is null));
create index invoices_voided on invoices (tenant_id, voided_on) where voided_on is not null;

-- Aging as of a past date starts from today's open amounts and adds back only what was applied or
-- reversed after that date; these two indexes find those allocations without a full scan.
create index allocations_dated on allocations (tenant_id, allocation_date) where reversed_on is null;
create index allocations_reversed on allocations (tenant_id, reversed_on) where reversed_on is not null;
create index receipts_reversed on receipts (tenant_id, reversed_on) where reversed_on is not null;
create index receipts_dated on receipts (tenant_id, receipt_date);

-- Aging buckets: the upper bounds in days past due of every bucket but the last, e.g. {30,60,90}
-- gives Current, 1–30, 31–60, 61–90, 90+.
alter table tenants add column aging_bounds integer[] not null default '{30,60,90}';

-- Units of the tenant's base currency per one unit of `currency`, valid from rate_date until the
-- next rate. Kept as an exact decimal: converting money is the one place a rate multiplies it.
create table exchange_rates (
  tenant_id uuid not null references tenants (id),
  currency char(3) not null,
  rate_date date not null,
  rate numeric(24, 10) not null check (rate > 0),
  source text,
  created_at timestamptz not null default now(),
  primary key (tenant_id, currency, rate_date)
);

-- What each collector is expected to collect in a month, in the tenant's base currency.
create table collection_targets (
  tenant_id uuid not null,
  collector_id uuid not null,
  month date not null check (extract(day from month) = 1),
  amount bigint not null check (amount >= 0),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, collector_id, month),
  foreign key (tenant_id, collector_id) references users (tenant_id, id)
);

-- Manual overrides of the provision matrix's loss rates, per aging bucket (index into the
-- tenant's buckets) and optional segment; every override carries its reason.
create table provision_overrides (
  tenant_id uuid not null references tenants (id),
  bucket smallint not null check (bucket >= 0),
  segment text not null default '',
  percent numeric(7, 4) not null check (percent between 0 and 100),
  reason text not null check (length(trim(reason)) > 0),
  set_by uuid,
  set_at timestamptz not null default now(),
  primary key (tenant_id, bucket, segment)
);

-- A specific provision on one customer replaces the matrix for that customer's items.
create table specific_provisions (
  tenant_id uuid not null,
  customer_id uuid not null,
  percent numeric(7, 4) not null check (percent between 0 and 100),
  reason text not null check (length(trim(reason)) > 0),
  effective_from date not null,
  set_by uuid,
  set_at timestamptz not null default now(),
  primary key (tenant_id, customer_id, effective_from),
  foreign key (tenant_id, customer_id) references customers (tenant_id, id)
);
