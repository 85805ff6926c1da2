import type { AllocateBody, AllocationInput, ReceiptInput, ReceiptListQuery, ReceiptOut, ReverseReceiptBody } from '@duely/contracts/receipts';
import {
  type AllocationLine,
  type AllocationTarget,
  formatAmount,
  parseAmount,
  planOldestFirst,
  receiptPosting,
  reversePosting,
  todayIn,
} from '@duely/domain';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Executor, type Trx, inTransaction } from '../../platform/db.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { nextDocumentNumber } from '../../platform/numbering.ts';
import { toPage } from '../../platform/pagination.ts';
import type { Tenant } from '../../platform/schema.ts';
import * as customersRepo from '../customers/customers.repo.ts';
import { requireTenant } from '../customers/customers.service.ts';
import * as invoicesRepo from '../invoices/invoices.repo.ts';
import { raiseBounceCharge } from '../invoices/invoices.service.ts';
import { postJournal } from '../ledger/ledger.service.ts';
import { type AllocationSourceRef, applyAllocations, reverseAllocations } from './allocations.service.ts';
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

/** Oldest-first plan over the customer's open invoices and debit notes. */
async function planForSource(trx: Trx, ctx: Ctx, source: AllocationSourceRef): Promise<AllocationLine[]> {
  const open = await invoicesRepo.openInvoicesOfCustomer(trx, ctx.tenantId, source.customerId);
  const rows = await invoicesRepo.lockInvoices(trx, ctx.tenantId, open.map((o) => o.id));
  const targets: AllocationTarget[] = rows
    .filter((r) => r.currency === source.currency && !r.voided_at)
    .map((r) => ({ id: r.id, number: r.number, customerId: r.customer_id, currency: r.currency, open: r.open_amount, taxable: r.taxable_amount, issueDate: r.issue_date, dueDate: r.due_date, maxDiscount: 0n }));
  const plan = planOldestFirst(source.available, targets);
  if (plan.length === 0) throw new ValidationError('oldest_first', 'the customer has no open invoices to apply this to');
  return plan;
}

const REFERENCE_RULES: Partial<Record<ReceiptInput['method'], [RegExp, string]>> = {
  upi: [/^\d{12}$/, 'a UPI reference (RRN) is 12 digits'],
  imps: [/^\d{12}$/, 'an IMPS reference (RRN) is 12 digits'],
  neft: [/^[A-Za-z0-9]{1,22}$/, 'a NEFT UTR is up to 22 letters and digits'],
  rtgs: [/^[A-Za-z0-9]{1,22}$/, 'an RTGS UTR is up to 22 letters and digits'],
  cheque: [/^\d{6}$/, 'a cheque number is 6 digits'],
};

export async function recordReceipt(trx: Trx, ctx: Ctx, tenant: Tenant, input: ReceiptInput, importId: string | null = null) {
  const customer = await customersRepo.findCustomer(trx, ctx.tenantId, input.customer_id);
  if (!customer) throw new ValidationError('customer_id', 'no such customer');
  const currency = input.currency ?? customer.currency;
  if (currency !== customer.currency) throw new ValidationError('currency', `the customer is billed in ${customer.currency}`);
  const amount = parseAmount(input.amount, currency, 'amount');
  if (amount <= 0n) throw new ValidationError('amount', 'must be more than zero');
  const rule = input.reference ? REFERENCE_RULES[input.method] : undefined;
  if (rule && !rule[0].test(input.reference!)) throw new ValidationError('reference', rule[1]);
  if (input.method === 'cheque' && !input.reference) throw new ValidationError('reference', 'a cheque needs its number');
  const bankAccountId = input.bank_account_id ?? (await repo.defaultBankAccount(trx, ctx.tenantId))?.id ?? null;
  if (input.bank_account_id && !(await repo.findBankAccount(trx, ctx.tenantId, input.bank_account_id))) {
    throw new ValidationError('bank_account_id', 'no such bank account');
  }
  const id = newId();
  const number = await nextDocumentNumber(trx, tenant, 'receipt', input.receipt_date);
  const row = {
    tenant_id: ctx.tenantId,
    id,
    number,
    customer_id: customer.id,
    receipt_date: input.receipt_date,
    currency,
    amount,
    unapplied_amount: amount,
    method: input.method,
    reference: input.reference ?? null,
    cheque_date: input.cheque_date ?? null,
    payer_name: input.payer_name ?? null,
    payer_account: input.payer_account ?? null,
    payer_ifsc: input.payer_ifsc ?? null,
    bank_account_id: bankAccountId,
    notes: input.notes ?? null,
    import_id: importId,
    created_by: ctx.actor.userId,
  };
  const inserted = await trx
    .insertInto('receipts')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'customer_id', 'method', 'reference'])
        .where('reference', 'is not', null)
        .where('status', '=', 'active')
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    throw new ConflictError('duplicate', `a ${input.method.toUpperCase()} receipt with reference ${input.reference} is already recorded for this customer`, { field: 'reference' });
  }
  const via = `${input.method.toUpperCase()}${input.reference ? ` ${input.reference}` : ''}`;
  await postJournal(trx, ctx.tenantId, {
    date: input.receipt_date,
    sourceType: 'receipt',
    sourceId: id,
    docNumber: number,
    currency,
    memo: `Receipt ${number} (${via})`,
    lines: receiptPosting(customer.id, amount),
  });
  await recordAudit(trx, ctx, { action: 'receipt.create', entityType: 'receipt', entityId: id, after: row });

  const source: AllocationSourceRef = { kind: 'receipt', id, number, customerId: customer.id, currency, available: amount, date: input.receipt_date };
  if (input.allocations?.length) {
    await applyAllocations(trx, ctx, tenant, source, parseAllocationInputs(input.allocations, currency), undefined, importId);
  } else if (input.allocate_oldest_first) {
    await applyAllocations(trx, ctx, tenant, source, await planForSource(trx, ctx, source), undefined, importId);
  }
  return { id, number };
}

/** Records money received and, optionally, applies it; the rest stays unapplied on the customer. */
export async function createReceipt(db: Executor, ctx: Ctx, input: ReceiptInput) {
  return inTransaction(db, async (trx) => recordReceipt(trx, ctx, await requireTenant(trx, ctx.tenantId), input));
}

async function allocationLines(trx: Trx, ctx: Ctx, source: AllocationSourceRef, body: AllocateBody) {
  return body.allocations ? parseAllocationInputs(body.allocations, source.currency) : planForSource(trx, ctx, source);
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
    await applyAllocations(trx, ctx, tenant, source, await allocationLines(trx, ctx, source, body), body.allocation_date);
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
    await applyAllocations(trx, ctx, tenant, source, await allocationLines(trx, ctx, source, body), body.allocation_date);
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
