-- KPIs read the AR journal of a window of months (closing AR comes from the open items), so they
-- need its lines by date without walking every customer's.
create index journal_ar_date on journal_lines (tenant_id, entry_date) where account = 'AR';
