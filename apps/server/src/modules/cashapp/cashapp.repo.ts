import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { BankLineStatus, MatchDecision, PayerIdentifierKind } from '../../platform/schema.ts';

export function matchCustomers(db: Executor, tenantId: string) {
  return db.selectFrom('customers').select(['id', 'code', 'name', 'currency']).where('tenant_id', '=', tenantId).execute();
}

export function payerIdentifiers(db: Executor, tenantId: string) {
  return db.selectFrom('payer_identifiers').select(['kind', 'value', 'customer_id']).where('tenant_id', '=', tenantId).execute();
}

/** Every open invoice and debit note of the tenant, shaped as the matcher reads them and nothing more. */
export function openTargets(db: Executor, tenantId: string) {
  return db
    .selectFrom('invoices')
    .select(['id', 'number', 'customer_id as customerId', 'currency', 'open_amount as open', 'taxable_amount as taxable', 'due_date as dueDate'])
    .where('tenant_id', '=', tenantId)
    .where('open_amount', '>', 0n)
    .where('kind', '<>', 'credit_note')
    .where('voided_on', 'is', null)
    .execute();
}

/** Lines waiting for cash application: new credits, and debits the bank marks as returns. */
function waitingLines(db: Executor, tenantId: string, f: PendingFilter) {
  const statuses: BankLineStatus[] = f.rematch ? ['new', 'suggested', 'unmatched'] : ['new'];
  let query = db.selectFrom('bank_lines').where('tenant_id', '=', tenantId).where('status', 'in', statuses);
  if (f.statementId) query = query.where('statement_id', '=', f.statementId);
  if (f.bankAccountId) query = query.where('bank_account_id', '=', f.bankAccountId);
  return query;
}

type PendingFilter = { statementId?: string | undefined; bankAccountId?: string | undefined; rematch?: boolean };

/** The waiting lines in statement order: by booking date, then as each statement lists them. */
export function pendingLines(db: Executor, tenantId: string, f: PendingFilter) {
  return waitingLines(db, tenantId, f)
    .select(['id', 'source', 'booking_date', 'amount', 'currency', 'reference', 'bank_reference', 'end_to_end_id', 'counterparty_name', 'counterparty_account', 'remittance', 'reversal', 'bank_account_id', 'transaction_code', 'counterparty_bank_code'])
    .orderBy('booking_date')
    .orderBy('statement_id')
    .orderBy('position')
    .execute();
}

/** How many lines a run would decide (pendingLines without reading them). */
export async function countPendingLines(db: Executor, tenantId: string, f: PendingFilter) {
  const row = await waitingLines(db, tenantId, f).select((eb) => eb.fn.countAll<bigint | number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One line's decision; a receipt, when given, is linked with who matched it and when. */
export function recordDecision(db: Executor, tenantId: string, id: string, d: Omit<LineDecision, 'id' | 'receiptId' | 'matchedBy'> & { receiptId?: string | null; matchedBy?: string | null }) {
  return recordDecisions(db, tenantId, [{ ...d, id, receiptId: d.receiptId ?? null, matchedBy: d.matchedBy ?? null }]);
}

/** Learned identifiers never overwrite: a value already known for this customer is left as it is. */
export function learnIdentifier(db: Executor, row: { tenant_id: string; id: string; kind: PayerIdentifierKind; value: string; customer_id: string; origin: 'setup' | 'learned'; bank_line_id: string | null; created_by: string | null }) {
  return db
    .insertInto('payer_identifiers')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'value', 'customer_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** Active receipts a returned amount could reverse: same bank account, same amount, on or before the return. */
export function returnCandidates(db: Executor, tenantId: string, bankAccountId: string, amount: bigint, onOrBefore: string) {
  return db
    .selectFrom('receipts as r')
    .leftJoin('bank_lines as l', (j) => j.onRef('l.tenant_id', '=', 'r.tenant_id').onRef('l.id', '=', 'r.bank_line_id'))
    .select(['r.id', 'r.number', 'r.customer_id', 'r.reference', 'r.receipt_date', 'r.amount', 'r.payer_account', 'l.bank_reference as line_bank_reference', 'l.reference as line_reference'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.status', '=', 'active')
    .where('r.amount', '=', amount)
    .where('r.receipt_date', '<=', onOrBefore)
    .where('r.receipt_date', '>=', sql<string>`(${onOrBefore}::date - 90)`)
    .where((eb) => eb.or([eb('r.bank_account_id', '=', bankAccountId), eb('r.bank_account_id', 'is', null)]))
    .execute();
}

export interface LineDecision {
  id: string;
  status: BankLineStatus;
  decision: MatchDecision | null;
  confidence: number | null;
  reason: string | null;
  customerId: string | null;
  proposal: string | null;
  receiptId: string | null;
  matchedBy: string | null;
}

/** Many lines' decisions in one statement; a line keeps its receipt and match stamp unless one is given. */
export function recordDecisions(db: Executor, tenantId: string, rows: LineDecision[]) {
  if (rows.length === 0) return Promise.resolve();
  const col = <K extends keyof LineDecision>(k: K) => rows.map((r) => r[k]);
  return sql`
    update bank_lines l set status = d.status, decision = d.decision, confidence = d.confidence, reason = d.reason,
      customer_id = d.customer_id, proposal = d.proposal::jsonb,
      receipt_id = coalesce(d.receipt_id, l.receipt_id),
      matched_at = case when d.receipt_id is null then l.matched_at else now() end,
      matched_by = case when d.receipt_id is null then l.matched_by else d.matched_by end
    from unnest(${col('id')}::uuid[], ${col('status')}::text[], ${col('decision')}::text[], ${col('confidence')}::smallint[], ${col('reason')}::text[],
      ${col('customerId')}::uuid[], ${col('proposal')}::text[], ${col('receiptId')}::uuid[], ${col('matchedBy')}::uuid[])
      as d(id, status, decision, confidence, reason, customer_id, proposal, receipt_id, matched_by)
    where l.tenant_id = ${tenantId} and l.id = d.id`
    .execute(db)
    .then(() => undefined);
}

/** Locks lines for posting; returns those still waiting for one (not applied, parked, reversed or ignored). */
export async function lockWaitingLines(db: Executor, tenantId: string, ids: string[]) {
  const rows = await db.selectFrom('bank_lines').select(['id', 'status', 'receipt_id']).where('tenant_id', '=', tenantId).where('id', 'in', ids).orderBy('id').forUpdate().execute();
  return new Set(rows.filter((r) => ['new', 'suggested', 'unmatched'].includes(r.status) && !r.receipt_id).map((r) => r.id));
}
