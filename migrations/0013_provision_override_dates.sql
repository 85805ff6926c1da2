-- Loss-rate overrides take effect from a date, as specific provisions do. Last month's provision,
-- and the movement the proposed entry books from it, must use the rates in force then: with one
-- timeless row per bucket, an override set today rewrote last month too and the entry missed it.
-- Overrides set before this migration applied to every date they were reported for, so they keep
-- doing so: in force from 1900-01-01, the earliest date Duely accepts.
alter table provision_overrides add column effective_from date not null default '1900-01-01';
alter table provision_overrides alter column effective_from drop default;
-- A version without a percent ends the override: from that date the computed rate applies again.
alter table provision_overrides alter column percent drop not null;
alter table provision_overrides alter column reason drop not null;
alter table provision_overrides add constraint provision_overrides_reason_given check (percent is null or reason is not null);
alter table provision_overrides drop constraint provision_overrides_pkey;
alter table provision_overrides add primary key (tenant_id, bucket, segment, effective_from);
