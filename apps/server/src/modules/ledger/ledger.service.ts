import { type PostingLine, assertBalanced, formatAmount } from '@duely/domain';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.ts';
import type { Executor, Trx } from '../../platform/db.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { findCustomer } from '../customers/customers.repo.ts';
import * as repo from './ledger.repo.ts';

export interface JournalEntry {
  date: string;
  sourceType: string;
  sourceId: string;
  docNumber: string | null;
  currency: string;
  memo: string;
  lines: PostingLine[];
}

/** Builds the rows of balanced entries; checks balance first, so nothing unbalanced is ever written. */
export function journalRows(tenantId: string, entries: JournalEntry[]) {
  return entries.flatMap((entry) => {
    assertBalanced(entry.lines);
    const entryId = newId();
    return entry.lines.map((line, i) => ({
      tenant_id: tenantId,
      entry_id: entryId,
      line_no: i + 1,
      entry_date: entry.date,
      source_type: entry.sourceType,
      source_id: entry.sourceId,
      doc_number: entry.docNumber,
      account: line.account,
      customer_id: line.customerId ?? null,
      currency: entry.currency,
      debit: line.debit,
      credit: line.credit,
      memo: line.memo ?? entry.memo,
    }));
  });
}

export async function postJournal(trx: Trx, tenantId: string, ...entries: JournalEntry[]) {
  await repo.insertJournalLines(trx, journalRows(tenantId, entries));
}

const TYPE_OF_SOURCE: Record<string, string> = {
  invoice: 'invoice',
  debit_note: 'debit_note',
  credit_note: 'credit_note',
  receipt: 'receipt',
  receipt_reversal: 'reversal',
  allocation: 'deduction',
  allocation_reversal: 'deduction_reversal',
  void: 'void',
};

/**
 * Statement of account: opening balance, every AR movement in the period with a running
 * balance, closing balance. Read from the AR sub-ledger, so it agrees with the journal by
 * construction; `verify` checks the journal against the open items.
 */
export async function statementOfAccount(db: Executor, ctx: Ctx, customerId: string, from: string, to: string) {
  if (from > to) throw new ValidationError('from', 'must not be after "to"');
  const customer = await findCustomer(db, ctx.tenantId, customerId);
  if (!customer) throw new NotFoundError('customer', customerId);
  const opening = await repo.arBalanceBefore(db, ctx.tenantId, customerId, from);
  const rows = await repo.arLinesBetween(db, ctx.tenantId, customerId, from, to);
  let balance = opening;
  let totalDebit = 0n;
  let totalCredit = 0n;
  const fmt = (v: bigint) => formatAmount(v, customer.currency);
  const lines = rows.map((row) => {
    balance += row.debit - row.credit;
    totalDebit += row.debit;
    totalCredit += row.credit;
    return {
      date: row.entry_date,
      type: TYPE_OF_SOURCE[row.source_type] ?? row.source_type,
      document_id: row.source_id,
      number: row.doc_number,
      description: row.memo,
      debit: fmt(row.debit),
      credit: fmt(row.credit),
      balance: fmt(balance),
    };
  });
  return {
    customer: { id: customer.id, code: customer.code, name: customer.name, currency: customer.currency },
    from,
    to,
    opening_balance: fmt(opening),
    closing_balance: fmt(balance),
    total_debit: fmt(totalDebit),
    total_credit: fmt(totalCredit),
    lines,
  };
}

export interface LedgerCheck {
  name: string;
  ok: boolean;
  detail: string;
  problems: unknown[];
}

/**
 * The invariants the ledger must always satisfy, for one tenant: every entry balances; stored
 * open amounts agree with their allocations; each customer's open items equal its AR
 * sub-ledger; the open items of all customers equal the AR control account.
 */
export async function verifyLedger(db: Executor, tenantId: string) {
  const checks: LedgerCheck[] = [];
  const toJson = (rows: object[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v])));

  const unbalanced = await repo.unbalancedEntries(db, tenantId);
  checks.push({ name: 'entries_balance', ok: unbalanced.length === 0, detail: 'every journal entry: Σ debit = Σ credit', problems: toJson(unbalanced) });

  const drift = await repo.openAmountDrift(db, tenantId);
  checks.push({ name: 'open_amounts', ok: drift.length === 0, detail: 'invoice open amount = total − live allocations', problems: toJson(drift) });

  const dates = await repo.allocationDateDrift(db, tenantId);
  checks.push({ name: 'allocation_dates', ok: dates.length === 0, detail: "each allocation's copied dates = its documents' dates", problems: toJson(dates) });

  const unapplied = await repo.unappliedDrift(db, tenantId);
  checks.push({ name: 'unapplied_cash', ok: unapplied.length === 0, detail: 'receipt unapplied = amount − live allocations', problems: toJson(unapplied) });

  const kept = await repo.keptBalanceDrift(db, tenantId);
  checks.push({ name: 'kept_balances', ok: kept.length === 0, detail: 'per customer: kept AR balance = Σ its AR journal lines', problems: toJson(kept) });

  const sales = await repo.keptSalesDrift(db, tenantId);
  checks.push({ name: 'kept_sales', ok: sales.length === 0, detail: 'per day: kept credit sales = Σ documents raised that day, voids left out', problems: toJson(sales) });

  const movement = await repo.keptArMovementDrift(db, tenantId);
  checks.push({ name: 'kept_ar_movement', ok: movement.length === 0, detail: "per day: kept AR movement = Σ that day's AR journal lines", problems: toJson(movement) });

  const openDebits = await repo.keptOpenDebitsDrift(db, tenantId);
  checks.push({ name: 'kept_open_debits', ok: openDebits.length === 0, detail: 'per customer: kept open debits = Σ and count of its open invoices and debit notes', problems: toJson(openDebits) });

  const mismatches = await repo.customerMismatches(db, tenantId);
  checks.push({ name: 'customer_balances', ok: mismatches.length === 0, detail: 'per customer: Σ open items = AR sub-ledger balance', problems: toJson(mismatches) });

  const totals = await sql<{ currency: string; open_items: bigint; control: bigint }>`
    with items as (
      select currency, sum(case when kind = 'credit_note' then -open_amount else open_amount end) as amount
      from invoices where tenant_id = ${tenantId} group by currency
      union all
      select currency, -sum(unapplied_amount) from receipts where tenant_id = ${tenantId} group by currency
    ), control as (
      select currency, sum(debit - credit) as amount from journal_lines
      where tenant_id = ${tenantId} and account = 'AR' group by currency
    )
    select coalesce(i.currency, c.currency) as currency,
      coalesce(i.amount, 0)::bigint as open_items, coalesce(c.amount, 0)::bigint as control
    from (select currency, sum(amount) as amount from items group by currency) i
    full join control c on c.currency = i.currency`.execute(db);
  const totalProblems = totals.rows.filter((r) => r.open_items !== r.control);
  checks.push({
    name: 'ar_control',
    ok: totalProblems.length === 0,
    detail: `Σ customer balances = AR control (${totals.rows.map((r) => `${r.currency} ${formatAmount(r.control, r.currency)}`).join(', ') || 'no entries'})`,
    problems: toJson(totalProblems),
  });
  return { tenant_id: tenantId, ok: checks.every((c) => c.ok), checks };
}

