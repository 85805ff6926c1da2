import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { decodeCursor } from '../../platform/pagination.ts';

export interface CustomerFilters {
  q?: string | undefined;
  collectorId?: string | undefined;
  riskClass?: string | undefined;
  kind?: string | undefined;
  overdue?: boolean | undefined;
  tag?: string | undefined;
  today: string;
  limit: number;
  cursor?: string | undefined;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const customerColumns = [
  'customers.id',
  'customers.code',
  'customers.name',
  'customers.kind',
  'customers.gstin',
  'customers.pan',
  'customers.state_code',
  'customers.city',
  'customers.address',
  'customers.region',
  'customers.country',
  'customers.currency',
  'customers.payment_terms_id',
  'customers.credit_limit',
  'customers.risk_class',
  'customers.collector_id',
  'customers.language',
  'customers.time_zone',
  'customers.tags',
  'customers.notes',
  'customers.created_at',
  'customers.updated_at',
] as const;

function baseQuery(db: Executor, tenantId: string) {
  return db
    .selectFrom('customers')
    .leftJoin('users', (j) => j.onRef('users.tenant_id', '=', 'customers.tenant_id').onRef('users.id', '=', 'customers.collector_id'))
    .leftJoin('payment_terms', (j) =>
      j.onRef('payment_terms.tenant_id', '=', 'customers.tenant_id').onRef('payment_terms.id', '=', 'customers.payment_terms_id'),
    )
    .select(customerColumns)
    .select(['users.name as collector_name', 'payment_terms.code as payment_terms_code'])
    .where('customers.tenant_id', '=', tenantId);
}

export type CustomerRow = Awaited<ReturnType<typeof findCustomer>> & {};

export function findCustomer(db: Executor, tenantId: string, id: string) {
  return baseQuery(db, tenantId).where('customers.id', '=', id).executeTakeFirst();
}

export function findCustomerByCode(db: Executor, tenantId: string, code: string) {
  return baseQuery(db, tenantId).where('customers.code', '=', code).executeTakeFirst();
}

export function lockCustomer(db: Executor, tenantId: string, id: string) {
  return db.selectFrom('customers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listCustomers(db: Executor, tenantId: string, f: CustomerFilters) {
  let query = baseQuery(db, tenantId);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('customers.code', 'ilike', like),
        eb('customers.name', 'ilike', like),
        eb('customers.gstin', 'ilike', like),
        eb('customers.city', 'ilike', like),
      ]),
    );
  }
  if (f.collectorId === 'none') query = query.where('customers.collector_id', 'is', null);
  else if (f.collectorId) query = query.where('customers.collector_id', '=', f.collectorId);
  if (f.riskClass) query = query.where('customers.risk_class', '=', f.riskClass);
  if (f.kind) query = query.where('customers.kind', '=', f.kind as 'b2b' | 'b2c');
  if (f.tag) query = query.where(sql<boolean>`${f.tag} = any(customers.tags)`);
  if (f.overdue !== undefined) {
    const overdueExists = sql<boolean>`exists (select 1 from invoices i where i.tenant_id = customers.tenant_id
      and i.customer_id = customers.id and i.open_amount > 0 and i.kind <> 'credit_note' and i.due_date < ${f.today})`;
    query = query.where(f.overdue ? overdueExists : sql<boolean>`not ${overdueExists}`);
  }
  const cursor = decodeCursor(f.cursor, ['text', 'uuid']);
  if (cursor) {
    query = query.where(sql<boolean>`(lower(customers.name), customers.id) > (${cursor[0]}, ${cursor[1]}::uuid)`);
  }
  return query
    .orderBy(sql`lower(customers.name)`)
    .orderBy('customers.id')
    .limit(f.limit + 1)
    .execute();
}

export interface CustomerBalance {
  balance: bigint;
  overdue: bigint;
  unapplied: bigint;
  open_invoices: number;
  oldest_due_date: string | null;
}

/**
 * Balances for a page of customers, from the open items themselves: Σ open invoices and debit
 * notes − unused credit notes − unapplied receipts. Uses the partial "open" indexes.
 */
export async function customerBalances(db: Executor, tenantId: string, ids: string[], today: string) {
  const result = new Map<string, CustomerBalance>();
  if (ids.length === 0) return result;
  const rows = await sql<{
    customer_id: string;
    debit_open: bigint;
    credit_open: bigint;
    overdue: bigint;
    open_invoices: bigint;
    oldest_due_date: string | null;
    unapplied: bigint;
  }>`
    select c.id as customer_id,
      coalesce(i.debit_open, 0)::bigint as debit_open,
      coalesce(i.credit_open, 0)::bigint as credit_open,
      coalesce(i.overdue, 0)::bigint as overdue,
      coalesce(i.open_invoices, 0)::bigint as open_invoices,
      i.oldest_due_date,
      coalesce(r.unapplied, 0)::bigint as unapplied
    from unnest(${ids}::uuid[]) as c(id)
    left join lateral (
      select sum(open_amount) filter (where kind <> 'credit_note') as debit_open,
             sum(open_amount) filter (where kind = 'credit_note') as credit_open,
             sum(open_amount) filter (where kind <> 'credit_note' and due_date < ${today}) as overdue,
             count(*) filter (where kind <> 'credit_note') as open_invoices,
             min(due_date) filter (where kind <> 'credit_note')::text as oldest_due_date
      from invoices where tenant_id = ${tenantId} and customer_id = c.id and open_amount > 0
    ) i on true
    left join lateral (
      select sum(unapplied_amount) as unapplied from receipts
      where tenant_id = ${tenantId} and customer_id = c.id and unapplied_amount > 0
    ) r on true`.execute(db);
  for (const row of rows.rows) {
    result.set(row.customer_id, {
      balance: row.debit_open - row.credit_open - row.unapplied,
      overdue: row.overdue,
      unapplied: row.unapplied + row.credit_open,
      open_invoices: Number(row.open_invoices),
      oldest_due_date: row.oldest_due_date,
    });
  }
  return result;
}

export function listContacts(db: Executor, tenantId: string, customerId: string) {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .orderBy('is_primary', 'desc')
    .orderBy('name')
    .execute();
}

export function findContact(db: Executor, tenantId: string, id: string) {
  return db.selectFrom('contacts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export function findPaymentTerms(db: Executor, tenantId: string, id: string) {
  return db.selectFrom('payment_terms').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export function findPaymentTermsByCode(db: Executor, tenantId: string, code: string) {
  return db.selectFrom('payment_terms').selectAll().where('tenant_id', '=', tenantId).where('code', '=', code).executeTakeFirst();
}

export function listPaymentTerms(db: Executor, tenantId: string) {
  return db.selectFrom('payment_terms').selectAll().where('tenant_id', '=', tenantId).orderBy('net_days').orderBy('code').execute();
}

export function userExists(db: Executor, tenantId: string, userId: string) {
  return db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirst();
}
