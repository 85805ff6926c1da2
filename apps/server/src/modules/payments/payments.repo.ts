import type { Executor } from '../../platform/db.ts';
import { decodeCursor } from '../../platform/pagination.ts';
import { sql } from 'kysely';
import { escapeLike } from '../customers/customers.repo.ts';

export function lockReceipt(db: Executor, tenantId: string, id: string) {
  return db.selectFrom('receipts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

function withCustomer(db: Executor, tenantId: string) {
  return db
    .selectFrom('receipts')
    .innerJoin('customers', (j) => j.onRef('customers.tenant_id', '=', 'receipts.tenant_id').onRef('customers.id', '=', 'receipts.customer_id'))
    .selectAll('receipts')
    .select(['customers.code as customer_code', 'customers.name as customer_name'])
    .where('receipts.tenant_id', '=', tenantId);
}

export type ReceiptRow = NonNullable<Awaited<ReturnType<typeof findReceipt>>>;

export function findReceipt(db: Executor, tenantId: string, id: string) {
  return withCustomer(db, tenantId).where('receipts.id', '=', id).executeTakeFirst();
}

export interface ReceiptFilters {
  customerId?: string | undefined;
  method?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export function listReceipts(db: Executor, tenantId: string, f: ReceiptFilters) {
  let query = withCustomer(db, tenantId);
  if (f.customerId) query = query.where('receipts.customer_id', '=', f.customerId);
  if (f.method) query = query.where('receipts.method', '=', f.method as 'neft');
  if (f.status === 'active' || f.status === 'reversed') query = query.where('receipts.status', '=', f.status);
  if (f.status === 'unapplied') query = query.where('receipts.unapplied_amount', '>', 0n);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    query = query.where((eb) => eb.or([eb('receipts.number', 'ilike', like), eb('receipts.reference', 'ilike', like)]));
  }
  if (f.from) query = query.where('receipts.receipt_date', '>=', f.from);
  if (f.to) query = query.where('receipts.receipt_date', '<=', f.to);
  const cursor = decodeCursor(f.cursor, ['date', 'uuid']);
  if (cursor) query = query.where(sql<boolean>`(receipts.receipt_date, receipts.id) < (${cursor[0]}::date, ${cursor[1]}::uuid)`);
  return query.orderBy('receipts.receipt_date', 'desc').orderBy('receipts.id', 'desc').limit(f.limit + 1).execute();
}

export function defaultBankAccount(db: Executor, tenantId: string) {
  return db.selectFrom('bank_accounts').select('id').where('tenant_id', '=', tenantId).orderBy('created_at').limit(1).executeTakeFirst();
}

export function lockAllocation(db: Executor, tenantId: string, id: string) {
  return db.selectFrom('allocations').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}
