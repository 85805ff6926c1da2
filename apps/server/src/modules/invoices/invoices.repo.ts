import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { decodeCursor } from '../../platform/pagination.ts';
import { escapeLike } from '../customers/customers.repo.ts';

export interface InvoiceFilters {
  kind?: string | undefined;
  customerId?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  today: string;
  limit: number;
  cursor?: string | undefined;
}

function withCustomer(db: Executor, tenantId: string) {
  return db
    .selectFrom('invoices')
    .innerJoin('customers', (j) => j.onRef('customers.tenant_id', '=', 'invoices.tenant_id').onRef('customers.id', '=', 'invoices.customer_id'))
    .selectAll('invoices')
    .select(['customers.code as customer_code', 'customers.name as customer_name'])
    .where('invoices.tenant_id', '=', tenantId);
}

export type InvoiceRow = NonNullable<Awaited<ReturnType<typeof findInvoice>>>;

export function findInvoice(db: Executor, tenantId: string, id: string) {
  return withCustomer(db, tenantId).where('invoices.id', '=', id).executeTakeFirst();
}

export function findInvoiceByNumber(db: Executor, tenantId: string, kind: string, number: string) {
  return withCustomer(db, tenantId)
    .where('invoices.kind', '=', kind as 'invoice')
    .where('invoices.number', '=', number)
    .executeTakeFirst();
}

/** Row locks in id order, so two transactions locking overlapping sets cannot deadlock. */
export function lockInvoices(db: Executor, tenantId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('invoices')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

export function openInvoicesOfCustomer(db: Executor, tenantId: string, customerId: string) {
  return db
    .selectFrom('invoices')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('open_amount', '>', 0n)
    .where('kind', '<>', 'credit_note')
    .execute();
}

export async function listInvoices(db: Executor, tenantId: string, f: InvoiceFilters) {
  let query = withCustomer(db, tenantId);
  if (f.kind) query = query.where('invoices.kind', '=', f.kind as 'invoice');
  if (f.customerId) query = query.where('invoices.customer_id', '=', f.customerId);
  if (f.q) query = query.where('invoices.number', 'ilike', `%${escapeLike(f.q)}%`);
  if (f.from) query = query.where('invoices.issue_date', '>=', f.from);
  if (f.to) query = query.where('invoices.issue_date', '<=', f.to);
  switch (f.status) {
    case 'void':
      query = query.where('invoices.voided_at', 'is not', null);
      break;
    case 'paid':
      query = query.where('invoices.voided_at', 'is', null).where('invoices.open_amount', '=', 0n);
      break;
    case 'open':
      query = query.where('invoices.open_amount', '>', 0n).whereRef('invoices.open_amount', '=', 'invoices.total');
      break;
    case 'partially_paid':
      query = query.where('invoices.open_amount', '>', 0n).whereRef('invoices.open_amount', '<', 'invoices.total');
      break;
    case 'unpaid':
      query = query.where('invoices.open_amount', '>', 0n);
      break;
    case 'overdue':
      query = query.where('invoices.open_amount', '>', 0n).where('invoices.kind', '<>', 'credit_note').where('invoices.due_date', '<', f.today);
      break;
  }
  const cursor = decodeCursor(f.cursor, ['date', 'uuid']);
  // Unpaid lists are read oldest-due first (what to chase); everything else newest first.
  const chase = f.status === 'unpaid' || f.status === 'overdue';
  if (cursor) {
    query = chase
      ? query.where(sql<boolean>`(invoices.due_date, invoices.id) > (${cursor[0]}::date, ${cursor[1]}::uuid)`)
      : query.where(sql<boolean>`(invoices.issue_date, invoices.id) < (${cursor[0]}::date, ${cursor[1]}::uuid)`);
  }
  query = chase
    ? query.orderBy('invoices.due_date').orderBy('invoices.id')
    : query.orderBy('invoices.issue_date', 'desc').orderBy('invoices.id', 'desc');
  const rows = await query.limit(f.limit + 1).execute();
  return { rows, keyOf: (r: InvoiceRow) => [chase ? r.due_date : r.issue_date, r.id] };
}

export function invoiceLines(db: Executor, tenantId: string, invoiceId: string) {
  return db.selectFrom('invoice_lines').selectAll().where('tenant_id', '=', tenantId).where('invoice_id', '=', invoiceId).orderBy('line_no').execute();
}

export function invoiceInstalments(db: Executor, tenantId: string, invoiceId: string) {
  return db.selectFrom('invoice_instalments').selectAll().where('tenant_id', '=', tenantId).where('invoice_id', '=', invoiceId).orderBy('seq').execute();
}

/** Allocations touching a document, as target (invoice) or as source (credit note). */
export function allocationsOfDocument(db: Executor, tenantId: string, documentId: string) {
  return allocationQuery(db, tenantId)
    .where((eb) => eb.or([eb('a.invoice_id', '=', documentId), eb('a.credit_note_id', '=', documentId)]))
    .execute();
}

export function allocationsOfReceipt(db: Executor, tenantId: string, receiptId: string) {
  return allocationQuery(db, tenantId).where('a.receipt_id', '=', receiptId).execute();
}

function allocationQuery(db: Executor, tenantId: string) {
  return db
    .selectFrom('allocations as a')
    .innerJoin('invoices as t', (j) => j.onRef('t.tenant_id', '=', 'a.tenant_id').onRef('t.id', '=', 'a.invoice_id'))
    .leftJoin('receipts as r', (j) => j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.id', '=', 'a.receipt_id'))
    .leftJoin('invoices as cn', (j) => j.onRef('cn.tenant_id', '=', 'a.tenant_id').onRef('cn.id', '=', 'a.credit_note_id'))
    .selectAll('a')
    .select(['t.number as invoice_number', 't.currency', 'r.number as receipt_number', 'cn.number as credit_note_number'])
    .where('a.tenant_id', '=', tenantId)
    .orderBy('a.allocation_date')
    .orderBy('a.created_at');
}

export type AllocationRow = Awaited<ReturnType<typeof allocationsOfReceipt>>[number];

export async function hasLiveAllocations(db: Executor, tenantId: string, documentId: string) {
  const row = await db
    .selectFrom('allocations')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('reversed_on', 'is', null)
    .where((eb) => eb.or([eb('invoice_id', '=', documentId), eb('credit_note_id', '=', documentId)]))
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}
