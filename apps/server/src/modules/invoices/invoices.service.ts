import type { CreditNoteInput, DebitNoteInput, InvoiceInput, InvoiceListQuery, InvoiceOut, LineInput } from '@duely/contracts/invoices';
import {
  type LineTax,
  type PaymentTermsRule,
  bpToPercent,
  computeLine,
  creditNotePosting,
  daysOverdue,
  dueDateFor,
  formatAmount,
  instalmentSchedule,
  invoiceStatus,
  openInstalments,
  parseAmount,
  percentToBp,
  reversePosting,
  salesPosting,
  sumTaxes,
  supplyTypeOf,
  todayIn,
} from '@duely/domain';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Executor, type Trx, inTransaction } from '../../platform/db.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { nextDocumentNumber } from '../../platform/numbering.ts';
import { toPage } from '../../platform/pagination.ts';
import type { DocumentKind, Tenant } from '../../platform/schema.ts';
import * as customersRepo from '../customers/customers.repo.ts';
import { requireTenant, termsRule } from '../customers/customers.service.ts';
import { postJournal } from '../ledger/ledger.service.ts';
import { applyAllocations } from '../payments/allocations.service.ts';
import { toAllocationOut } from '../payments/payments.mappers.ts';
import * as repo from './invoices.repo.ts';

/** Used when neither the invoice nor the customer names payment terms. */
export const DEFAULT_NET_DAYS = 30;

interface DocumentDraft {
  kind: DocumentKind;
  customer_id: string;
  number?: string | undefined;
  issue_date: string;
  due_date?: string | undefined;
  payment_terms_id?: string | null | undefined;
  place_of_supply?: string | null | undefined;
  reference?: string | null | undefined;
  notes?: string | null | undefined;
  irn?: string | null | undefined;
  irn_status?: 'ACT' | 'CNL' | null | undefined;
  against_invoice_id?: string | null | undefined;
  lines: LineInput[];
  /** Where the taxable value is credited: sales, or other income for fees such as bounce charges. */
  incomeAccount?: 'REVENUE' | 'OTHER_INCOME';
  /** Due on issue, whatever the customer's terms (a charge is not a sale: no discount, no instalments). */
  dueOnIssue?: boolean;
}

function computeLines(lines: LineInput[], currency: string, supply: ReturnType<typeof supplyTypeOf>) {
  return lines.map((line, i) => {
    const field = `lines[${i}]`;
    const unitPrice = parseAmount(line.unit_price, currency, `${field}.unit_price`);
    const discount = parseAmount(line.discount, currency, `${field}.discount`);
    const taxRateBp = percentToBp(line.tax_rate, `${field}.tax_rate`);
    const tax = computeLine({ quantity: line.quantity, unitPrice, discount, taxRateBp }, supply, field);
    return { line, unitPrice, discount, taxRateBp, tax };
  });
}

/**
 * Issues an invoice, debit note or credit note: tax per line, totals, number from the series,
 * instalments from the terms, the journal entry and the audit entry, in the caller's transaction.
 */
async function issueDocument(trx: Trx, ctx: Ctx, tenant: Tenant, draft: DocumentDraft) {
  const customer = await customersRepo.findCustomer(trx, ctx.tenantId, draft.customer_id);
  if (!customer) throw new ValidationError('customer_id', 'no such customer');
  const currency = customer.currency;

  const termsId = draft.dueOnIssue ? null : (draft.payment_terms_id ?? customer.payment_terms_id);
  let terms: PaymentTermsRule = { netDays: DEFAULT_NET_DAYS };
  if (termsId) {
    const row = await customersRepo.findPaymentTerms(trx, ctx.tenantId, termsId);
    if (!row) throw new ValidationError('payment_terms_id', 'no such payment terms');
    terms = termsRule(row);
  }

  let placeOfSupply: string | null = null;
  if (tenant.gst_state_code) {
    const abroad = customer.country && customer.country !== 'IN';
    placeOfSupply = draft.place_of_supply ?? customer.state_code ?? (abroad ? '96' : tenant.gst_state_code);
  }
  const supply = supplyTypeOf(tenant.gst_state_code, placeOfSupply);
  const computed = computeLines(draft.lines, currency, supply);
  const totals: LineTax = sumTaxes(computed.map((c) => c.tax));
  if (totals.total <= 0n) throw new ValidationError('lines', 'the total must be more than zero');

  const dueDate = draft.kind === 'credit_note' ? draft.issue_date : (draft.due_date ?? dueDateFor(draft.issue_date, terms));
  if (dueDate < draft.issue_date) throw new ValidationError('due_date', 'must not be before the issue date');

  let against: repo.InvoiceRow | undefined;
  if (draft.against_invoice_id) {
    against = await repo.findInvoice(trx, ctx.tenantId, draft.against_invoice_id);
    if (!against || against.customer_id !== customer.id || against.kind !== 'invoice') {
      throw new ValidationError('against_invoice_id', 'no such invoice of this customer');
    }
    if (against.voided_at) throw new ValidationError('against_invoice_id', 'that invoice is void');
  }

  const id = newId();
  let number = draft.number;
  for (let attempt = 0; ; attempt++) {
    const candidate = number ?? (await nextDocumentNumber(trx, tenant, draft.kind, draft.issue_date));
    const inserted = await trx
      .insertInto('invoices')
      .values({
        tenant_id: ctx.tenantId,
        id,
        kind: draft.kind,
        number: candidate,
        customer_id: customer.id,
        issue_date: draft.issue_date,
        due_date: dueDate,
        currency,
        supply_type: supply,
        place_of_supply: placeOfSupply,
        taxable_amount: totals.taxable,
        cgst: totals.cgst,
        sgst: totals.sgst,
        igst: totals.igst,
        other_tax: totals.otherTax,
        total: totals.total,
        open_amount: totals.total,
        against_invoice_id: against?.id ?? null,
        reference: draft.reference ?? null,
        irn: draft.irn ?? null,
        irn_status: draft.irn_status ?? null,
        payment_terms_id: draft.kind === 'credit_note' ? null : (termsId ?? null),
        notes: draft.notes ?? null,
        created_by: ctx.actor.userId,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'number']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      number = candidate;
      break;
    }
    // A number typed by hand is a duplicate; a series number taken by a hand-typed one is skipped.
    if (number || attempt > 20) throw new ConflictError('duplicate', `${draft.kind.replace('_', ' ')} number ${candidate} already exists`, { field: 'number' });
  }

  await trx
    .insertInto('invoice_lines')
    .values(
      computed.map((c, i) => ({
        tenant_id: ctx.tenantId,
        invoice_id: id,
        line_no: i + 1,
        description: c.line.description,
        hsn_sac: c.line.hsn_sac ?? null,
        quantity: c.line.quantity,
        unit: c.line.unit ?? null,
        unit_price: c.unitPrice,
        discount: c.discount,
        tax_rate_bp: c.taxRateBp,
        taxable_amount: c.tax.taxable,
        cgst: c.tax.cgst,
        sgst: c.tax.sgst,
        igst: c.tax.igst,
        other_tax: c.tax.otherTax,
        total: c.tax.total,
      })),
    )
    .execute();
  if (draft.kind !== 'credit_note' && terms.instalments?.length) {
    await trx
      .insertInto('invoice_instalments')
      .values(instalmentSchedule(draft.issue_date, totals.total, terms).map((p) => ({ tenant_id: ctx.tenantId, invoice_id: id, seq: p.seq, due_date: p.dueDate, amount: p.amount })))
      .execute();
  }
  const label = { invoice: 'Invoice', debit_note: 'Debit note', credit_note: 'Credit note' }[draft.kind];
  await postJournal(trx, ctx.tenantId, {
    date: draft.issue_date,
    sourceType: draft.kind,
    sourceId: id,
    docNumber: number,
    currency,
    memo: `${label} ${number}${draft.reference ? ` (${draft.reference})` : ''}`,
    lines: draft.kind === 'credit_note' ? creditNotePosting(customer.id, totals) : salesPosting(customer.id, totals, draft.incomeAccount),
  });
  await recordAudit(trx, ctx, {
    action: `${draft.kind}.create`,
    entityType: draft.kind,
    entityId: id,
    after: { number, ...draft, totals },
  });
  return { id, number: number!, customer, total: totals.total, against };
}

export async function createInvoice(db: Executor, ctx: Ctx, input: InvoiceInput) {
  return inTransaction(db, async (trx) => {
    const tenant = await requireTenant(trx, ctx.tenantId);
    const { id, number } = await issueDocument(trx, ctx, tenant, { ...input, kind: 'invoice' });
    return { id, number };
  });
}

export async function createDebitNote(db: Executor, ctx: Ctx, input: DebitNoteInput) {
  return inTransaction(db, async (trx) => {
    const tenant = await requireTenant(trx, ctx.tenantId);
    const { id, number } = await issueDocument(trx, ctx, tenant, { ...input, kind: 'debit_note' });
    return { id, number };
  });
}

/**
 * A bounced cheque's charge as a debit note to the customer, credited to other income. No GST:
 * a dishonour charge is a penalty, not consideration for a supply (CBIC circular 178/10/2022).
 */
export async function raiseBounceCharge(trx: Trx, ctx: Ctx, tenant: Tenant, customerId: string, date: string, amount: string, receiptNumber: string, reference: string | null) {
  const { id, number } = await issueDocument(trx, ctx, tenant, {
    kind: 'debit_note',
    customer_id: customerId,
    issue_date: date,
    due_date: date,
    reference: receiptNumber,
    incomeAccount: 'OTHER_INCOME',
    dueOnIssue: true,
    lines: [{ description: `Cheque return charges${reference ? ` (cheque ${reference})` : ''}`, quantity: '1', unit_price: amount, discount: '0', tax_rate: '0' }],
  });
  return { id, number };
}

/** A credit note, applied straight to the invoice it corrects unless told otherwise. */
export async function createCreditNote(db: Executor, ctx: Ctx, input: CreditNoteInput) {
  return inTransaction(db, async (trx) => {
    const tenant = await requireTenant(trx, ctx.tenantId);
    const issued = await issueDocument(trx, ctx, tenant, { ...input, kind: 'credit_note', notes: input.reason });
    if (issued.against && input.apply_to_invoice) {
      const [locked] = await repo.lockInvoices(trx, ctx.tenantId, [issued.against.id]);
      const applicable = locked!.open_amount < issued.total ? locked!.open_amount : issued.total;
      if (applicable > 0n) {
        await applyAllocations(
          trx,
          ctx,
          tenant,
          { kind: 'credit_note', id: issued.id, number: issued.number, customerId: issued.customer.id, currency: issued.customer.currency, available: issued.total, date: input.issue_date },
          [{ invoiceId: issued.against.id, amount: applicable, tds: 0n, bankCharges: 0n, discount: 0n, writeOff: 0n }],
          input.issue_date,
        );
      }
    }
    return { id: issued.id, number: issued.number };
  });
}

/** Void: only a document nothing is applied to or from. The journal entry is mirrored, not deleted. */
export async function voidDocument(db: Executor, ctx: Ctx, id: string, reason: string) {
  return inTransaction(db, async (trx) => {
    const tenant = await requireTenant(trx, ctx.tenantId);
    const [row] = await repo.lockInvoices(trx, ctx.tenantId, [id]);
    if (!row) throw new NotFoundError('invoice', id);
    if (row.voided_at) throw new ConflictError('conflict', `${row.number} is already void`);
    if (await repo.hasLiveAllocations(trx, ctx.tenantId, id)) {
      throw new ConflictError('has_allocations', `${row.number} has payments or credits applied; reverse them first`);
    }
    const today = todayIn(tenant.time_zone);
    const voidDate = today < row.issue_date ? row.issue_date : today;
    await trx
      .updateTable('invoices')
      .set({ voided_at: new Date(), voided_on: voidDate, void_reason: reason, open_amount: 0n })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .execute();
    const amounts = { taxable: row.taxable_amount, cgst: row.cgst, sgst: row.sgst, igst: row.igst, otherTax: row.other_tax, total: row.total };
    const original = row.kind === 'credit_note' ? creditNotePosting(row.customer_id, amounts) : salesPosting(row.customer_id, amounts);
    await postJournal(trx, ctx.tenantId, {
      date: voidDate,
      sourceType: 'void',
      sourceId: id,
      docNumber: row.number,
      currency: row.currency,
      memo: `Void of ${row.number}: ${reason}`,
      lines: reversePosting(original),
    });
    await recordAudit(trx, ctx, { action: `${row.kind}.void`, entityType: row.kind, entityId: id, before: row, after: { voided: true, reason } });
  });
}

export function toInvoiceOut(row: repo.InvoiceRow, today: string): InvoiceOut {
  const fmt = (v: bigint) => formatAmount(v, row.currency);
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    customer_id: row.customer_id,
    customer_code: row.customer_code,
    customer_name: row.customer_name,
    issue_date: row.issue_date,
    due_date: row.due_date,
    currency: row.currency,
    supply_type: row.supply_type,
    place_of_supply: row.place_of_supply,
    taxable_amount: fmt(row.taxable_amount),
    cgst: fmt(row.cgst),
    sgst: fmt(row.sgst),
    igst: fmt(row.igst),
    other_tax: fmt(row.other_tax),
    total: fmt(row.total),
    open_amount: fmt(row.open_amount),
    status: invoiceStatus(row.total, row.open_amount, row.voided_at !== null),
    days_overdue: row.open_amount > 0n && row.kind !== 'credit_note' ? daysOverdue(row.due_date, today) : 0,
    reference: row.reference,
    irn: row.irn,
    irn_status: row.irn_status,
    notes: row.notes,
    disputed: row.disputed,
    against_invoice_id: row.against_invoice_id,
    voided_at: row.voided_at?.toISOString() ?? null,
    void_reason: row.void_reason,
    created_at: row.created_at.toISOString(),
  };
}

export async function getInvoice(db: Executor, ctx: Ctx, id: string) {
  const row = await repo.findInvoice(db, ctx.tenantId, id);
  if (!row) throw new NotFoundError('invoice', id);
  const tenant = await requireTenant(db, ctx.tenantId);
  const [lines, instalments, allocations] = await Promise.all([
    repo.invoiceLines(db, ctx.tenantId, id),
    repo.invoiceInstalments(db, ctx.tenantId, id),
    repo.allocationsOfDocument(db, ctx.tenantId, id),
  ]);
  const fmt = (v: bigint) => formatAmount(v, row.currency);
  const paid = row.voided_at ? 0n : row.total - row.open_amount;
  const openParts = openInstalments(instalments.map((p) => ({ seq: p.seq, dueDate: p.due_date, amount: p.amount })), paid);
  return {
    ...toInvoiceOut(row, todayIn(tenant.time_zone)),
    lines: lines.map((l) => ({
      line_no: l.line_no,
      description: l.description,
      hsn_sac: l.hsn_sac,
      quantity: l.quantity,
      unit: l.unit,
      unit_price: fmt(l.unit_price),
      discount: fmt(l.discount),
      tax_rate: bpToPercent(l.tax_rate_bp),
      taxable_amount: fmt(l.taxable_amount),
      cgst: fmt(l.cgst),
      sgst: fmt(l.sgst),
      igst: fmt(l.igst),
      other_tax: fmt(l.other_tax),
      total: fmt(l.total),
    })),
    instalments: instalments.map((p, i) => ({ seq: p.seq, due_date: p.due_date, amount: fmt(p.amount), open_amount: fmt(openParts[i]!.amount) })),
    allocations: allocations.map(toAllocationOut),
  };
}

export async function listInvoices(db: Executor, ctx: Ctx, query: InvoiceListQuery) {
  const tenant = await requireTenant(db, ctx.tenantId);
  const today = todayIn(tenant.time_zone);
  const { rows, keyOf } = await repo.listInvoices(db, ctx.tenantId, {
    kind: query.kind,
    customerId: query.customer_id,
    status: query.status,
    q: query.q,
    from: query.from,
    to: query.to,
    today,
    limit: query.limit,
    cursor: query.cursor,
  });
  return toPage(rows, query.limit, keyOf, (r) => toInvoiceOut(r, today));
}
