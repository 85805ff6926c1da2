-- "Not yet due at a month end" reads invoices due on or after that day: a few weeks of them, found
-- by due date instead of walking everything issued before it.
create index invoices_due on invoices (tenant_id, due_date) where kind <> 'credit_note';
