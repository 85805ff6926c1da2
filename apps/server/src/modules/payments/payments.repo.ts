import { unnestRows } from '../../platform/bulk.ts';
import type { Executor } from '../../platform/db.ts';
import type { ReceiptsTable } from '../../platform/schema.ts';
import { decodeCursor } from '../../platform/pagination.ts';
import { type Insertable, sql } from 'kysely';
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

const RECEIPT_COLUMNS = {
  tenant_id: 'uuid',
  id: 'uuid',
  number: 'text',
  customer_id: 'uuid',
  receipt_date: 'date',
  currency: 'bpchar',
  amount: 'int8',
  unapplied_amount: 'int8',
  method: 'text',
  reference: 'text',
  cheque_date: 'date',
  payer_name: 'text',
  payer_account: 'text',
  payer_ifsc: 'text',
  bank_account_id: 'uuid',
  bank_line_id: 'uuid',
  notes: 'text',
  import_id: 'uuid',
  created_by: 'uuid',
} as const;

/**
 * New receipts in one statement; returns the ids written. A receipt whose reference an active
 * receipt of that customer and method already has is skipped, not refused: the unique index's own
 * check, which sees what another transaction recorded since the caller looked.
 */
export async function insertReceipts(db: Executor, rows: Insertable<ReceiptsTable>[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const done = await sql<{ id: string }>`
    insert into receipts ${unnestRows(RECEIPT_COLUMNS, rows)}
    on conflict (tenant_id, customer_id, method, reference) where reference is not null and status = 'active' do nothing
    returning id`.execute(db);
  return new Set(done.rows.map((row) => row.id));
}
