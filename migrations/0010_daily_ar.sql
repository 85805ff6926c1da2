-- The AR journal's movement per tenant, day and currency, kept as lines are posted. The
-- company-wide closing AR on any date is the sum of the days up to it, and a month's movement the
-- sum of its days: a few hundred rows instead of every AR line after the date (90 days back that
-- was ~280k lines at 1.7M AR lines, most of a past-date KPI report's reading). The journal is
-- append-only (0006), so insert is the only change to follow.
create table daily_ar (
  tenant_id uuid not null references tenants (id),
  day date not null,
  currency char(3) not null,
  amount bigint not null,
  primary key (tenant_id, day, currency)
);

insert into daily_ar (tenant_id, day, currency, amount)
select tenant_id, entry_date, currency, sum(debit - credit) from journal_lines
where account = 'AR' group by 1, 2, 3;

-- One upsert per statement, rows in key order so two postings of the same days lock them in the
-- same order. A posting's lines are mostly of one day, so concurrent postings queue on that row
-- until commit, as they do on daily_sales; a deadlock with ar_balances' locks is retried by
-- inTransaction like any other.
create function daily_ar_add() returns trigger language plpgsql as $$
begin
  insert into daily_ar (tenant_id, day, currency, amount)
  select tenant_id, entry_date, currency, sum(debit - credit) from posted
  where account = 'AR' group by 1, 2, 3 order by 1, 2, 3
  on conflict (tenant_id, day, currency) do update set amount = daily_ar.amount + excluded.amount;
  return null;
end $$;
create trigger journal_lines_daily_ar after insert on journal_lines
  referencing new table as posted for each statement execute function daily_ar_add();
