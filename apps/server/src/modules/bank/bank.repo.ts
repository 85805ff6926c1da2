import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { BankAccountsTable, BankLineStatus, BankLinesTable, BankStatementsTable } from '../../platform/schema.ts';

export function listBankAccounts(db: Executor, tenantId: string) {
  return db.selectFrom('bank_accounts').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').execute();
}

/** The account row, locked: statement imports into one account run one after the other. */
export function lockBankAccount(db: Executor, tenantId: string, id: string) {
  return db.selectFrom('bank_accounts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findBankAccountByIdentifier(db: Executor, tenantId: string, identifiers: string[]) {
  if (identifiers.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('bank_accounts').select('id').where('tenant_id', '=', tenantId).where('statement_identifier', 'in', identifiers).executeTakeFirst();
}

export function insertBankAccount(db: Executor, row: Insertable<BankAccountsTable>) {
  return db.insertInto('bank_accounts').values(row).execute();
}

/** Which of these line identities the account already holds. */
export async function existingIdentities(db: Executor, tenantId: string, bankAccountId: string, identities: string[]) {
  if (identities.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('bank_lines')
    .select('identity')
    .where('tenant_id', '=', tenantId)
    .where('bank_account_id', '=', bankAccountId)
    .where('identity', '=', sql<string>`any(${identities}::text[])`)
    .execute();
  return new Set(rows.map((r) => r.identity));
}

export function lastStatement(db: Executor, tenantId: string, bankAccountId: string) {
  return db
    .selectFrom('bank_statements')
    .select(['id', 'closing_amount', 'closing_date'])
    .where('tenant_id', '=', tenantId)
    .where('bank_account_id', '=', bankAccountId)
    .where('closing_date', 'is not', null)
    .orderBy('closing_date', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function insertStatement(db: Executor, row: Insertable<BankStatementsTable>) {
  return db.insertInto('bank_statements').values(row).execute();
}

/** Batched: the unique (account, identity) key is the last word on duplicates, inside the transaction. */
export async function insertLines(db: Executor, rows: Insertable<BankLinesTable>[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db.insertInto('bank_lines').values(rows.slice(i, i + 500)).execute();
  }
}

export interface LineFilters {
  status?: BankLineStatus[] | undefined;
  statementId?: string | undefined;
  bankAccountId?: string | undefined;
  credits?: boolean;
  order?: 'oldest' | 'newest';
  /** Keyset: (booking_date, statement_id, position) of the last line seen. */
  after?: [string, string, number] | null;
  limit: number;
}

function filtered(db: Executor, tenantId: string, f: LineFilters) {
  let query = db.selectFrom('bank_lines as l').where('l.tenant_id', '=', tenantId);
  if (f.status?.length) query = query.where('l.status', 'in', f.status);
  if (f.statementId) query = query.where('l.statement_id', '=', f.statementId);
  if (f.bankAccountId) query = query.where('l.bank_account_id', '=', f.bankAccountId);
  if (f.credits) query = query.where('l.amount', '>', 0n);
  return query;
}

/** A page of lines (limit + 1 rows, the extra one says there is more), in booking order either way. */
export function listLines(db: Executor, tenantId: string, f: LineFilters) {
  const newest = f.order === 'newest';
  let query = filtered(db, tenantId, f)
    .leftJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'l.tenant_id').onRef('c.id', '=', 'l.customer_id'))
    .leftJoin('receipts as r', (j) => j.onRef('r.tenant_id', '=', 'l.tenant_id').onRef('r.id', '=', 'l.receipt_id'))
    .selectAll('l')
    .select(['c.code as customer_code', 'c.name as customer_name', 'r.number as receipt_number']);
  if (f.after) {
    const [date, statement, position] = f.after;
    const key = sql`(l.booking_date, l.statement_id, l.position)`;
    const last = sql`(${date}::date, ${statement}::uuid, ${position}::int)`;
    query = query.where(newest ? sql<boolean>`${key} < ${last}` : sql<boolean>`${key} > ${last}`);
  }
  const direction = newest ? 'desc' : 'asc';
  return query.orderBy('l.booking_date', direction).orderBy('l.statement_id', direction).orderBy('l.position', direction).limit(f.limit + 1).execute();
}

/** How many lines the filter holds (the worklist tabs show it). */
export async function countLines(db: Executor, tenantId: string, f: LineFilters) {
  const row = await filtered(db, tenantId, f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
