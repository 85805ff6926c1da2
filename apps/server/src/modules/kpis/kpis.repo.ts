import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { allocationsChangedAfter, openItemAdjustments, openItemsAsOf } from '../aging/open-items.sql.ts';

export type KpiGroup = 'tenant' | 'collector' | 'segment';
export type KpiSegment = 'kind' | 'risk' | 'region';

/** The group a customer falls in; `c` is the customers row. */
export function customerGroupKey(group: KpiGroup, segment: KpiSegment) {
  if (group === 'tenant') return sql`null::text`;
  if (group === 'collector') return sql`c.collector_id::text`;
  if (segment === 'kind') return sql`c.kind`;
  if (segment === 'risk') return sql`c.risk_class`;
  return sql`coalesce(c.region, c.state_code)::text`;
}

interface Grouping {
  group: KpiGroup;
  segment: KpiSegment;
}

/** The customers join, only when the grouping reads the customer (the company total needs none). */
function customerJoin(g: Grouping, alias: 'i' | 'j' | 'r' | 'o', tenantId: string) {
  return g.group === 'tenant' ? sql`` : sql`join customers c on c.tenant_id = ${tenantId} and c.id = ${sql.ref(`${alias}.customer_id`)}`;
}

export interface MonthAmount {
  group_key: string | null;
  month: string;
  currency: string;
  amount: bigint;
}

/**
 * Credit sales per month: invoices and debit notes less credit notes, by issue date. A voided
 * document was never a sale and is left out whenever it was voided.
 */
export async function salesByMonth(db: Executor, tenantId: string, g: Grouping, from: string, to: string) {
  const result = await sql<MonthAmount>`
    select ${customerGroupKey(g.group, g.segment)} as group_key, to_char(i.issue_date, 'YYYY-MM') as month, i.currency::text as currency,
      sum(case when i.kind = 'credit_note' then -i.total else i.total end)::bigint as amount
    from invoices i ${customerJoin(g, 'i', tenantId)}
    where i.tenant_id = ${tenantId} and i.issue_date between ${from}::date and ${to}::date and i.voided_on is null
    group by 1, 2, 3`.execute(db);
  return result.rows;
}

/** AR journal movements per month between `from` and `to` (closing AR at `to` comes from the open items). */
export async function arMovementsByMonth(db: Executor, tenantId: string, g: Grouping, from: string, to: string) {
  const result = await sql<MonthAmount>`
    select ${customerGroupKey(g.group, g.segment)} as group_key, to_char(j.entry_date, 'YYYY-MM') as month,
      j.currency::text as currency, sum(j.debit - j.credit)::bigint as amount
    from journal_lines j ${customerJoin(g, 'j', tenantId)}
    where j.tenant_id = ${tenantId} and j.account = 'AR' and j.entry_date between ${from}::date and ${to}::date
    group by 1, 2, 3`.execute(db);
  return result.rows;
}

/**
 * What customers owed on `asOf` per group: open invoices and debit notes less unused credit notes
 * and unapplied cash, from today's open amounts plus what changed after the date (as aging does,
 * without its buckets). Equal to the AR journal on that date, which the ledger tests hold.
 */
export async function arBalanceAsOf(db: Executor, tenantId: string, g: Grouping, asOf: string) {
  const signed = sql`case when o.item_type in ('credit_note', 'unapplied') then -o.open else o.open end`;
  const result = await sql<{ group_key: string | null; currency: string; amount: bigint }>`
    select group_key::text as group_key, currency::text as currency, sum(amount)::bigint as amount from (
      select ${customerGroupKey(g.group, g.segment)} as group_key, o.currency, sum(${signed}) as amount
      from (select kind as item_type, customer_id, currency, open_amount as open from invoices
        where tenant_id = ${tenantId} and open_amount > 0 and issue_date <= ${asOf}::date) o ${customerJoin(g, 'o', tenantId)}
      group by 1, 2
      union all
      select ${customerGroupKey(g.group, g.segment)}, o.currency, sum(${signed})
      from ${openItemAdjustments(tenantId, asOf)} o ${customerJoin(g, 'o', tenantId)}
      group by 1, 2
    ) x group by 1, 2`.execute(db);
  return result.rows;
}

/** Receipts dated in each month less receipts reversed in it. */
export async function collectionsByMonth(db: Executor, tenantId: string, g: Grouping, from: string, to: string) {
  const result = await sql<MonthAmount>`
    select group_key, month, currency, sum(amount)::bigint as amount from (
      select ${customerGroupKey(g.group, g.segment)} as group_key, to_char(r.receipt_date, 'YYYY-MM') as month, r.currency::text as currency, r.amount
      from receipts r ${customerJoin(g, 'r', tenantId)}
      where r.tenant_id = ${tenantId} and r.receipt_date between ${from}::date and ${to}::date
      union all
      select ${customerGroupKey(g.group, g.segment)}, to_char(r.reversed_on, 'YYYY-MM'), r.currency::text, -r.amount
      from receipts r ${customerJoin(g, 'r', tenantId)}
      where r.tenant_id = ${tenantId} and r.reversed_on between ${from}::date and ${to}::date
    ) x group by 1, 2, 3`.execute(db);
  return result.rows;
}

/**
 * Open invoices and debit notes not yet due at each month end ("current" AR): only documents
 * issued by that day and due on or after it, so each document is looked at for the few month ends
 * its credit period spans. Their open amount that day is today's plus what was applied after it
 * (less what was applied by then and reversed after), as in aging; for the running month that
 * change set is empty.
 */
export async function currentArAtMonthEnds(db: Executor, tenantId: string, g: Grouping, ends: string[]) {
  // One branch per month end, each with its date as a constant, so the planner finds the few
  // weeks of invoices due on or after it by the due-date index.
  const docs = ends.map(
    (end) => sql`
      select ${end}::date as month_end, i.tenant_id, i.id, i.customer_id, i.currency,
        -- a void leaves no live allocation behind, so before it the document was open for its total
        case when i.voided_on is not null then i.total else i.open_amount end as open
      from invoices i
      where i.tenant_id = ${tenantId} and i.kind <> 'credit_note' and i.due_date >= ${end}::date
        and i.issue_date <= ${end}::date and (i.voided_on is null or i.voided_on > ${end}::date)`,
  );
  const changed = ends.map(
    (end) => sql`
      select ${end}::date as month_end, a.invoice_id, sum(a.target_back)::bigint as back
      from (${allocationsChangedAfter(tenantId, end)}) a
      group by a.invoice_id`,
  );
  const result = await sql<{ group_key: string | null; month_end: string; currency: string; amount: bigint }>`
    with docs as (${sql.join(docs, sql` union all `)}),
    changed as (${sql.join(changed, sql` union all `)})
    select ${customerGroupKey(g.group, g.segment)} as group_key, o.month_end::text as month_end, o.currency::text as currency,
      sum(o.open + coalesce(ch.back, 0))::bigint as amount
    from docs o
    left join changed ch on ch.invoice_id = o.id and ch.month_end = o.month_end
    ${customerJoin(g, 'o', tenantId)}
    group by 1, 2, 3`.execute(db);
  return result.rows;
}

/** Amount-weighted payment delay inputs of one customer: each allocation and each open remainder. */
export async function paymentItems(db: Executor, tenantId: string, customerId: string, asOf: string) {
  const result = await sql<{ kind: 'paid' | 'open'; amount: bigint; due_date: string; paid_date: string | null; issue_date: string }>`
    select 'paid' as kind, (a.amount + a.tds + a.bank_charges + a.discount + a.write_off)::bigint as amount,
      i.due_date, a.allocation_date as paid_date, i.issue_date
    from allocations a join invoices i on i.tenant_id = a.tenant_id and i.id = a.invoice_id
    where a.tenant_id = ${tenantId} and i.customer_id = ${customerId} and a.allocation_date <= ${asOf}::date
      and (a.reversed_on is null or a.reversed_on > ${asOf}::date) and a.receipt_id is not null
    union all
    select 'open', o.open, o.due_date, null, o.doc_date
    from ${openItemsAsOf(tenantId, asOf)} o
    where o.customer_id = ${customerId} and o.item_type in ('invoice', 'debit_note')`.execute(db);
  return result.rows;
}
