import {
  type AllocationLine,
  type AllocationTarget,
  type PostingLine,
  deductionPosting,
  deductionTotal,
  earlyPaymentDiscountLimit,
  reversePosting,
  validateAllocations,
} from '@duely/domain';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Trx } from '../../platform/db.ts';
import { ValidationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Tenant } from '../../platform/schema.ts';
import { termsRule } from '../customers/customers.service.ts';
import { lockInvoices } from '../invoices/invoices.repo.ts';
import { postJournal } from '../ledger/ledger.service.ts';

export interface AllocationSourceRef {
  kind: 'receipt' | 'credit_note';
  id: string;
  number: string;
  customerId: string;
  currency: string;
  /** Unapplied amount of the receipt or open amount of the credit note, read under a row lock. */
  available: bigint;
  date: string;
}

/**
 * Applies a locked receipt or credit note to invoices: locks the targets, checks every rule in
 * the domain, writes dated allocations, lowers open amounts, posts the deductions, audits.
 * Runs inside the caller's transaction; the caller has locked the source row.
 */
export async function applyAllocations(
  trx: Trx,
  ctx: Ctx,
  tenant: Tenant,
  source: AllocationSourceRef,
  lines: AllocationLine[],
  allocationDate: string | undefined,
  importId: string | null = null,
) {
  const rows = await lockInvoices(trx, ctx.tenantId, lines.map((l) => l.invoiceId));
  const termIds = [...new Set(rows.map((r) => r.payment_terms_id).filter((id): id is string => Boolean(id)))];
  const terms = termIds.length
    ? new Map((await trx.selectFrom('payment_terms').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', 'in', termIds).execute()).map((t) => [t.id, termsRule(t)]))
    : new Map();
  const latestIssue = rows.reduce((max, r) => (r.issue_date > max ? r.issue_date : max), source.date);
  const date = allocationDate ?? latestIssue;
  if (date < source.date) throw new ValidationError('allocation_date', `must not be before the ${source.kind.replace('_', ' ')} date ${source.date}`);
  const targets = new Map<string, AllocationTarget>();
  for (const row of rows) {
    if (row.kind === 'credit_note' || row.voided_at) continue;
    if (date < row.issue_date) throw new ValidationError('allocation_date', `must not be before ${row.number} was issued (${row.issue_date})`);
    targets.set(row.id, {
      id: row.id,
      number: row.number,
      customerId: row.customer_id,
      currency: row.currency,
      open: row.open_amount,
      taxable: row.taxable_amount,
      issueDate: row.issue_date,
      dueDate: row.due_date,
      maxDiscount: earlyPaymentDiscountLimit(row.issue_date, row.total, date, row.payment_terms_id ? (terms.get(row.payment_terms_id) ?? null) : null),
    });
  }
  const { cash } = validateAllocations(
    { kind: source.kind, customerId: source.customerId, currency: source.currency, available: source.available },
    lines,
    targets,
    { writeOffTolerance: tenant.write_off_tolerance, bankChargeTolerance: tenant.bank_charge_tolerance, maxTdsBp: tenant.max_tds_bp },
  );

  const allocationRows = lines.map((line) => ({
    tenant_id: ctx.tenantId,
    id: newId(),
    allocation_date: date,
    receipt_id: source.kind === 'receipt' ? source.id : null,
    credit_note_id: source.kind === 'credit_note' ? source.id : null,
    invoice_id: line.invoiceId,
    source_date: source.date,
    invoice_issue_date: targets.get(line.invoiceId)!.issueDate,
    amount: line.amount,
    tds: line.tds,
    bank_charges: line.bankCharges,
    discount: line.discount,
    write_off: line.writeOff,
    import_id: importId,
    created_by: ctx.actor.userId,
  }));
  await trx.insertInto('allocations').values(allocationRows).execute();
  await sql`
    update invoices set open_amount = invoices.open_amount - c.reduction
    from unnest(${lines.map((l) => l.invoiceId)}::uuid[], ${lines.map((l) => (l.amount + deductionTotal(l)).toString())}::bigint[]) as c(id, reduction)
    where invoices.tenant_id = ${ctx.tenantId} and invoices.id = c.id`.execute(trx);
  if (source.kind === 'receipt') {
    await trx
      .updateTable('receipts')
      .set((eb) => ({ unapplied_amount: eb('unapplied_amount', '-', cash) }))
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', source.id)
      .execute();
  } else {
    await trx
      .updateTable('invoices')
      .set((eb) => ({ open_amount: eb('open_amount', '-', cash) }))
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', source.id)
      .execute();
  }
  const entries = allocationRows
    .map((row, i) => ({ row, line: lines[i]!, target: targets.get(lines[i]!.invoiceId)! }))
    .filter(({ line }) => deductionTotal(line) > 0n)
    .map(({ row, line, target }) => ({
      date,
      sourceType: 'allocation',
      sourceId: row.id,
      docNumber: target.number,
      currency: source.currency,
      memo: `Deductions on ${target.number} against ${source.number}`,
      lines: deductionPosting(source.customerId, line, target.number),
    }));
  if (entries.length) await postJournal(trx, ctx.tenantId, ...entries);
  await recordAudit(trx, ctx, {
    action: `${source.kind}.allocate`,
    entityType: source.kind,
    entityId: source.id,
    after: { allocation_date: date, allocations: allocationRows.map(({ tenant_id: _t, ...rest }) => rest) },
  });
  return allocationRows;
}

type LiveAllocation = {
  id: string;
  invoice_id: string;
  receipt_id: string | null;
  credit_note_id: string | null;
  amount: bigint;
  tds: bigint;
  bank_charges: bigint;
  discount: bigint;
  write_off: bigint;
};

/**
 * Undoes allocations as of a date: they stop counting from `reversedOn`, the invoices re-open by
 * what each closed, and deduction postings are mirrored. Rows stay, marked reversed.
 */
export async function reverseAllocations(trx: Trx, ctx: Ctx, allocations: LiveAllocation[], reversedOn: string, reason: string, numbers: Map<string, string>, currency: string, customerId: string) {
  if (allocations.length === 0) return;
  await lockInvoices(trx, ctx.tenantId, allocations.map((a) => a.invoice_id));
  await trx
    .updateTable('allocations')
    .set({ reversed_on: reversedOn, reversal_reason: reason })
    .where('tenant_id', '=', ctx.tenantId)
    .where('id', 'in', allocations.map((a) => a.id))
    .execute();
  await sql`
    update invoices set open_amount = invoices.open_amount + c.reduction
    from (select id, sum(reduction) as reduction from unnest(${allocations.map((a) => a.invoice_id)}::uuid[],
      ${allocations.map((a) => (a.amount + deductionTotal({ tds: a.tds, bankCharges: a.bank_charges, discount: a.discount, writeOff: a.write_off })).toString())}::bigint[]) as u(id, reduction) group by id) c
    where invoices.tenant_id = ${ctx.tenantId} and invoices.id = c.id`.execute(trx);
  const entries = allocations
    .filter((a) => a.tds + a.bank_charges + a.discount + a.write_off > 0n)
    .map((a) => {
      const number = numbers.get(a.invoice_id) ?? '';
      const original: PostingLine[] = deductionPosting(customerId, { tds: a.tds, bankCharges: a.bank_charges, discount: a.discount, writeOff: a.write_off }, number);
      return {
        date: reversedOn,
        sourceType: 'allocation_reversal',
        sourceId: a.id,
        docNumber: number,
        currency,
        memo: `Deductions on ${number} reversed: ${reason}`,
        lines: reversePosting(original, `Deductions on ${number} reversed: ${reason}`),
      };
    });
  if (entries.length) await postJournal(trx, ctx.tenantId, ...entries);
}
