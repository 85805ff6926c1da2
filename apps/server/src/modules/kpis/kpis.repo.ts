import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { changeAfter, openItemsAsOf } from '../aging/open-items.sql.ts';

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
function customerJoin(g: Grouping, alias: 'b' | 'i' | 'j' | 'r' | 'o', tenantId: string) {
  return g.group === 'tenant' ? sql`` : sql`join customers c on c.tenant_id = ${tenantId} and c.id = ${sql.ref(`${alias}.customer_id`)}`;
}

/**
 * Monthly sums from daily ones: `daily` yields (group_key, day, currency, amount) grouped by day.
 * Grouping on the date column itself is a cheap hash; the month is worked out once per day.
 */
const byMonth = (daily: RawBuilder<unknown>) => sql<MonthAmount>`
  select group_key, to_char(day, 'YYYY-MM') as month, currency::text as currency, sum(amount)::bigint as amount
  from (${daily}) daily group by 1, 2, 3`;

export interface MonthAmount {
  group_key: string | null;
  month: string;
  currency: string;
  amount: bigint;
}

/**
 * Credit sales per month: invoices and debit notes less credit notes, by issue date. A voided
 * document was never a sale and is left out whenever it was voided. The company total reads the
 * sales kept per day (daily_sales, `duely verify` holds them to the invoices); a split by
 * collector or segment sums the invoices themselves.
 */
export async function salesByMonth(db: Executor, tenantId: string, g: Grouping, from: string, to: string) {
  if (g.group === 'tenant') {
    const kept = await byMonth(sql`
      select null::text as group_key, day, currency, amount from daily_sales
      where tenant_id = ${tenantId} and day between ${from}::date and ${to}::date and amount <> 0`).execute(db);
    return kept.rows;
  }
  const result = await byMonth(sql`
    select ${customerGroupKey(g.group, g.segment)} as group_key, i.issue_date as day, i.currency,
      sum(case when i.kind = 'credit_note' then -i.total else i.total end) as amount
    from invoices i ${customerJoin(g, 'i', tenantId)}
    where i.tenant_id = ${tenantId} and i.issue_date between ${from}::date and ${to}::date and i.voided_on is null
    group by 1, 2, 3`).execute(db);
  return result.rows;
}

/**
 * AR journal movements per month between `from` and `to` (closing AR at `to` comes from
 * arBalanceAsOf). The company total reads the movement kept per day (daily_ar, held to the journal
 * by `duely verify`); a split by collector or segment sums the journal lines themselves.
 */
export async function arMovementsByMonth(db: Executor, tenantId: string, g: Grouping, from: string, to: string) {
  if (g.group === 'tenant') {
    const kept = await byMonth(sql`
      select null::text as group_key, day, currency, amount from daily_ar
      where tenant_id = ${tenantId} and day between ${from}::date and ${to}::date and amount <> 0`).execute(db);
    return kept.rows;
  }
  const result = await byMonth(sql`
    select ${customerGroupKey(g.group, g.segment)} as group_key, j.entry_date as day, j.currency, sum(j.debit - j.credit) as amount
    from journal_lines j ${customerJoin(g, 'j', tenantId)}
    where j.tenant_id = ${tenantId} and j.account = 'AR' and j.entry_date between ${from}::date and ${to}::date
    group by 1, 2, 3`).execute(db);
  return result.rows;
}

/**
 * What customers owed on `asOf` per group. The company total: the AR movement kept per day
 * (daily_ar) summed up to that day, a row per day of history. Per collector or segment: what
 * each customer owes now, kept per customer as lines are posted (ar_balances), less what the
 * journal moved after `asOf`, which reads one row per customer and the journal after the date.
 * `duely verify` holds both kept tables to the journal.
 */
export async function arBalanceAsOf(db: Executor, tenantId: string, g: Grouping, asOf: string) {
  if (g.group === 'tenant') {
    const kept = await sql<{ group_key: string | null; currency: string; amount: bigint }>`
      select null::text as group_key, currency::text as currency, sum(amount)::bigint as amount
      from daily_ar where tenant_id = ${tenantId} and day <= ${asOf}::date group by 2`.execute(db);
    return kept.rows;
  }
  const key = customerGroupKey(g.group, g.segment);
  const result = await sql<{ group_key: string | null; currency: string; amount: bigint }>`
    select group_key::text as group_key, currency::text as currency, sum(amount)::bigint as amount from (
      select ${key} as group_key, b.currency, sum(b.balance) as amount
      from ar_balances b ${customerJoin(g, 'b', tenantId)}
      where b.tenant_id = ${tenantId}
      group by 1, 2
      union all
      select ${key}, j.currency, -sum(j.debit - j.credit)
      from journal_lines j ${customerJoin(g, 'j', tenantId)}
      where j.tenant_id = ${tenantId} and j.account = 'AR' and j.entry_date > ${asOf}::date
      group by 1, 2
    ) x group by 1, 2`.execute(db);
  return result.rows;
}

/** Receipts dated in each month less receipts reversed in it. */
export async function collectionsByMonth(db: Executor, tenantId: string, g: Grouping, from: string, to: string) {
  const result = await byMonth(sql`
    select ${customerGroupKey(g.group, g.segment)} as group_key, r.receipt_date as day, r.currency, sum(r.amount) as amount
    from receipts r ${customerJoin(g, 'r', tenantId)}
    where r.tenant_id = ${tenantId} and r.receipt_date between ${from}::date and ${to}::date
    group by 1, 2, 3
    union all
    select ${customerGroupKey(g.group, g.segment)}, r.reversed_on, r.currency, -sum(r.amount)
    from receipts r ${customerJoin(g, 'r', tenantId)}
    where r.tenant_id = ${tenantId} and r.reversed_on between ${from}::date and ${to}::date
    group by 1, 2, 3`).execute(db);
  return result.rows;
}

/**
 * Open invoices and debit notes not yet due at each month end ("current" AR): only documents
 * issued by that day and due on or after it, so each document is looked at for the few month ends
 * its credit period spans. Their open amount that day is today's plus what was applied to them
 * after it, less what was applied by then and reversed after; for the running month that is
 * nothing. Only allocations of those documents dated or reversed after the earliest month end
 * are read, each once per month end it changes.
 */
export async function currentArAtMonthEnds(db: Executor, tenantId: string, g: Grouping, ends: string[]) {
  // One branch per month end, each with its date as a constant, so the planner finds the few
  // weeks of invoices due on or after it by the due-date index.
  const docs = ends.map(
    (end) => sql`
      select ${end}::date as month_end, i.id, i.customer_id, i.currency,
        -- a void leaves no live allocation behind, so before it the document was open for its total
        case when i.voided_on is not null then i.total else i.open_amount end as open
      from invoices i
      where i.tenant_id = ${tenantId} and i.kind <> 'credit_note' and i.due_date >= ${end}::date
        and i.issue_date <= ${end}::date and (i.voided_on is null or i.voided_on > ${end}::date)`,
  );
  // YYYY-MM-DD sorts as the dates do
  const byDate = [...ends].sort();
  const earliest = byDate[0]!;
  const latest = byDate[byDate.length - 1]!;
  const result = await sql<{ group_key: string | null; month_end: string; currency: string; amount: bigint }>`
    with docs as materialized (${sql.join(docs, sql` union all `)})
    select group_key, month_end::text as month_end, currency::text as currency, amount from (
    select ${customerGroupKey(g.group, g.segment)} as group_key, o.month_end, o.currency, sum(o.amount)::bigint as amount
    from (
      select month_end, customer_id, currency, open as amount from docs
      union all
      select d.month_end, d.customer_id, d.currency, ${changeAfter(sql`d.month_end`, 'a')} * a.applied
      from docs d join (
        select invoice_id, allocation_date, reversed_on, amount + tds + bank_charges + discount + write_off as applied
        from allocations
        where tenant_id = ${tenantId} and ((reversed_on is null and allocation_date > ${earliest}::date) or reversed_on > ${earliest}::date)
          -- the paid document's copied issue date: one issued after every month end is in no branch
          and invoice_issue_date <= ${latest}::date
      ) a on a.invoice_id = d.id
    ) o
    ${customerJoin(g, 'o', tenantId)}
    group by 1, 2, 3) sums`.execute(db);
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
