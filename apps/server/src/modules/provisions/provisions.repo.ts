import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { openItemsAsOf } from '../aging/open-items.sql.ts';

export type ProvisionSegmentBy = 'none' | 'kind' | 'risk';

function segmentKey(by: ProvisionSegmentBy) {
  if (by === 'kind') return sql`c.kind`;
  if (by === 'risk') return sql`c.risk_class`;
  return sql`null::text`;
}

export interface RollRateRow {
  segment: string | null;
  currency: string;
  bucket: number;
  reached: bigint;
  lost: bigint;
}

/**
 * Roll rates from history: for invoices issued in [from, to] and due at least `horizonDays`
 * before `asOf`, the amount still open when each
 * reached each bucket (entering bucket i on day `entryDays[i]` past due; the first bucket is
 * reached by the whole amount), and of that what was never recovered: written off, or still open
 * `horizonDays` past due on `asOf`. Allocations count as they stood on `asOf`.
 */
export async function rollRates(
  db: Executor,
  tenantId: string,
  p: { from: string; to: string; asOf: string; entryDays: number[]; horizonDays: number; segment: ProvisionSegmentBy },
): Promise<RollRateRow[]> {
  const result = await sql<RollRateRow>`
    with inv as (
      select i.id, i.total, i.due_date, i.currency, ${segmentKey(p.segment)} as segment
      from invoices i join customers c on c.tenant_id = i.tenant_id and c.id = i.customer_id
      where i.tenant_id = ${tenantId} and i.kind <> 'credit_note' and i.voided_on is null
        and i.issue_date between ${p.from}::date and ${p.to}::date
        -- only invoices whose horizon has passed: one still inside it would count in the amount
        -- reaching a bucket but never as lost (on 60-day terms an invoice issued 13 months back
        -- is due 11 months back), understating the loss rates
        and i.due_date + ${p.horizonDays}::int <= ${p.asOf}::date
    ),
    applied as (
      select a.invoice_id, a.allocation_date, a.amount + a.tds + a.bank_charges + a.discount + a.write_off as applied, a.write_off
      from allocations a join inv on inv.id = a.invoice_id
      where a.tenant_id = ${tenantId} and a.allocation_date <= ${p.asOf}::date
        and (a.reversed_on is null or a.reversed_on > ${p.asOf}::date)
    ),
    per_invoice as (
      select inv.id, inv.total, inv.due_date, inv.currency, inv.segment,
        coalesce(sum(ap.applied), 0) as applied, coalesce(sum(ap.write_off), 0) as written_off
      from inv left join applied ap on ap.invoice_id = inv.id
      group by inv.id, inv.total, inv.due_date, inv.currency, inv.segment
    ),
    lost as (
      select id, written_off + case when due_date + ${p.horizonDays}::int <= ${p.asOf}::date then total - applied else 0 end as amount
      from per_invoice
    ),
    reached as (
      select pi.id, pi.segment, pi.currency, e.i::int - 1 as bucket,
        pi.total - coalesce((
          select sum(ap.applied) from applied ap where ap.invoice_id = pi.id and ap.allocation_date < pi.due_date + e.d
        ), 0) as amount
      from per_invoice pi
      cross join unnest(${p.entryDays}::int[]) with ordinality as e(d, i)
      where pi.due_date + e.d <= ${p.asOf}::date
    )
    select r.segment, r.currency::text as currency, r.bucket,
      sum(r.amount)::bigint as reached, sum(l.amount)::bigint as lost
    from reached r join lost l on l.id = r.id
    where r.amount > 0
    group by 1, 2, 3`.execute(db);
  return result.rows;
}

export interface BalanceRow {
  segment: string | null;
  currency: string;
  bucket: number;
  specific_customer: string | null;
  amount: bigint;
}

/**
 * Open invoices and debit notes on `asOf` per segment and bucket (days past due); a customer with
 * a specific provision in force that day is kept apart, by customer.
 */
export async function balancesAsOf(db: Executor, tenantId: string, p: { asOf: string; thresholds: number[]; segment: ProvisionSegmentBy }) {
  const result = await sql<BalanceRow>`
    with sp as (
      select distinct on (customer_id) customer_id from specific_provisions
      where tenant_id = ${tenantId} and effective_from <= ${p.asOf}::date
      order by customer_id, effective_from desc
    )
    select ${segmentKey(p.segment)} as segment, o.currency::text as currency,
      width_bucket(${p.asOf}::date - o.due_date, ${p.thresholds}::int[]) as bucket,
      sp.customer_id as specific_customer, sum(o.open)::bigint as amount
    from ${openItemsAsOf(tenantId, p.asOf)} o
    join customers c on c.tenant_id = ${tenantId} and c.id = o.customer_id
    left join sp on sp.customer_id = o.customer_id
    where o.item_type in ('invoice', 'debit_note')
    group by 1, 2, 3, 4`.execute(db);
  return result.rows;
}

/** The specific provision in force on `asOf` for each customer that has one. */
export async function specificProvisionsAsOf(db: Executor, tenantId: string, asOf: string) {
  const result = await sql<{ customer_id: string; code: string; name: string; percent: string; reason: string; effective_from: string }>`
    select distinct on (sp.customer_id) sp.customer_id, c.code, c.name, sp.percent::text as percent, sp.reason, sp.effective_from
    from specific_provisions sp join customers c on c.tenant_id = sp.tenant_id and c.id = sp.customer_id
    where sp.tenant_id = ${tenantId} and sp.effective_from <= ${asOf}::date
    order by sp.customer_id, sp.effective_from desc`.execute(db);
  return result.rows;
}

/** The loss-rate overrides in force on `asOf`: each bucket and segment's latest version by then, unless it ended the override. */
export async function overridesInForce(db: Executor, tenantId: string, asOf: string) {
  const result = await sql<{ bucket: number; segment: string; percent: string; reason: string; effective_from: string }>`
    select bucket, segment, percent::text as percent, reason, effective_from::text as effective_from from (
      select distinct on (bucket, segment) bucket, segment, percent, reason, effective_from
      from provision_overrides
      where tenant_id = ${tenantId} and effective_from <= ${asOf}::date
      order by bucket, segment, effective_from desc
    ) latest
    where percent is not null`.execute(db);
  return result.rows;
}
