import { sql } from 'kysely';
import type { Executor } from '../../../platform/db.ts';
import { openItemsAsOf } from '../../aging/open-items.sql.ts';

/**
 * Receipts dated in a range, with the customer and its collector. Receipts reversed since are
 * included: they were received that day, and the reversal shows on the day it happened.
 */
export function receiptsBetween(db: Executor, tenantId: string, from: string, to: string) {
  return db
    .selectFrom('receipts as r')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'c.tenant_id').onRef('u.id', '=', 'c.collector_id'))
    .select(['r.id', 'r.number', 'r.receipt_date', 'r.currency', 'r.amount', 'r.method', 'r.reference', 'r.status', 'r.reversed_on'])
    .select(['c.code as customer_code', 'c.name as customer_name', 'c.collector_id', 'u.name as collector_name'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.receipt_date', '>=', from)
    .where('r.receipt_date', '<=', to)
    .orderBy('r.receipt_date')
    .orderBy('r.number')
    .execute();
}

export type ReceiptOfDay = Awaited<ReturnType<typeof receiptsBetween>>[number];

/** Receipts reversed (bounced, returned) on a date, with the bounce charge raised for each. */
export function reversalsOn(db: Executor, tenantId: string, date: string) {
  return db
    .selectFrom('receipts as r')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
    .leftJoin('invoices as b', (j) => j.onRef('b.tenant_id', '=', 'r.tenant_id').onRef('b.id', '=', 'r.bounce_charge_id'))
    .select(['r.number', 'r.receipt_date', 'r.currency', 'r.amount', 'r.method', 'r.reference', 'r.reversal_reason', 'b.total as bounce_charge'])
    .select(['c.code as customer_code', 'c.name as customer_name'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.reversed_on', '=', date)
    .orderBy('r.number')
    .execute();
}

/** What was still unapplied of each receipt at the end of `asOf` (absent: nothing). */
export async function unappliedOn(db: Executor, tenantId: string, asOf: string, receiptIds: string[]) {
  if (receiptIds.length === 0) return new Map<string, bigint>();
  const rows = await sql<{ doc_id: string; open: bigint }>`
    select o.doc_id, o.open::bigint as open from ${openItemsAsOf(tenantId, asOf)} o
    where o.item_type = 'unapplied' and o.doc_id = any(${receiptIds}::uuid[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.doc_id, r.open]));
}

/** Open invoices and debit notes flagged disputed on `asOf`: the rows behind the dashboard's disputed AR. */
export async function disputedItems(db: Executor, tenantId: string, asOf: string) {
  const rows = await sql<{ number: string; code: string; name: string; due_date: string; currency: string; open: bigint }>`
    select o.number, c.code, c.name, o.due_date, o.currency::text as currency, o.open::bigint as open
    from ${openItemsAsOf(tenantId, asOf)} o
    join customers c on c.tenant_id = ${tenantId} and c.id = o.customer_id
    where o.item_type in ('invoice', 'debit_note') and o.disputed
    order by o.due_date, o.number`.execute(db);
  return rows.rows;
}
