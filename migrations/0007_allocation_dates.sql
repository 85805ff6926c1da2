-- Each allocation carries the date of what paid (the receipt, or the credit note's issue date)
-- and the issue date of what it paid. Both are fixed once the documents exist. Aging as of a past
-- date looks at the allocations changed after it; with these it can drop those of documents that
-- did not exist yet without looking each one up. `duely verify` holds them to the documents.
alter table allocations add column source_date date, add column invoice_issue_date date;
update allocations a set source_date = r.receipt_date
  from receipts r where r.tenant_id = a.tenant_id and r.id = a.receipt_id;
update allocations a set source_date = c.issue_date
  from invoices c where c.tenant_id = a.tenant_id and c.id = a.credit_note_id;
update allocations a set invoice_issue_date = i.issue_date
  from invoices i where i.tenant_id = a.tenant_id and i.id = a.invoice_id;
alter table allocations alter column source_date set not null, alter column invoice_issue_date set not null;
