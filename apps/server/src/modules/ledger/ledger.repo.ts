import { type RawBuilder, sql } from 'kysely';
import { insertRows } from '../../platform/bulk.ts';
import type { Executor } from '../../platform/db.ts';
import type { Insertable } from 'kysely';
import type { JournalLinesTable } from '../../platform/schema.ts';

export const JOURNAL_LINE_COLUMNS = {
  tenant_id: 'uuid',
  entry_id: 'uuid',
  line_no: 'int2',
  entry_date: 'date',
  source_type: 'text',
  source_id: 'uuid',
  doc_number: 'text',
  account: 'text',
  customer_id: 'uuid',
  currency: 'bpchar',
  debit: 'int8',
  credit: 'int8',
  memo: 'text',
} as const;

export async function insertJournalLines(db: Executor, rows: Insertable<JournalLinesTable>[]) {
  await insertRows(db, 'journal_lines', JOURNAL_LINE_COLUMNS, rows);
}

export function journalForSource(db: Executor, tenantId: string, sourceId: string) {
  return db
    .selectFrom('journal_lines')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('source_id', '=', sourceId)
    .orderBy('entry_date')
    .orderBy('entry_id')
    .orderBy('line_no')
    .execute();
}

/** Σ of a customer's AR lines dated before `date`: the opening balance of a statement. */
export async function arBalanceBefore(db: Executor, tenantId: string, customerId: string, date: string) {
  const row = await db
    .selectFrom('journal_lines')
    .select(sql<bigint>`coalesce(sum(debit - credit), 0)::bigint`.as('balance'))
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('account', '=', 'AR')
    .where('entry_date', '<', date)
    .executeTakeFirstOrThrow();
  return row.balance;
}

export function arLinesBetween(db: Executor, tenantId: string, customerId: string, from: string, to: string) {
  return db
    .selectFrom('journal_lines')
    .select(['entry_id', 'line_no', 'entry_date', 'source_type', 'source_id', 'doc_number', 'debit', 'credit', 'memo'])
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('account', '=', 'AR')
    .where('entry_date', '>=', from)
    .where('entry_date', '<=', to)
    .orderBy('entry_date')
    .orderBy('entry_id')
    .orderBy('line_no')
    .execute();
}

/** Entries whose debits and credits differ (per currency). Empty when the journal is sound. */
export async function unbalancedEntries(db: Executor, tenantId: string) {
  const result = await sql<{ entry_id: string; currency: string; debit: bigint; credit: bigint }>`
    select entry_id, currency, sum(debit)::bigint as debit, sum(credit)::bigint as credit
    from journal_lines where tenant_id = ${tenantId}
    group by entry_id, currency having sum(debit) <> sum(credit)
    limit 100`.execute(db);
  return result.rows;
}

/** Per customer: the open items' balance beside the AR sub-ledger balance, where they differ. */
export async function customerMismatches(db: Executor, tenantId: string) {
  const result = await sql<{ customer_id: string; code: string; open_items: bigint; ledger: bigint }>`
    with items as (
      select customer_id, sum(case when kind = 'credit_note' then -open_amount else open_amount end) as amount
      from invoices where tenant_id = ${tenantId} and open_amount <> 0 group by customer_id
      union all
      select customer_id, -sum(unapplied_amount) from receipts
      where tenant_id = ${tenantId} and unapplied_amount <> 0 group by customer_id
    ), open_items as (select customer_id, sum(amount) as amount from items group by customer_id),
    ledger as (
      select customer_id, sum(debit - credit) as amount from journal_lines
      where tenant_id = ${tenantId} and account = 'AR' group by customer_id
    )
    select c.id as customer_id, c.code,
      coalesce(o.amount, 0)::bigint as open_items, coalesce(l.amount, 0)::bigint as ledger
    from customers c
    left join open_items o on o.customer_id = c.id
    left join ledger l on l.customer_id = c.id
    where c.tenant_id = ${tenantId} and coalesce(o.amount, 0) <> coalesce(l.amount, 0)
    limit 100`.execute(db);
  return result.rows;
}

/** Per customer and currency: the kept AR balance beside the AR journal's sum, where they differ. */
export async function keptBalanceDrift(db: Executor, tenantId: string) {
  const result = await sql<{ customer_id: string; currency: string; kept: bigint; journal: bigint }>`
    with journal as (
      select customer_id, currency, sum(debit - credit) as amount from journal_lines
      where tenant_id = ${tenantId} and account = 'AR' group by 1, 2
    ), kept as (select customer_id, currency, balance from ar_balances where tenant_id = ${tenantId})
    select coalesce(k.customer_id, j.customer_id) as customer_id, coalesce(k.currency, j.currency)::text as currency,
      coalesce(k.balance, 0)::bigint as kept, coalesce(j.amount, 0)::bigint as journal
    from kept k full join journal j on j.customer_id = k.customer_id and j.currency = k.currency
    where coalesce(k.balance, 0) <> coalesce(j.amount, 0)
    limit 100`.execute(db);
  return result.rows;
}

/**
 * For the rest of this transaction, invoice writes leave open_debits alone (migration 0012 says
 * why a bulk import wants that); recountOpenDebits must then run before the transaction ends.
 */
export async function deferOpenDebits(trx: Executor) {
  await sql`select set_config('duely.open_debits', 'deferred', true)`.execute(trx);
}

/** Counts a tenant's open debits afresh from its invoices, and keeps them as they change again. */
export async function recountOpenDebits(trx: Executor, tenantId: string) {
  await sql`delete from open_debits where tenant_id = ${tenantId}`.execute(trx);
  await sql`
    insert into open_debits (tenant_id, customer_id, currency, amount, items)
    select tenant_id, customer_id, currency, sum(open_amount), count(*) from invoices
    where tenant_id = ${tenantId} and open_amount > 0 and kind <> 'credit_note' group by 1, 2, 3`.execute(trx);
  await sql`select set_config('duely.open_debits', '', true)`.execute(trx);
}

/** Per customer and currency: the kept open debits beside the open invoices and debit notes counted, where they differ. */
export async function keptOpenDebitsDrift(db: Executor, tenantId: string) {
  const result = await sql<{ customer_id: string; currency: string; kept: bigint; kept_items: bigint; invoices: bigint; invoice_items: bigint }>`
    with counted as (
      select customer_id, currency, sum(open_amount) as amount, count(*) as items from invoices
      where tenant_id = ${tenantId} and open_amount > 0 and kind <> 'credit_note' group by 1, 2
    ), kept as (select customer_id, currency, amount, items from open_debits where tenant_id = ${tenantId})
    select coalesce(k.customer_id, c.customer_id) as customer_id, coalesce(k.currency, c.currency)::text as currency,
      coalesce(k.amount, 0)::bigint as kept, coalesce(k.items, 0)::bigint as kept_items,
      coalesce(c.amount, 0)::bigint as invoices, coalesce(c.items, 0)::bigint as invoice_items
    from kept k full join counted c on c.customer_id = k.customer_id and c.currency = k.currency
    where coalesce(k.amount, 0) <> coalesce(c.amount, 0) or coalesce(k.items, 0) <> coalesce(c.items, 0)
    limit 100`.execute(db);
  return result.rows;
}

/**
 * Per day and currency, a table kept by triggers beside the same sum counted from its source
 * (`counted` yields day, currency, amount grouped by day and currency), where the two differ.
 * The column of counted figures is named for what was counted.
 */
async function keptDailyDrift<Name extends string>(db: Executor, tenantId: string, kept: 'daily_sales' | 'daily_ar', counted: RawBuilder<unknown>, name: Name) {
  const result = await sql<{ day: string; currency: string; kept: bigint } & Record<Name, bigint>>`
    with counted as (${counted}), kept as (select day, currency, amount from ${sql.table(kept)} where tenant_id = ${tenantId})
    select coalesce(k.day, c.day)::text as day, coalesce(k.currency, c.currency)::text as currency,
      coalesce(k.amount, 0)::bigint as kept, coalesce(c.amount, 0)::bigint as ${sql.ref(name)}
    from kept k full join counted c on c.day = k.day and c.currency = k.currency
    where coalesce(k.amount, 0) <> coalesce(c.amount, 0)
    limit 100`.execute(db);
  return result.rows;
}

/** Per day and currency: the kept credit sales beside the sum of the invoices raised that day, where they differ. */
export function keptSalesDrift(db: Executor, tenantId: string) {
  return keptDailyDrift(db, tenantId, 'daily_sales', sql`
    select issue_date as day, currency, sum(case when kind = 'credit_note' then -total else total end) as amount
    from invoices where tenant_id = ${tenantId} and voided_on is null group by 1, 2`, 'invoices');
}

/** Per day and currency: the kept AR movement beside the sum of that day's AR journal lines, where they differ. */
export function keptArMovementDrift(db: Executor, tenantId: string) {
  return keptDailyDrift(db, tenantId, 'daily_ar', sql`
    select entry_date as day, currency, sum(debit - credit) as amount
    from journal_lines where tenant_id = ${tenantId} and account = 'AR' group by 1, 2`, 'journal');
}

/** Allocations whose copied dates disagree with the documents: the paying one's date, the paid one's issue date. */
export async function allocationDateDrift(db: Executor, tenantId: string) {
  const result = await sql<{ id: string; source_date: string; paid_by_date: string; invoice_issue_date: string; issued: string }>`
    select a.id, a.source_date, coalesce(r.receipt_date, c.issue_date) as paid_by_date, a.invoice_issue_date, i.issue_date as issued
    from allocations a
    join invoices i on i.tenant_id = a.tenant_id and i.id = a.invoice_id
    left join receipts r on r.tenant_id = a.tenant_id and r.id = a.receipt_id
    left join invoices c on c.tenant_id = a.tenant_id and c.id = a.credit_note_id
    where a.tenant_id = ${tenantId}
      and (a.source_date <> coalesce(r.receipt_date, c.issue_date) or a.invoice_issue_date <> i.issue_date)
    limit 100`.execute(db);
  return result.rows;
}

export async function arTotals(db: Executor, tenantId: string) {
  const result = await sql<{ currency: string; control: bigint; customers: bigint }>`
    select currency,
      coalesce(sum(debit - credit), 0)::bigint as control,
      coalesce(sum(debit - credit) filter (where customer_id is not null), 0)::bigint as customers
    from journal_lines where tenant_id = ${tenantId} and account = 'AR'
    group by currency order by currency`.execute(db);
  return result.rows;
}

/** Documents whose stored open amount disagrees with total − Σ live allocations. */
export async function openAmountDrift(db: Executor, tenantId: string) {
  const result = await sql<{ id: string; number: string; open_amount: bigint; expected: bigint }>`
    select i.id, i.number, i.open_amount,
      (case when i.voided_at is not null then 0 else i.total - coalesce(t.applied, 0) - coalesce(s.used, 0) end)::bigint as expected
    from invoices i
    left join (
      select invoice_id, sum(amount + tds + bank_charges + discount + write_off) as applied
      from allocations where tenant_id = ${tenantId} and reversed_on is null group by invoice_id
    ) t on t.invoice_id = i.id
    left join (
      select credit_note_id, sum(amount) as used
      from allocations where tenant_id = ${tenantId} and reversed_on is null and credit_note_id is not null group by credit_note_id
    ) s on s.credit_note_id = i.id
    where i.tenant_id = ${tenantId}
      and i.open_amount <> (case when i.voided_at is not null then 0 else i.total - coalesce(t.applied, 0) - coalesce(s.used, 0) end)
    limit 100`.execute(db);
  return result.rows;
}

export async function unappliedDrift(db: Executor, tenantId: string) {
  const result = await sql<{ id: string; number: string; unapplied_amount: bigint; expected: bigint }>`
    select r.id, r.number, r.unapplied_amount,
      (case when r.status = 'reversed' then 0 else r.amount - coalesce(a.used, 0) end)::bigint as expected
    from receipts r
    left join (
      select receipt_id, sum(amount) as used from allocations
      where tenant_id = ${tenantId} and reversed_on is null and receipt_id is not null group by receipt_id
    ) a on a.receipt_id = r.id
    where r.tenant_id = ${tenantId}
      and r.unapplied_amount <> (case when r.status = 'reversed' then 0 else r.amount - coalesce(a.used, 0) end)
    limit 100`.execute(db);
  return result.rows;
}
