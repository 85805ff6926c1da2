import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { type OpenItem, openItemAdjustments, openItemsAsOf, openItemsAsOfByScan } from './open-items.sql.ts';

export type AgingBasis = 'due' | 'document';
export type AgingGroup = 'customer' | 'collector' | 'segment' | 'currency' | 'tenant';
export type AgingSegment = 'kind' | 'risk' | 'region';
export type ItemClass = 'debit' | 'credit' | 'unapplied';

export interface AgingSpec {
  asOf: string;
  basis: AgingBasis;
  /** width_bucket thresholds: [1, b1 + 1, b2 + 1, …] for bucket bounds [b1, b2, …]. */
  thresholds: number[];
  group: AgingGroup;
  segment: AgingSegment;
  /** Compute from every document's full history instead of from today's open amounts. */
  byScan?: boolean;
}

export interface AgingCell {
  group_key: string | null;
  currency: string;
  item_class: ItemClass;
  bucket: number;
  amount: bigint;
  items: bigint;
}

function items(tenantId: string, spec: AgingSpec): RawBuilder<OpenItem> {
  return spec.byScan ? openItemsAsOfByScan(tenantId, spec.asOf) : openItemsAsOf(tenantId, spec.asOf);
}

const itemClass = sql`case when o.item_type in ('invoice', 'debit_note') then 'debit' when o.item_type = 'credit_note' then 'credit' else 'unapplied' end`;

/** Days the item has aged: past its due date (debits on the due basis) or since its date. */
function ageDays(spec: AgingSpec) {
  return spec.basis === 'due'
    ? sql`${spec.asOf}::date - (case when o.item_type in ('invoice', 'debit_note') then o.due_date else o.doc_date end)`
    : sql`${spec.asOf}::date - o.doc_date`;
}

function bucketOf(spec: AgingSpec) {
  return sql`width_bucket(${ageDays(spec)}, ${spec.thresholds}::int[])`;
}

function groupKey(spec: AgingSpec) {
  switch (spec.group) {
    case 'customer':
      return sql`o.customer_id`;
    case 'collector':
      return sql`c.collector_id`;
    case 'currency':
      return sql`o.currency`;
    case 'tenant':
      return sql`null::text`;
    case 'segment':
      if (spec.segment === 'kind') return sql`c.kind`;
      if (spec.segment === 'risk') return sql`c.risk_class`;
      return sql`coalesce(c.region, c.state_code)::text`;
  }
}

/** Whether grouping needs the customer row before aggregating (collector, segment). */
const needsCustomer = (spec: AgingSpec) => spec.group === 'collector' || spec.group === 'segment';

/**
 * Σ open per (group, currency, class, bucket). Today's open invoices and notes are one plain
 * aggregate over the kept open amounts (which PostgreSQL scans in parallel); what changed after
 * `asOf`, voids after it and unapplied cash come from a second, small query and are added cell by
 * cell (see openItemAdjustments for why that is exact).
 */
export async function agingCells(db: Executor, tenantId: string, spec: AgingSpec): Promise<AgingCell[]> {
  const join = needsCustomer(spec) ? sql`join customers c on c.tenant_id = ${tenantId} and c.id = o.customer_id` : sql``;
  if (spec.byScan) return aggregate(db, sql`${items(tenantId, spec)} o ${join}`, spec, sql`count(*)`);
  const today = sql`(select kind as item_type, customer_id, issue_date as doc_date, due_date, currency, open_amount as open
    from invoices where tenant_id = ${tenantId} and open_amount > 0 and issue_date <= ${spec.asOf}::date)`;
  const [main, adjustments] = await Promise.all([
    aggregate(db, sql`${today} o ${join}`, spec, sql`count(*)`),
    aggregate(db, sql`${openItemAdjustments(tenantId, spec.asOf)} o ${join}`, spec, sql`sum(o.items)`),
  ]);
  const cells = new Map<string, AgingCell>();
  for (const cell of [...main, ...adjustments]) {
    const key = `${cell.group_key}|${cell.currency}|${cell.item_class}|${cell.bucket}`;
    const seen = cells.get(key);
    if (seen) {
      seen.amount += cell.amount;
      seen.items += cell.items;
    } else cells.set(key, { ...cell });
  }
  return [...cells.values()].filter((c) => c.amount !== 0n || c.items !== 0n);
}

// Grouped on the raw uuid / char key and cast once per group, not once per item.
async function aggregate(db: Executor, from: RawBuilder<unknown>, spec: AgingSpec, items: RawBuilder<unknown>) {
  const result = await sql<AgingCell>`
    select group_key::text as group_key, currency::text as currency, item_class, bucket, amount, items from (
      select ${groupKey(spec)} as group_key, o.currency, ${itemClass} as item_class,
        ${bucketOf(spec)} as bucket, sum(o.open)::bigint as amount, ${items}::bigint as items
      from ${from}
      group by 1, 2, 3, 4) cells`.execute(db);
  return result.rows;
}

export interface AgingItemRow extends OpenItem {
  customer_code: string;
  customer_name: string;
  days: number;
  bucket: number;
}

export interface AgingItemFilter {
  key?: string | undefined;
  bucket?: number | undefined;
  itemClass: ItemClass;
  limit: number;
  /** Keyset: (days desc, number asc) of the last row seen. */
  after?: { days: number; number: string } | null;
}

/** The documents behind one cell of the aging: oldest first. */
export async function agingItems(db: Executor, tenantId: string, spec: AgingSpec, filter: AgingItemFilter) {
  const conditions = [sql`${itemClass} = ${filter.itemClass}`];
  if (filter.key !== undefined) {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(filter.key);
    if (spec.group === 'tenant') conditions.push(sql`true`);
    // By customer: compare the uuid itself, so the open-items index finds one customer's documents.
    else if (spec.group === 'customer') conditions.push(uuid ? sql`o.customer_id = ${filter.key}::uuid` : sql`false`);
    else conditions.push(sql`${groupKey(spec)}::text is not distinct from ${filter.key === '' ? null : filter.key}`);
  }
  if (filter.bucket !== undefined) conditions.push(sql`${bucketOf(spec)} = ${filter.bucket}`);
  if (filter.after) {
    conditions.push(sql`(${ageDays(spec)} < ${filter.after.days} or (${ageDays(spec)} = ${filter.after.days} and o.number > ${filter.after.number}))`);
  }
  const result = await sql<AgingItemRow>`
    select o.*, c.code as customer_code, c.name as customer_name,
      (${ageDays(spec)})::int as days, ${bucketOf(spec)} as bucket
    from ${items(tenantId, spec)} o
    join customers c on c.tenant_id = ${tenantId} and c.id = o.customer_id
    where ${sql.join(conditions, sql` and `)}
    order by ${ageDays(spec)} desc, o.number
    limit ${filter.limit + 1}`.execute(db);
  return result.rows;
}

export interface ScheduleIIICell {
  currency: string;
  disputed: boolean;
  doubtful: boolean;
  bucket: number;
  amount: bigint;
}

/**
 * Schedule III ageing: invoices and debit notes outstanding on `asOf`, from their due date, in
 * calendar periods (less than 6 months, 6 months–1 year, 1–2, 2–3, more than 3 years). "Doubtful"
 * is what a specific provision in force on that date covers; "disputed" is the document's flag.
 */
export async function scheduleIIICells(db: Executor, tenantId: string, asOf: string): Promise<ScheduleIIICell[]> {
  const result = await sql<ScheduleIIICell>`
    select o.currency::text as currency, o.disputed,
      exists (
        select 1 from specific_provisions sp
        where sp.tenant_id = ${tenantId} and sp.customer_id = o.customer_id and sp.effective_from <= ${asOf}::date and sp.percent > 0
          and sp.effective_from = (select max(effective_from) from specific_provisions s2
            where s2.tenant_id = ${tenantId} and s2.customer_id = o.customer_id and s2.effective_from <= ${asOf}::date)
      ) as doubtful,
      case
        when (o.due_date + interval '6 months')::date > ${asOf}::date then 0
        when (o.due_date + interval '1 year')::date > ${asOf}::date then 1
        when (o.due_date + interval '2 years')::date > ${asOf}::date then 2
        when (o.due_date + interval '3 years')::date > ${asOf}::date then 3
        else 4 end as bucket,
      sum(o.open)::bigint as amount
    from ${openItemsAsOf(tenantId, asOf)} o
    where o.item_type in ('invoice', 'debit_note')
    group by 1, 2, 3, 4`.execute(db);
  return result.rows;
}

export async function customerNames(db: Executor, tenantId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, { code: string; name: string }>();
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'code', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}

export async function userNames(db: Executor, tenantId: string) {
  const rows = await db.selectFrom('users').select(['id', 'name']).where('tenant_id', '=', tenantId).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The latest rate on or before `date` for each currency. */
export async function ratesOn(db: Executor, tenantId: string, date: string) {
  const result = await sql<{ currency: string; rate: string }>`
    select distinct on (currency) currency::text as currency, rate::text as rate
    from exchange_rates where tenant_id = ${tenantId} and rate_date <= ${date}::date
    order by currency, rate_date desc`.execute(db);
  return new Map(result.rows.map((r) => [r.currency, r.rate]));
}

/** Σ AR journal per customer up to a date: what the ledger says each customer owes that day. */
export async function arLedgerAsOf(db: Executor, tenantId: string, asOf: string) {
  const result = await sql<{ customer_id: string; currency: string; balance: bigint }>`
    select customer_id, currency::text as currency, sum(debit - credit)::bigint as balance
    from journal_lines where tenant_id = ${tenantId} and account = 'AR' and entry_date <= ${asOf}::date
    group by 1, 2 having sum(debit - credit) <> 0`.execute(db);
  return result.rows;
}

export interface SummaryOptions {
  base: string;
  /** Per currency with a rate: the rate and the shift of decimal places into the base currency. */
  rates: { currency: string; rate: string; shift: number }[];
  /** Rows stay in their own currency (grouping by currency); totals are always in base. */
  ownCurrency: boolean;
  bucketCount: number;
  limit: number;
}

export interface SummaryRow {
  part: 'row' | 'total';
  group_key: string | null;
  currency: string;
  /** Debit buckets, then credit notes by age, then unapplied cash by age: bucketCount each. */
  amounts: bigint[];
  credits: bigint;
  unapplied: bigint;
  items: bigint;
  rows_total: bigint;
  missing: string[] | null;
}

/**
 * The aging report's figures in one statement: cells as agingCells computes them, converted to
 * the base currency per cell (rounded half away from zero, as convertAmount does), pivoted per
 * group, ranked by net balance with only the top `limit` rows returned, and the totals. Only a
 * page of rows ever leaves the database, whatever the number of customers.
 */
export async function agingSummary(db: Executor, tenantId: string, spec: AgingSpec, o: SummaryOptions): Promise<SummaryRow[]> {
  const join = needsCustomer(spec) ? sql`join customers c on c.tenant_id = ${tenantId} and c.id = o.customer_id` : sql``;
  const cellsOf = (from: RawBuilder<unknown>, items: RawBuilder<unknown>) => sql`
    select ${groupKey(spec)} as group_key, o.currency, ${itemClass} as item_class,
      ${bucketOf(spec)} as bucket, sum(o.open)::bigint as amount, ${items}::bigint as items
    from ${from} group by 1, 2, 3, 4`;
  // A group's cells may come from both parts; the pivot below sums them, so no regrouping here.
  const cells = spec.byScan
    ? cellsOf(sql`${items(tenantId, spec)} o ${join}`, sql`count(*)`)
    : sql`${cellsOf(
        sql`(select kind as item_type, customer_id, issue_date as doc_date, due_date, currency, open_amount as open
          from invoices where tenant_id = ${tenantId} and open_amount > 0 and issue_date <= ${spec.asOf}::date) o ${join}`,
        sql`count(*)`,
      )}
      union all
      ${cellsOf(sql`${openItemAdjustments(tenantId, spec.asOf)} o ${join}`, sql`sum(o.items)`)}`;
  const range = Array.from({ length: o.bucketCount }, (_, k) => k);
  const byBucket = (column: RawBuilder<unknown>, cls: string) =>
    range.map((k) => sql`coalesce(sum(${column}) filter (where item_class = ${cls} and bucket = ${k}), 0)::bigint`);
  const rowAmount = o.ownCurrency ? sql`amount` : sql`base_amount`;
  const result = await sql<SummaryRow>`
    with rates as (
      select * from unnest(${o.rates.map((r) => r.currency)}::text[], ${o.rates.map((r) => r.rate)}::numeric[], ${o.rates.map((r) => r.shift)}::int[])
        as r(currency, rate, shift)
    ),
    agg as materialized (
      select grouping(group_key) = 1 as is_total, group_key::text as group_key,
        ${o.ownCurrency ? sql`min(currency)::text` : sql`${o.base}::text`} as currency,
        array[${sql.join(byBucket(rowAmount, 'debit'))}] as amounts,
        coalesce(sum(${rowAmount}) filter (where item_class = 'credit'), 0)::bigint as credits,
        coalesce(sum(${rowAmount}) filter (where item_class = 'unapplied'), 0)::bigint as unapplied,
        coalesce(sum(items) filter (where ${rowAmount} is not null), 0)::bigint as items,
        coalesce(sum(case when item_class = 'debit' then ${rowAmount} else -${rowAmount} end), 0) as net,
        array[${sql.join([...byBucket(sql`base_amount`, 'debit'), ...byBucket(sql`base_amount`, 'credit'), ...byBucket(sql`base_amount`, 'unapplied')])}] as base_amounts,
        coalesce(sum(base_amount) filter (where item_class = 'credit'), 0)::bigint as base_credits,
        coalesce(sum(base_amount) filter (where item_class = 'unapplied'), 0)::bigint as base_unapplied,
        coalesce(sum(items) filter (where base_amount is not null), 0)::bigint as base_items,
        array_agg(distinct currency::text) filter (where base_amount is null) as missing
      from (
        select c.*, case when c.currency = ${o.base} then c.amount
            when r.rate is null then null
            else round(c.amount * r.rate * power(10::numeric, r.shift))::bigint end as base_amount
        from (${cells}) c left join rates r on r.currency = c.currency::text
      ) conv
      group by grouping sets ((group_key), ())
      -- a group whose every amount lacks a rate has nothing to show
      having grouping(group_key) = 1 or count(${rowAmount}) > 0
    )
    select * from (
      select 'row' as part, group_key, currency, amounts, credits, unapplied, items, 0::bigint as rows_total, null::text[] as missing
      from agg where not is_total order by net desc, group_key limit ${o.limit}
    ) top
    union all
    select 'total', null, ${o.base}::text, base_amounts, base_credits, base_unapplied, base_items,
      (select count(*) from agg where not is_total), coalesce(missing, '{}')
    from agg where is_total`.execute(db);
  return result.rows.map((r) => ({ ...r, amounts: (r.amounts as unknown as (string | bigint)[]).map((v) => BigInt(v)) }));
}
