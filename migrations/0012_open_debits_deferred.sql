-- A bulk import writes thousands of customers' invoices in every batch of one long transaction,
-- and each batch's upsert made a new version of the same open_debits rows: 200 batches of a
-- 1M-row import left 200 versions of each, which every later upsert stepped through (the import
-- took 310 s with the trigger against 245 s without). An import says so for its transaction
-- (duely.open_debits = 'deferred', transaction-local) and counts the tenant's open debits once
-- when it has written them (refreshOpenDebits); every other write keeps them as it goes.
create or replace function open_debits_change() returns trigger language plpgsql as $$
declare
  debits constant text := ' where open_amount > 0 and kind <> ''credit_note''';
  now_open constant text := 'select tenant_id, customer_id, currency, open_amount as amount, 1 as items from added' || debits;
  was_open constant text := 'select tenant_id, customer_id, currency, -open_amount, -1 from removed' || debits;
begin
  if current_setting('duely.open_debits', true) = 'deferred' then
    return null;
  end if;
  execute format($upsert$
    insert into open_debits (tenant_id, customer_id, currency, amount, items)
    select tenant_id, customer_id, currency, sum(amount), sum(items) from (%s) change
    group by 1, 2, 3 having sum(amount) <> 0 or sum(items) <> 0 order by 1, 2, 3
    on conflict (tenant_id, customer_id, currency) do update
      set amount = open_debits.amount + excluded.amount, items = open_debits.items + excluded.items
    $upsert$, case tg_op when 'INSERT' then now_open when 'DELETE' then was_open else now_open || ' union all ' || was_open end);
  return null;
end $$;
