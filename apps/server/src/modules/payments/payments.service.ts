import type { AllocateBody, AllocationInput, ReceiptInput, ReceiptListQuery, ReceiptOut, ReverseReceiptBody } from '@duely/contracts/receipts';
import {
  type AllocationLine,
  formatAmount,
  parseAmount,
  receiptPosting,
  reversePosting,
  todayIn,
} from '@duely/domain';
import { recordAudit, recordAudits } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Executor, type Trx, inTransaction } from '../../platform/db.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { nextDocumentNumbers } from '../../platform/numbering.ts';
import { toPage } from '../../platform/pagination.ts';
import type { Tenant } from '../../platform/schema.ts';
import { requireTenant } from '../customers/customers.service.ts';
import * as invoicesRepo from '../invoices/invoices.repo.ts';
import { raiseBounceCharge } from '../invoices/invoices.service.ts';
import { postJournal } from '../ledger/ledger.service.ts';
import { type AllocationSourceRef, type PlannedAllocation, applyAllocations, planAllocations, reverseAllocations, writeAllocations } from './allocations.service.ts';
import { toAllocationOut } from './payments.mappers.ts';
import * as repo from './payments.repo.ts';

export function parseAllocationInputs(inputs: AllocationInput[], currency: string, field = 'allocations'): AllocationLine[] {
  return inputs.map((a, i) => {
    const at = `${field}[${i}]`;
    return {
      invoiceId: a.invoice_id,
      amount: parseAmount(a.amount, currency, `${at}.amount`),
      tds: parseAmount(a.tds, currency, `${at}.tds`),
      bankCharges: parseAmount(a.bank_charges, currency, `${at}.bank_charges`),
      discount: parseAmount(a.discount, currency, `${at}.discount`),
      writeOff: parseAmount(a.write_off, currency, `${at}.write_off`),
    };
  });
}

/** The shape each channel's reference has; cash application reads bank references by the same rules. */
export const REFERENCE_RULES: Partial<Record<ReceiptInput['method'], [RegExp, string]>> = {
  upi: [/^\d{12}$/, 'a UPI reference (RRN) is 12 digits'],
  imps: [/^\d{12}$/, 'an IMPS reference (RRN) is 12 digits'],
  neft: [/^[A-Za-z0-9]{1,22}$/, 'a NEFT UTR is up to 22 letters and digits'],
  rtgs: [/^[A-Za-z0-9]{1,22}$/, 'an RTGS UTR is up to 22 letters and digits'],
  cheque: [/^\d{6}$/, 'a cheque number is 6 digits'],
};

export async function recordReceipt(trx: Trx, ctx: Ctx, tenant: Tenant, input: ReceiptInput, importId: string | null = null) {
  const [outcome] = await recordReceipts(trx, ctx, tenant, [{ input }], importId);
  if (!outcome!.ok) throw outcome!.error;
  return { id: outcome!.id, number: outcome!.number };
}

export interface ReceiptRequest {
  input: ReceiptInput;
  /** The bank line the money arrived on, for receipts made by cash application. */
  bankLineId?: string | null;
}

export type ReceiptOutcome = { ok: true; id: string; number: string } | { ok: false; error: unknown };

/**
 * Records several receipts and applies each as its input says, in one pass over the database:
 * one read of the customers, one lock of every invoice paid, one block of numbers, one insert
 * per table, one journal posting, one audit append. A receipt that breaks a rule gets its error
 * in its outcome and leaves no trace; the rest are recorded in the order given, as one by one.
 * A receipt repeating the reference of an earlier one in the call waits for a second pass, so
 * it is refused as a duplicate only if that earlier one was recorded. If another transaction
 * records the same reference meanwhile, the whole call fails with a conflict (the caller may
 * retry one by one).
 */
export async function recordReceipts(trx: Trx, ctx: Ctx, tenant: Tenant, requests: ReceiptRequest[], importId: string | null = null): Promise<ReceiptOutcome[]> {
  if (requests.length === 0) return [];
  const outcomes: (ReceiptOutcome | null)[] = requests.map(() => null);
  const waiting = await recordReceiptsOnce(trx, ctx, tenant, requests, importId, outcomes);
  if (waiting.length) {
    const later = await recordReceipts(trx, ctx, tenant, waiting.map((at) => requests[at]!), importId);
    waiting.forEach((at, k) => {
      outcomes[at] = later[k]!;
    });
  }
  return outcomes.map((o) => o!);
}

/** One pass of recordReceipts: fills the outcomes it decides and returns the positions left waiting. */
async function recordReceiptsOnce(trx: Trx, ctx: Ctx, tenant: Tenant, requests: ReceiptRequest[], importId: string | null, outcomes: (ReceiptOutcome | null)[]): Promise<number[]> {
  const customerIds = [...new Set(requests.map((r) => r.input.customer_id))];
  const customers = new Map(
    (await trx.selectFrom('customers').select(['id', 'currency']).where('tenant_id', '=', ctx.tenantId).where('id', 'in', customerIds).execute()).map((c) => [c.id, c]),
  );
  const namedAccounts = [...new Set(requests.flatMap((r) => (r.input.bank_account_id ? [r.input.bank_account_id] : [])))];
  const accounts = new Set(
    namedAccounts.length ? (await trx.selectFrom('bank_accounts').select('id').where('tenant_id', '=', ctx.tenantId).where('id', 'in', namedAccounts).execute()).map((a) => a.id) : [],
  );
  const defaultAccount = requests.some((r) => !r.input.bank_account_id) ? ((await repo.defaultBankAccount(trx, ctx.tenantId))?.id ?? null) : null;

  interface Checked {
    at: number;
    input: ReceiptInput;
    customerId: string;
    currency: string;
    amount: bigint;
    bankAccountId: string | null;
    lines: AllocationLine[] | 'oldest_first' | null;
  }
  const checked: Checked[] = [];
  requests.forEach(({ input }, at) => {
    try {
      const customer = customers.get(input.customer_id);
      if (!customer) throw new ValidationError('customer_id', 'no such customer');
      const currency = input.currency ?? customer.currency;
      if (currency !== customer.currency) throw new ValidationError('currency', `the customer is billed in ${customer.currency}`);
      const amount = parseAmount(input.amount, currency, 'amount');
      if (amount <= 0n) throw new ValidationError('amount', 'must be more than zero');
      const rule = input.reference ? REFERENCE_RULES[input.method] : undefined;
      if (rule && !rule[0].test(input.reference!)) throw new ValidationError('reference', rule[1]);
      if (input.method === 'cheque' && !input.reference) throw new ValidationError('reference', 'a cheque needs its number');
      if (input.bank_account_id && !accounts.has(input.bank_account_id)) throw new ValidationError('bank_account_id', 'no such bank account');
      const lines = input.allocations?.length ? parseAllocationInputs(input.allocations, currency) : input.allocate_oldest_first ? ('oldest_first' as const) : null;
      checked.push({ at, input, customerId: customer.id, currency, amount, bankAccountId: input.bank_account_id ?? defaultAccount, lines });
    } catch (error) {
      outcomes[at] = { ok: false, error };
    }
  });

  // A reference is recorded once per customer and method, checked here against the receipts
  // already there; a repeat within the call waits for the next pass.
  const referenced = checked.filter((c) => c.input.reference);
  const taken = new Set(
    referenced.length
      ? (
          await trx
            .selectFrom('receipts')
            .select(['customer_id', 'method', 'reference'])
            .where('tenant_id', '=', ctx.tenantId)
            .where('status', '=', 'active')
            .where('customer_id', 'in', [...new Set(referenced.map((c) => c.customerId))])
            .where('reference', 'in', [...new Set(referenced.map((c) => c.input.reference!))])
            .execute()
        ).map((r) => `${r.customer_id} ${r.method} ${r.reference}`)
      : [],
  );
  const duplicate = (c: Checked) => new ConflictError('duplicate', `a ${c.input.method.toUpperCase()} receipt with reference ${c.input.reference} is already recorded for this customer`, { field: 'reference' });
  const waiting: number[] = [];
  const inThisPass = new Set<string>();
  const fresh = checked.filter((c) => {
    if (!c.input.reference) return true;
    const key = `${c.customerId} ${c.input.method} ${c.input.reference}`;
    if (taken.has(key)) outcomes[c.at] = { ok: false, error: duplicate(c) };
    else if (inThisPass.has(key)) waiting.push(c.at);
    else {
      inThisPass.add(key);
      return true;
    }
    return false;
  });

  // The number is given once the allocations pass; writeAllocations reads it from the source.
  const sources: AllocationSourceRef[] = fresh.map((c) => ({ kind: 'receipt', id: newId(), number: '', customerId: c.customerId, currency: c.currency, available: c.amount, date: c.input.receipt_date }));
  const applying = fresh.flatMap((c, i) => (c.lines ? [{ i, request: { source: sources[i]!, lines: c.lines } }] : []));
  const planned = await planAllocations(trx, ctx, tenant, applying.map((a) => a.request), importId);
  const plannedOf = new Map<number, PlannedAllocation>();
  applying.forEach((a, k) => {
    plannedOf.set(a.i, planned[k]!);
  });
  const recorded = fresh
    .map((c, i) => ({ c, i, plan: plannedOf.get(i) }))
    .filter(({ c, plan }) => {
      if (plan && !plan.ok) outcomes[c.at] = { ok: false, error: plan.error };
      return !plan || plan.ok;
    });
  if (recorded.length === 0) return waiting;

  const numbers = await nextDocumentNumbers(trx, tenant, 'receipt', recorded.map(({ c }) => c.input.receipt_date));
  const rows = recorded.map(({ c, i, plan }, k) => {
    const source = sources[i]!;
    source.number = numbers[k]!;
    return {
      tenant_id: ctx.tenantId,
      id: source.id,
      number: source.number,
      customer_id: c.customerId,
      receipt_date: c.input.receipt_date,
      currency: c.currency,
      amount: c.amount,
      unapplied_amount: c.amount - (plan?.ok ? plan.cash : 0n),
      method: c.input.method,
      reference: c.input.reference ?? null,
      cheque_date: c.input.cheque_date ?? null,
      payer_name: c.input.payer_name ?? null,
      payer_account: c.input.payer_account ?? null,
      payer_ifsc: c.input.payer_ifsc ?? null,
      bank_account_id: c.bankAccountId,
      bank_line_id: requests[c.at]!.bankLineId ?? null,
      notes: c.input.notes ?? null,
      import_id: importId,
      created_by: ctx.actor.userId,
    };
  });
  // A reference another transaction recorded since the read above: skipped by the insert (the
  // unique index's own check), refused here.
  const inserted = await repo.insertReceipts(trx, rows);
  const raced = recorded.findIndex((_, k) => !inserted.has(rows[k]!.id));
  if (raced >= 0) throw duplicate(recorded[raced]!.c);
  await postJournal(
    trx,
    ctx.tenantId,
    ...rows.map((row) => ({
      date: row.receipt_date,
      sourceType: 'receipt',
      sourceId: row.id,
      docNumber: row.number,
      currency: row.currency,
      memo: `Receipt ${row.number} (${row.method.toUpperCase()}${row.reference ? ` ${row.reference}` : ''})`,
      lines: receiptPosting(row.customer_id, row.amount),
    })),
  );
  const passed = recorded.flatMap(({ plan }) => (plan?.ok ? [plan] : []));
  const allocated = await writeAllocations(trx, ctx, passed, { lowerSources: false });
  const allocatedBy = new Map(allocated.map((e) => [e.entityId, e]));
  await recordAudits(
    trx,
    ctx,
    rows.flatMap((row) => {
      const created = { action: 'receipt.create', entityType: 'receipt', entityId: row.id, after: { ...row, unapplied_amount: row.amount } };
      const allocation = allocatedBy.get(row.id);
      return allocation ? [created, allocation] : [created];
    }),
  );
  recorded.forEach(({ c }, k) => {
    outcomes[c.at] = { ok: true, id: rows[k]!.id, number: rows[k]!.number };
  });
  return waiting;
}

/** Records money received and, optionally, applies it; the rest stays unapplied on the customer. */
export async function createReceipt(db: Executor, ctx: Ctx, input: ReceiptInput) {
  return inTransaction(db, async (trx) => recordReceipt(trx, ctx, await requireTenant(trx, ctx.tenantId), input));
}

function allocationLines(source: AllocationSourceRef, body: AllocateBody) {
  return body.allocations ? parseAllocationInputs(body.allocations, source.currency) : ('oldest_first' as const);
}

export async function allocateReceipt(db: Executor, ctx: Ctx, receiptId: string, body: AllocateBody) {
  return inTransaction(db, async (trx) => {
    const tenant = await requireTenant(trx, ctx.tenantId);
    const receipt = await repo.lockReceipt(trx, ctx.tenantId, receiptId);
    if (!receipt) throw new NotFoundError('receipt', receiptId);
    if (receipt.status === 'reversed') throw new ConflictError('already_reversed', `${receipt.number} was reversed`);
    if (receipt.unapplied_amount === 0n) throw new ValidationError('allocations', `${receipt.number} has nothing left to apply`);
    const source: AllocationSourceRef = {
      kind: 'receipt',
      id: receipt.id,
      number: receipt.number,
      customerId: receipt.customer_id,
      currency: receipt.currency,
      available: receipt.unapplied_amount,
      date: receipt.receipt_date,
    };
    await applyAllocations(trx, ctx, tenant, source, allocationLines(source, body), body.allocation_date);
  });
}

export async function allocateCreditNote(db: Executor, ctx: Ctx, creditNoteId: string, body: AllocateBody) {
  return inTransaction(db, async (trx) => {
    const tenant = await requireTenant(trx, ctx.tenantId);
    const [note] = await invoicesRepo.lockInvoices(trx, ctx.tenantId, [creditNoteId]);
    if (!note || note.kind !== 'credit_note') throw new NotFoundError('credit note', creditNoteId);
    if (note.voided_at) throw new ConflictError('conflict', `${note.number} is void`);
    if (note.open_amount === 0n) throw new ValidationError('allocations', `${note.number} is fully used`);
    const source: AllocationSourceRef = {
      kind: 'credit_note',
      id: note.id,
      number: note.number,
      customerId: note.customer_id,
      currency: note.currency,
      available: note.open_amount,
      date: note.issue_date,
    };
    await applyAllocations(trx, ctx, tenant, source, allocationLines(source, body), body.allocation_date);
  });
}

/**
 * A bounced cheque or returned NACH/ACH debit: the receipt stops counting from `reversed_on`,
 * every invoice it paid re-opens, deductions taken with it are undone, and a bounce charge can
 * be raised as a debit note. History is kept: rows are marked, never deleted.
 */
export async function reverseReceipt(db: Executor, ctx: Ctx, receiptId: string, body: ReverseReceiptBody) {
  return inTransaction(db, async (trx) => {
    const tenant = await requireTenant(trx, ctx.tenantId);
    const receipt = await repo.lockReceipt(trx, ctx.tenantId, receiptId);
    if (!receipt) throw new NotFoundError('receipt', receiptId);
    if (receipt.status === 'reversed') throw new ConflictError('already_reversed', `${receipt.number} was already reversed on ${receipt.reversed_on}`);
    if (body.reversed_on < receipt.receipt_date) throw new ValidationError('reversed_on', 'must not be before the receipt date');
    const allocations = (await invoicesRepo.allocationsOfReceipt(trx, ctx.tenantId, receiptId)).filter((a) => a.reversed_on === null);
    const lastAllocation = allocations.reduce((max, a) => (a.allocation_date > max ? a.allocation_date : max), receipt.receipt_date);
    if (body.reversed_on < lastAllocation) throw new ValidationError('reversed_on', `must not be before the last allocation (${lastAllocation})`);
    await postJournal(trx, ctx.tenantId, {
      date: body.reversed_on,
      sourceType: 'receipt_reversal',
      sourceId: receiptId,
      docNumber: receipt.number,
      currency: receipt.currency,
      memo: `Receipt ${receipt.number} reversed: ${body.reason}`,
      lines: reversePosting(receiptPosting(receipt.customer_id, receipt.amount)),
    });
    await reverseAllocations(
      trx,
      ctx,
      allocations,
      body.reversed_on,
      body.reason,
      new Map(allocations.map((a) => [a.invoice_id, a.invoice_number])),
      receipt.currency,
      receipt.customer_id,
    );
    let bounceChargeId: string | null = null;
    const charge = body.bounce_charge ? parseAmount(body.bounce_charge, receipt.currency, 'bounce_charge') : 0n;
    if (charge > 0n) {
      bounceChargeId = (await raiseBounceCharge(trx, ctx, tenant, receipt.customer_id, body.reversed_on, formatAmount(charge, receipt.currency), receipt.number, receipt.reference)).id;
    }
    const after = await trx
      .updateTable('receipts')
      .set({ status: 'reversed', reversed_on: body.reversed_on, reversal_reason: body.reason, unapplied_amount: 0n, bounce_charge_id: bounceChargeId })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', receiptId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'receipt.reverse', entityType: 'receipt', entityId: receiptId, before: receipt, after });
  });
}

/** Takes back one allocation (applied to the wrong invoice): the invoice re-opens, the cash returns to its source. */
export async function reverseAllocation(db: Executor, ctx: Ctx, allocationId: string, body: { reversed_on?: string | undefined; reason: string }) {
  return inTransaction(db, async (trx) => {
    const tenant = await requireTenant(trx, ctx.tenantId);
    const found = await trx.selectFrom('allocations').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', allocationId).executeTakeFirst();
    if (!found) throw new NotFoundError('allocation', allocationId);
    // Lock the source first, as allocating does, then the allocation itself.
    if (found.receipt_id) await repo.lockReceipt(trx, ctx.tenantId, found.receipt_id);
    else await invoicesRepo.lockInvoices(trx, ctx.tenantId, [found.credit_note_id!]);
    const allocation = (await repo.lockAllocation(trx, ctx.tenantId, allocationId))!;
    if (allocation.reversed_on) throw new ConflictError('already_reversed', `allocation was already reversed on ${allocation.reversed_on}`);
    const today = todayIn(tenant.time_zone);
    const reversedOn = body.reversed_on ?? (today > allocation.allocation_date ? today : allocation.allocation_date);
    if (reversedOn < allocation.allocation_date) throw new ValidationError('reversed_on', 'must not be before the allocation date');
    const invoice = (await invoicesRepo.findInvoice(trx, ctx.tenantId, allocation.invoice_id))!;
    await reverseAllocations(trx, ctx, [allocation], reversedOn, body.reason, new Map([[invoice.id, invoice.number]]), invoice.currency, invoice.customer_id);
    if (allocation.receipt_id) {
      await trx
        .updateTable('receipts')
        .set((eb) => ({ unapplied_amount: eb('unapplied_amount', '+', allocation.amount) }))
        .where('tenant_id', '=', ctx.tenantId)
        .where('id', '=', allocation.receipt_id)
        .execute();
    } else {
      await trx
        .updateTable('invoices')
        .set((eb) => ({ open_amount: eb('open_amount', '+', allocation.amount) }))
        .where('tenant_id', '=', ctx.tenantId)
        .where('id', '=', allocation.credit_note_id!)
        .execute();
    }
    await recordAudit(trx, ctx, { action: 'allocation.reverse', entityType: 'allocation', entityId: allocationId, before: allocation, after: { reversed_on: reversedOn, reason: body.reason } });
  });
}

export function toReceiptOut(row: repo.ReceiptRow): ReceiptOut {
  const { tenant_id: _t, import_id: _i, created_by: _c, ...rest } = row;
  return {
    ...rest,
    amount: formatAmount(row.amount, row.currency),
    unapplied_amount: formatAmount(row.unapplied_amount, row.currency),
    created_at: row.created_at.toISOString(),
  };
}

export async function getReceipt(db: Executor, ctx: Ctx, id: string) {
  const row = await repo.findReceipt(db, ctx.tenantId, id);
  if (!row) throw new NotFoundError('receipt', id);
  const allocations = await invoicesRepo.allocationsOfReceipt(db, ctx.tenantId, id);
  return { ...toReceiptOut(row), allocations: allocations.map(toAllocationOut) };
}

export async function listReceipts(db: Executor, ctx: Ctx, query: ReceiptListQuery) {
  const rows = await repo.listReceipts(db, ctx.tenantId, {
    customerId: query.customer_id,
    method: query.method,
    status: query.status,
    q: query.q,
    from: query.from,
    to: query.to,
    limit: query.limit,
    cursor: query.cursor,
  });
  return toPage(rows, query.limit, (r) => [r.receipt_date, r.id], toReceiptOut);
}
