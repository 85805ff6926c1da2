import { type RawBuilder, sql } from 'kysely';

/**
 * Every item open on `asOf`, exactly: invoices and debit notes with what was still owed that day,
 * credit notes with what was still unused, receipts with what was still unapplied. Allocations,
 * reversals and voids dated after `asOf` don't count; documents dated after it don't exist yet.
 *
 * Rows: item_type ('invoice' | 'debit_note' | 'credit_note' | 'unapplied'), doc_id, number,
 * customer_id, doc_date, due_date, currency, open (always > 0; credits reduce AR), disputed.
 *
 * How it stays fast: it starts from today's open amounts (kept on each document and indexed) and
 * adds back only the allocations whose effect differs between `asOf` and now — applied after it,
 * or applied by then and reversed after it. As of today that set is empty; as of a year ago it is
 * a year of allocations, never the whole history. `openItemsAsOfByScan` computes the same rows the
 * plain way, over every document; tests hold the two equal.
 */
export function openItemsAsOf(tenantId: string, asOf: string): RawBuilder<OpenItem> {
  return sql<OpenItem>`(
    with ${changeCtes(tenantId, asOf)},
    docs as (
      select i.kind, i.id, i.number, i.customer_id, i.issue_date, i.due_date, i.currency, i.disputed,
        i.open_amount + coalesce(b.back, 0) as open
      from invoices i left join doc_back b on b.doc_id = i.id
      where i.tenant_id = ${tenantId} and i.open_amount > 0 and i.issue_date <= ${asOf}::date
      union all
      select i.kind, i.id, i.number, i.customer_id, i.issue_date, i.due_date, i.currency, i.disputed, b.back
      from doc_back b join invoices i on i.tenant_id = ${tenantId} and i.id = b.doc_id
      where i.open_amount = 0 and i.voided_on is null and i.issue_date <= ${asOf}::date
      union all
      select kind, id, number, customer_id, issue_date, due_date, currency, disputed, open from voided_later
    )
    select kind as item_type, id as doc_id, number, customer_id, issue_date as doc_date, due_date, currency, open, disputed
    from docs where open <> 0
    union all
    select 'unapplied', id, number, customer_id, receipt_date, receipt_date, currency, open, false
    from cash where open <> 0
  )`;
}

/**
 * Allocations whose effect differs between `date` and now: applied after it, or applied by then
 * and reversed after it. target_back / source_back are what to add back to today's open amount of
 * the document paid / of the receipt or credit note paying, to get the amount open on `date`;
 * source_date and invoice_issue_date are the dates those documents came into being.
 */
export function allocationsChangedAfter(tenantId: string, date: string) {
  const d = sql`${date}::date`;
  return sql`
    select invoice_id, receipt_id, credit_note_id, source_date, invoice_issue_date,
      ${changeAfter(d)} * (amount + tds + bank_charges + discount + write_off) as target_back,
      ${changeAfter(d)} * amount as source_back
    from allocations
    where tenant_id = ${tenantId}
      and ((reversed_on is null and allocation_date > ${d}) or (reversed_on > ${d} and allocation_date <= ${d}))`;
}

/**
 * How an allocation's effect on `date` differs from its effect now: 1 if it was applied after
 * that day and stands, -1 if it stood that day and was reversed since, otherwise 0. Columns are
 * the allocations row's, unqualified or as `alias.column`.
 */
export function changeAfter(date: RawBuilder<unknown>, alias?: string) {
  const col = (name: string) => sql.ref(alias ? `${alias}.${name}` : name);
  return sql`(case when ${col('reversed_on')} is null and ${col('allocation_date')} > ${date} then 1
    when ${col('reversed_on')} > ${date} and ${col('allocation_date')} <= ${date} then -1 else 0 end)`;
}

/**
 * The CTEs both ways of reading open items share: `changed` (allocations whose effect differs
 * between asOf and now), `doc_back` / `receipt_back` (what to add back per document / receipt),
 * `voided_later` (documents voided after asOf, with what was open on it) and `cash` (receipts'
 * unapplied amounts on asOf).
 */
function changeCtes(tenantId: string, asOf: string) {
  return sql`changed as not materialized (${allocationsChangedAfter(tenantId, asOf)}),
    doc_back as not materialized (
      select doc_id, sum(back)::bigint as back from (
        select invoice_id as doc_id, target_back as back, invoice_issue_date as issued from changed
        union all
        select credit_note_id, source_back, source_date from changed where credit_note_id is not null
      ) x
      -- a document issued after asOf did not exist then; the allocation carries its issue date,
      -- so no document is looked up to know
      where x.issued <= ${asOf}::date
      group by doc_id
    ),
    receipt_back as not materialized (
      select ch.receipt_id, sum(ch.source_back)::bigint as back from changed ch
      -- likewise a receipt dated after asOf, as most receipts with changes after it are
      where ch.receipt_id is not null and ch.source_date <= ${asOf}::date
      group by ch.receipt_id
    ),
    voided_later as not materialized (
      -- void after asOf: open that day for its total less what was applied to or from it then
      select i.kind, i.id, i.number, i.customer_id, i.issue_date, i.due_date, i.currency, i.disputed, i.total - coalesce((
          select sum(case when a.invoice_id = i.id then a.amount + a.tds + a.bank_charges + a.discount + a.write_off else a.amount end)::bigint
          from allocations a
          where a.tenant_id = ${tenantId} and (a.invoice_id = i.id or a.credit_note_id = i.id)
            and a.allocation_date <= ${asOf}::date and (a.reversed_on is null or a.reversed_on > ${asOf}::date)
        ), 0) as open
      from invoices i
      where i.tenant_id = ${tenantId} and i.voided_on > ${asOf}::date and i.issue_date <= ${asOf}::date
    ),
    cash as not materialized (
      select r.id, r.number, r.customer_id, r.receipt_date, r.currency, r.unapplied_amount + coalesce(b.back, 0) as open
      from receipts r left join receipt_back b on b.receipt_id = r.id
      where r.tenant_id = ${tenantId} and r.status = 'active' and r.unapplied_amount > 0 and r.receipt_date <= ${asOf}::date
      union all
      select r.id, r.number, r.customer_id, r.receipt_date, r.currency, b.back
      from receipt_back b join receipts r on r.tenant_id = ${tenantId} and r.id = b.receipt_id
      where r.status = 'active' and r.unapplied_amount = 0 and r.receipt_date <= ${asOf}::date
      union all
      -- reversed after asOf: it was cash in hand that day, less what it had paid by then
      select r.id, r.number, r.customer_id, r.receipt_date, r.currency, r.amount - coalesce((
          select sum(a.amount)::bigint from allocations a
          where a.tenant_id = ${tenantId} and a.receipt_id = r.id
            and a.allocation_date <= ${asOf}::date and (a.reversed_on is null or a.reversed_on > ${asOf}::date)
        ), 0)
      from receipts r
      where r.tenant_id = ${tenantId} and r.status = 'reversed' and r.reversed_on > ${asOf}::date and r.receipt_date <= ${asOf}::date
    )`;
}

/**
 * What turns "today's open invoices and notes" into "open on asOf", as rows to add to an
 * aggregate of today's open amounts: per changed document the amount to add back and the change
 * in its item count, documents voided after asOf in full, and every unapplied receipt. Sums are
 * linear and a document's bucket depends only on its dates, so
 *   Σ open on asOf per cell = Σ today's open per cell + Σ these per cell
 * which lets the big part be one plain scan PostgreSQL can run in parallel.
 */
export function openItemAdjustments(tenantId: string, asOf: string): RawBuilder<OpenItemAdjustment> {
  return sql<OpenItemAdjustment>`(
    with ${changeCtes(tenantId, asOf)}
    select i.kind as item_type, i.customer_id, i.issue_date as doc_date, i.due_date, i.currency, b.back as open,
      (case when i.open_amount + b.back <> 0 then 1 else 0 end) - (case when i.open_amount > 0 then 1 else 0 end) as items
    from doc_back b join invoices i on i.tenant_id = ${tenantId} and i.id = b.doc_id
    where i.voided_on is null and i.issue_date <= ${asOf}::date
    union all
    select kind, customer_id, issue_date, due_date, currency, open, 1 from voided_later where open <> 0
    union all
    select 'unapplied', customer_id, receipt_date, receipt_date, currency, open, 1 from cash where open <> 0
  )`;
}

export interface OpenItemAdjustment {
  item_type: OpenItem['item_type'];
  customer_id: string;
  doc_date: string;
  due_date: string;
  currency: string;
  open: bigint;
  items: number;
}

/** The same rows as openItemsAsOf, computed from every document's full allocation history. */
export function openItemsAsOfByScan(tenantId: string, asOf: string): RawBuilder<OpenItem> {
  return sql<OpenItem>`(
    with live as (
      select invoice_id, receipt_id, credit_note_id, source_date, invoice_issue_date, amount, amount + tds + bank_charges + discount + write_off as applied
      from allocations
      where tenant_id = ${tenantId} and allocation_date <= ${asOf}::date
        and (reversed_on is null or reversed_on > ${asOf}::date)
    ),
    used as (
      select doc_id, sum(v)::bigint as v from (
        select invoice_id as doc_id, applied as v from live
        union all select credit_note_id, amount from live where credit_note_id is not null
      ) x group by doc_id
    ),
    paid as (select receipt_id, sum(amount)::bigint as v from live where receipt_id is not null group by receipt_id)
    select * from (
      select i.kind as item_type, i.id as doc_id, i.number, i.customer_id, i.issue_date as doc_date, i.due_date,
        i.currency, (i.total - coalesce(u.v, 0))::bigint as open, i.disputed
      from invoices i left join used u on u.doc_id = i.id
      where i.tenant_id = ${tenantId} and i.issue_date <= ${asOf}::date
        and (i.voided_on is null or i.voided_on > ${asOf}::date)
      union all
      select 'unapplied', r.id, r.number, r.customer_id, r.receipt_date, r.receipt_date, r.currency,
        (r.amount - coalesce(p.v, 0))::bigint, false
      from receipts r left join paid p on p.receipt_id = r.id
      where r.tenant_id = ${tenantId} and r.receipt_date <= ${asOf}::date
        and (r.reversed_on is null or r.reversed_on > ${asOf}::date)
    ) all_items where open <> 0
  )`;
}

export interface OpenItem {
  item_type: 'invoice' | 'debit_note' | 'credit_note' | 'unapplied';
  doc_id: string;
  number: string;
  customer_id: string;
  doc_date: string;
  due_date: string;
  currency: string;
  open: bigint;
  disputed: boolean;
}
