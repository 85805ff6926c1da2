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
export function pendingLines(db: Executor, tenantId: string, f: { statementId?: string | undefined; bankAccountId?: string | undefined; rematch?: boolean }) {
  let query = db
    .selectFrom('bank_lines')
    .select(['id', 'source', 'booking_date', 'amount', 'currency', 'reference', 'bank_reference', 'end_to_end_id', 'counterparty_name', 'counterparty_account', 'remittance', 'reversal', 'bank_account_id'])
    .where('tenant_id', '=', tenantId);
  const statuses: BankLineStatus[] = f.rematch ? ['new', 'suggested', 'unmatched'] : ['new'];
  query = query.where('status', 'in', statuses);
  if (f.statementId) query = query.where('statement_id', '=', f.statementId);
  if (f.bankAccountId) query = query.where('bank_account_id', '=', f.bankAccountId);
  return query.orderBy('booking_date').orderBy('statement_id').orderBy('position').execute();
}

export function recordDecision(
  db: Executor,
  tenantId: string,
  id: string,
  d: { status: BankLineStatus; decision: MatchDecision | null; confidence: number | null; reason: string | null; customerId: string | null; proposal: string | null; receiptId?: string | null; matchedBy?: string | null },
) {
  return db
    .updateTable('bank_lines')
    .set({
      status: d.status,
      decision: d.decision,
      confidence: d.confidence,
      reason: d.reason,
      customer_id: d.customerId,
      proposal: d.proposal,
      ...(d.receiptId !== undefined ? { receipt_id: d.receiptId, matched_at: new Date(), matched_by: d.matchedBy ?? null } : {}),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
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
