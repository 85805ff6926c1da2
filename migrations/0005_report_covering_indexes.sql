-- Aging and the dashboard read every open item's customer, dates, kind, currency and amount.
-- With those in the open-items index the read is an index-only scan of ~80 bytes per item
-- instead of a pass over every invoice row with all its columns.
drop index invoices_open;
create index invoices_open on invoices (tenant_id, customer_id, due_date)
  include (kind, issue_date, currency, open_amount, disputed) where open_amount > 0;

-- KPIs read the AR journal of a window of months and what moved after a date: by date, with the
-- amounts in the index.
drop index journal_ar_date;
create index journal_ar_date on journal_lines (tenant_id, entry_date)
  include (customer_id, currency, debit, credit) where account = 'AR';

-- Credit sales per month (DSO, countback) read a year of invoices by issue date: amounts in the
-- index. customer_id serves the split by collector or segment.
drop index invoices_issue;
create index invoices_issue on invoices (tenant_id, issue_date) include (kind, total, currency, voided_on, customer_id);

-- "Not yet due at a month end": invoices due on or after the day and issued by it. With the issue
-- date in the key the second test is made in the index, and only those invoices are visited.
drop index invoices_due;
create index invoices_due on invoices (tenant_id, due_date, issue_date) where kind <> 'credit_note';

-- Unused credit notes by age, beside the aging buckets: the few still open, from their own index.
create index invoices_open_credit_notes on invoices (tenant_id, issue_date) include (customer_id, currency, open_amount)
  where open_amount > 0 and kind = 'credit_note';
