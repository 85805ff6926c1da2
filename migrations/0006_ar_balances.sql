-- What each customer owes now per the AR journal, kept as lines are posted. The KPIs' closing AR
-- on any date is this less what the journal moved after that date: a pass over customers, not
-- over every open item or every line ever posted. The journal is append-only (corrections are
-- new entries), so insert is the only change there is to follow; updates and deletes are refused.
create table ar_balances (
  tenant_id uuid not null,
  customer_id uuid not null,
  currency char(3) not null,
  balance bigint not null,
  primary key (tenant_id, customer_id, currency),
  foreign key (tenant_id, customer_id) references customers (tenant_id, id)
);

insert into ar_balances (tenant_id, customer_id, currency, balance)
select tenant_id, customer_id, currency, sum(debit - credit) from journal_lines
where account = 'AR' group by 1, 2, 3;

-- One upsert per statement, rows in key order so two postings touching the same customers lock
-- them in the same order and cannot deadlock.
create function ar_balances_add() returns trigger language plpgsql as $$
begin
  insert into ar_balances (tenant_id, customer_id, currency, balance)
  select tenant_id, customer_id, currency, sum(debit - credit) from posted
  where account = 'AR' group by 1, 2, 3 order by 1, 2, 3
  on conflict (tenant_id, customer_id, currency) do update set balance = ar_balances.balance + excluded.balance;
  return null;
end $$;
create trigger journal_lines_ar_balances after insert on journal_lines
  referencing new table as posted for each statement execute function ar_balances_add();

create function journal_lines_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'journal lines are never changed or removed; post a correcting entry';
end $$;
create trigger journal_lines_append_only before update or delete on journal_lines
  for each row execute function journal_lines_append_only();
