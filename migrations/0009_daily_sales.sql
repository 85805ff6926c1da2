-- Credit sales per tenant, issue day and currency, kept as documents are raised and voided: the
-- company-wide DSO and countback read a few hundred rows instead of every invoice of the last
-- year (the countback walks back up to twelve months). Invoices and debit notes add their total,
-- credit notes take theirs off; a voided document was never a sale, so its void takes it out.
create table daily_sales (
  tenant_id uuid not null references tenants (id),
  day date not null,
  currency char(3) not null,
  amount bigint not null,
  primary key (tenant_id, day, currency)
);

insert into daily_sales (tenant_id, day, currency, amount)
select tenant_id, issue_date, currency, sum(case when kind = 'credit_note' then -total else total end)
from invoices where voided_on is null group by 1, 2, 3;

-- One upsert per statement, rows in key order so two imports of the same days lock them in the
-- same order and cannot deadlock.
create function daily_sales_add() returns trigger language plpgsql as $$
begin
  insert into daily_sales (tenant_id, day, currency, amount)
  select tenant_id, issue_date, currency, sum(case when kind = 'credit_note' then -total else total end)
  from raised where voided_on is null group by 1, 2, 3 order by 1, 2, 3
  on conflict (tenant_id, day, currency) do update set amount = daily_sales.amount + excluded.amount;
  return null;
end $$;
create trigger invoices_daily_sales_add after insert on invoices
  referencing new table as raised for each statement execute function daily_sales_add();

-- A row trigger, fired only when a column that makes the sale is set (a void, or an edit of the
-- amount, kind, date or currency): the allocations' updates of open_amount never reach it.
create function daily_sales_change() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and old.voided_on is null then
    insert into daily_sales (tenant_id, day, currency, amount)
    values (old.tenant_id, old.issue_date, old.currency, case when old.kind = 'credit_note' then old.total else -old.total end)
    on conflict (tenant_id, day, currency) do update set amount = daily_sales.amount + excluded.amount;
  end if;
  if tg_op = 'UPDATE' and new.voided_on is null then
    insert into daily_sales (tenant_id, day, currency, amount)
    values (new.tenant_id, new.issue_date, new.currency, case when new.kind = 'credit_note' then -new.total else new.total end)
    on conflict (tenant_id, day, currency) do update set amount = daily_sales.amount + excluded.amount;
  end if;
  return null;
end $$;
create trigger invoices_daily_sales_change after update of voided_on, total, kind, issue_date, currency on invoices
  for each row execute function daily_sales_change();
create trigger invoices_daily_sales_remove after delete on invoices
  for each row execute function daily_sales_change();
