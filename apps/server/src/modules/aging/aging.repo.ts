import { type RawBuilder, sql } from 'kysely';
import { type Executor, withPlannerSetting } from '../../platform/db.ts';
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
 * Σ open per (group, currency, class, bucket), for callers that want the cells themselves (the
 * collectors' books). Today's open items and what changed after `asOf` are aggregated apart and
 * added cell by cell (itemSources says why that is exact).
 */
export async function agingCells(db: Executor, tenantId: string, spec: AgingSpec): Promise<AgingCell[]> {
  const join = needsCustomer(spec) ? sql`join customers c on c.tenant_id = ${tenantId} and c.id = o.customer_id` : sql``;
  const sources = itemSources(tenantId, spec);
  const parts = [sources.rest];
  if (sources.today) parts.push(sources.today(sql`i.kind as item_type, i.customer_id, i.issue_date as doc_date, i.due_date, i.currency, i.open_amount as open, 1 as items`));
  const sums = await Promise.all(parts.map((part) => aggregate(db, sql`(${part}) o ${join}`, spec, sql`sum(o.items)`)));
  const cells = new Map<string, AgingCell>();
  for (const cell of sums.flat()) {
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
 * Where the items open on `asOf` come from. Today's open invoices and notes straight from the
 * open-items index (`today`: a plain scan PostgreSQL runs in parallel), and what changed after
 * `asOf`, voids after it and unapplied cash (`rest`: openItemAdjustments, which says why adding
 * the two is exact). The reference path (byScan) has no `today`: `rest` is every item, from
 * every document's full history. Rows: item_type, customer_id, doc_date, due_date, currency,
 * open, items (the change in the item count, 1 for a plain item).
 */
function itemSources(tenantId: string, spec: AgingSpec) {
  if (spec.byScan) return { today: null, rest: sql`select o.*, 1 as items from ${openItemsAsOfByScan(tenantId, spec.asOf)} o` };
  return {
    today: (columns: RawBuilder<unknown>, where: RawBuilder<unknown> = sql`true`) => sql`
      select ${columns} from invoices i
      where i.tenant_id = ${tenantId} and i.open_amount > 0 and i.issue_date <= ${spec.asOf}::date and ${where}`,
    rest: sql`select * from ${openItemAdjustments(tenantId, spec.asOf)} o`,
  };
}

/**
 * The aging report's figures in one statement: per group, Σ open per debit bucket, Σ unused
 * credit notes and Σ unapplied cash (each apart per currency unless rows stay in their own),
 * each cell converted to the base currency at its rate (rounded half away from zero, as
 * convertAmount does), ranked by net balance with only the top `limit` rows returned, and the
 * totals, with credits and cash by age. One aggregate over the items, straight into one row per
 * group; only a page of rows ever leaves the database, whatever the number of customers.
 */
export async function agingSummary(db: Executor, tenantId: string, spec: AgingSpec, o: SummaryOptions): Promise<SummaryRow[]> {
  const n = o.bucketCount;
  // Per currency: n debit buckets, then credits, then unapplied cash.
  const width = n + 2;
  const cells = Array.from({ length: width }, (_, j) => j);
  const lit = (v: number) => sql.lit(v);
  const ref = (name: string) => sql.ref(name);
  // Currencies summed apart: the base and each with a rate (its cells convert apart); any other
  // is left out of base figures and named. Rows in their own currency need no split.
  const known = o.ownCurrency ? [] : [{ currency: o.base, rate: null as string | null, shift: 0 }, ...o.rates];
  const offset = (currency: RawBuilder<unknown>) =>
    o.ownCurrency ? sql`0` : sql`case ${sql.join(known.map((c, ci) => sql`when ${currency} = ${c.currency} then ${lit(ci * width)}`), sql` `)} end`;
  const bucket = (date: RawBuilder<unknown>) => sql`width_bucket(${spec.asOf}::date - ${date}, ${spec.thresholds}::int[])`;
  const ageDate = (docDate: RawBuilder<unknown>, dueDate: RawBuilder<unknown>) => (spec.basis === 'due' ? dueDate : docDate);
  // The cell an item falls in, a small integer, computed once in the branch that reads the item.
  const code = (type: RawBuilder<unknown>, docDate: RawBuilder<unknown>, dueDate: RawBuilder<unknown>, currency: RawBuilder<unknown>) =>
    sql`${offset(currency)} + case when ${type} in ('invoice', 'debit_note') then ${bucket(ageDate(docDate, dueDate))}
      when ${type} = 'credit_note' then ${lit(n)} else ${lit(n + 1)} end`;
  const names = o.ownCurrency ? cells.map((j) => `s${j}`) : known.flatMap((_, ci) => cells.map((j) => `s${ci}_${j}`));
  const codes = o.ownCurrency ? cells : known.flatMap((_, ci) => cells.map((j) => ci * width + j));
  // Parts are joined on the group key, so it must not be null (no group, no collector, no region).
  const none =
    spec.group === 'customer' || spec.group === 'collector' ? sql`'00000000-0000-0000-0000-000000000000'::uuid` : spec.group === 'currency' ? sql`''::bpchar` : sql`''::text`;
  const join = needsCustomer(spec) ? sql`join customers c on c.tenant_id = ${tenantId} and c.id = o.customer_id` : sql``;
  const sources = itemSources(tenantId, spec);

  // Grouped on the raw uuid / char key, cast only for the page of rows. The empty UNION ALL
  // branch is a fence: without it PostgreSQL inlines the part and computes k again in every
  // FILTER.
  // Each part's rows: customer_id, currency, open, items, k (the cell the amount adds to) and m
  // (the cell it moves out of: see todayPart). exact_sum (migration 0011) says why not sum().
  const cellSum = (cell: number, column: 'k' | 'm') => sql`coalesce(exact_sum(o.open) filter (where o.${ref(column)} = ${lit(cell)}), 0)`;
  const oldest = (cell: number) => cell % width === n - 1;
  const exactSum = (cell: number) => (oldest(cell) ? sql`${cellSum(cell, 'k')} - ${cellSum(cell, 'm')}` : cellSum(cell, 'k'));
  // A part of invoices and debit notes only leaves the credit and cash cells out: each cell an
  // aggregate per row, and there is a row per open document.
  const aggregate = (part: RawBuilder<unknown>, debitsOnly = false) => sql`
    select coalesce(${groupKey(spec)}, ${none}) as group_key,
      ${sql.join(codes.map((code, i) => sql`${debitsOnly && code % width >= n ? sql`0::bigint` : exactSum(code)} as ${ref(names[i]!)}`))},
      coalesce(sum(o.items) filter (where o.k is not null), 0)::bigint as items,
      count(*) filter (where o.k is null) as unknown
    from (${part} union all select null::uuid, null::bpchar, null::bigint, null::int, null::int, null::int from invoices where false) o ${join}
    group by 1`;
  // Today's open documents without reading each one: every customer's open debits as kept
  // (open_debits) go to the oldest bucket, and only the documents whose later date (due or
  // issue) falls within the oldest bound of asOf are read, each moving its amount from the
  // oldest bucket to its own (m to k), or out altogether when issued after asOf. A document not
  // read is due and issued at least the oldest bound before asOf: on either basis it is in the
  // oldest bucket, where the kept total put it. Credit notes, few, are read as they are, with
  // the changes after asOf.
  const oldestBound = spec.thresholds[spec.thresholds.length - 1]!;
  const issued = sql`i.issue_date <= ${spec.asOf}::date`;
  const todayPart = sql`
    select d.customer_id, d.currency, d.amount as open, d.items::int as items, ${offset(sql`d.currency`)} + ${lit(n - 1)} as k, null::int as m
    from open_debits d where d.tenant_id = ${tenantId}
    union all
    select i.customer_id, i.currency, i.open_amount, case when ${issued} then 0 else -1 end,
      case when ${issued} then ${code(sql`i.kind`, sql`i.issue_date`, sql`i.due_date`, sql`i.currency`)} when ${offset(sql`i.currency`)} is not null then -1 end,
      ${offset(sql`i.currency`)} + ${lit(n - 1)}
    from invoices i
    where i.tenant_id = ${tenantId} and i.open_amount > 0 and i.kind <> 'credit_note'
      and greatest(i.due_date, i.issue_date) > ${spec.asOf}::date - ${lit(oldestBound)}`;
  const restRows = sql`select r.customer_id, r.currency, r.open, r.items, ${code(sql`r.item_type`, sql`r.doc_date`, sql`r.due_date`, sql`r.currency`)} as k, null::int as m from rest r`;
  const restPart = aggregate(
    sources.today
      ? sql`${restRows}
        union all
        select i.customer_id, i.currency, i.open_amount, 1, ${code(sql`i.kind`, sql`i.issue_date`, sql`i.due_date`, sql`i.currency`)}, null::int
        from invoices i
        where i.tenant_id = ${tenantId} and i.open_amount > 0 and i.kind = 'credit_note' and ${issued}`
      : restRows,
  );
  // Today's part has a row for nearly every group, the changes a few: a hash join adds them
  // without aggregating the groups a second time.
  const combined = sources.today
    ? sql`select coalesce(t.group_key, c.group_key) as group_key,
          ${sql.join([...names, 'items', 'unknown'].map((c) => sql`coalesce(t.${ref(c)}, 0) + coalesce(c.${ref(c)}, 0) as ${ref(c)}`))}
        from (${aggregate(todayPart, true)}) t
        full join (${restPart}) c on c.group_key = t.group_key`
    : restPart;

  const convert = (amount: RawBuilder<unknown>, rate: RawBuilder<unknown>, shift: RawBuilder<unknown>) =>
    sql`round(${amount} * ${rate}::numeric * power(10::numeric, ${shift}))::bigint`;
  // Each cell in base once: own-currency rows convert at their currency's rate (null without one).
  const base = cells.map((j) => {
    if (o.ownCurrency) return sql`case when g.group_key::text = ${o.base} then g.${ref(`s${j}`)} else ${convert(sql`g.${ref(`s${j}`)}`, sql`r.rate`, sql`r.shift`)} end`;
    return sql.join(
      known.map((c, ci) => (ci === 0 ? sql`g.${ref(`s0_${j}`)}` : sql`coalesce(${convert(sql`g.${ref(`s${ci}_${j}`)}`, sql`${c.rate}`, sql`${c.shift}`)}, 0)`)),
      sql` + `,
    );
  });
  // Rows show their own currency's figures (grouping by currency) or the base ones.
  const rowPrefix = o.ownCurrency ? 's' : 'b';
  const col = (prefix: string, j: number) => ref(`${prefix}${j}`);
  const debits = (prefix: string) => sql.join(cells.slice(0, n).map((j) => sql`${col(prefix, j)}`), sql` + `);
  const rates = sql`select * from unnest(${o.rates.map((r) => r.currency)}::text[], ${o.rates.map((r) => r.rate)}::numeric[], ${o.rates.map((r) => r.shift)}::int[]) as r(currency, rate, shift)`;
  // Credit notes and unapplied cash by age, for the totals: few rows, each cell (group, currency,
  // class, bucket) converted as the rows' are.
  const creditRows = [
    ...(sources.today
      ? [sources.today(sql`i.customer_id, i.currency, 1 as cls, ${bucket(sql`i.issue_date`)} as bucket, i.open_amount as open`, sql`i.kind = 'credit_note'`)]
      : []),
    sql`select r.customer_id, r.currency, case when r.item_type = 'credit_note' then 1 else 2 end, ${bucket(sql`r.doc_date`)}, r.open
      from rest r where r.item_type in ('credit_note', 'unapplied')`,
  ];
  const cellBase = sql`case when o.currency = ${o.base} then o.amount else ${convert(sql`o.amount`, sql`r.rate`, sql`r.shift`)} end`;

  // One process: every customer has rows all through the scan, so each parallel worker's partial
  // aggregate holds nearly every group, and gathering and merging those copies cost more than
  // the workers save (the bench's aging on 2 cores, medians of 11 taking turns: today 738 ms in
  // parallel against 504 in one process, 90 days back 1,050 against 825).
  const result = await withPlannerSetting(db, 'max_parallel_workers_per_gather', '0', () => sql<SummaryRow & { unknown: bigint }>`
    with rest as materialized (${sources.rest}),
    g as (${combined}),
    per_group as materialized (
      -- a group with nothing open in a currency it can show has no row (its items still count as
      -- unconverted); the key stays raw (a uuid sorts as its text does)
      select nullif(g.group_key, ${none}) as group_key, g.items, g.unknown, g.items <> 0 as shown,
        ${o.ownCurrency ? sql`g.group_key::text = ${o.base} or r.rate is not null` : sql`true`} as convertible,
        ${o.ownCurrency ? sql`${sql.join(cells.map((j) => sql`g.${col('s', j)}`))},` : sql``}
        ${sql.join(cells.map((j) => sql`${base[j]!} as ${col('b', j)}`))}
      from g ${o.ownCurrency ? sql`left join (${rates}) r on r.currency = g.group_key::text` : sql``}
    ),
    credit_cells as (
      select cls, bucket, sum(base)::bigint as amount from (
        select o.cls, o.bucket, ${cellBase} as base from (
          select ${groupKey(spec)} as group_key, o.currency, o.cls, o.bucket, sum(o.open) as amount
          from (${sql.join(creditRows, sql` union all `)}) o(customer_id, currency, cls, bucket, open) ${join}
          group by 1, 2, 3, 4
        ) o left join (${rates}) r on r.currency = o.currency::text
      ) converted group by 1, 2
    )
    select * from (
      select 'row' as part, group_key::text as group_key, ${o.ownCurrency ? sql`group_key::text` : sql`${o.base}::text`} as currency,
        array[${sql.join(cells.slice(0, n).map((j) => sql`${col(rowPrefix, j)}`))}] as amounts,
        ${col(rowPrefix, n)} as credits, ${col(rowPrefix, n + 1)} as unapplied,
        items, 0::bigint as rows_total, null::text[] as missing, 0::bigint as unknown
      from per_group where shown order by (${debits(rowPrefix)}) - ${col(rowPrefix, n)} - ${col(rowPrefix, n + 1)} desc, group_key limit ${o.limit}
    ) top
    union all
    select 'total', null, ${o.base}::text,
      array[${sql.join([
        ...cells.slice(0, n).map((j) => sql`coalesce(sum(${col('b', j)}) filter (where shown), 0)::bigint`),
        ...[1, 2].flatMap((cls) => Array.from({ length: n }, (_, b) => sql`coalesce((select amount from credit_cells where cls = ${lit(cls)} and bucket = ${lit(b)}), 0)`)),
      ])}],
      coalesce(sum(${col('b', n)}) filter (where shown), 0)::bigint, coalesce(sum(${col('b', n + 1)}) filter (where shown), 0)::bigint,
      coalesce(sum(items) filter (where shown and convertible), 0)::bigint, count(*) filter (where shown),
      coalesce(array_agg(group_key::text order by group_key) filter (where shown and not convertible), '{}'),
      coalesce(sum(unknown), 0)::bigint
    from per_group`.execute(db));
  const rows = result.rows.map((r) => ({ ...r, amounts: (r.amounts as unknown as (string | bigint)[]).map((v) => BigInt(v)) }));
  const total = rows.find((r) => r.part === 'total')!;
  if (total.unknown > 0n) total.missing = await currenciesWithoutRate(db, tenantId, spec, known.map((c) => c.currency));
  return rows.map(({ unknown: _, ...r }) => r);
}

/** Currencies, other than those given, of items open on `asOf`: the ones no rate converts. */
async function currenciesWithoutRate(db: Executor, tenantId: string, spec: AgingSpec, known: string[]) {
  const sources = itemSources(tenantId, spec);
  const other = (currency: RawBuilder<unknown>) => sql`${currency}::text <> all(${known}::text[])`;
  const parts = [sql`select o.currency, o.items from (${sources.rest}) o where ${other(sql`o.currency`)}`];
  if (sources.today) parts.push(sources.today(sql`i.currency, 1 as items`, other(sql`i.currency`)));
  const result = await sql<{ currency: string }>`
    select o.currency::text as currency from (${sql.join(parts, sql` union all `)}) o
    group by 1 having sum(o.items) <> 0 order by 1`.execute(db);
  return result.rows.map((r) => r.currency);
}
