import {
  type AllocationLine,
  type AllocationTarget,
  type PostingLine,
  deductionPosting,
  deductionTotal,
  earlyPaymentDiscountLimit,
  planOldestFirst,
  reversePosting,
  validateAllocations,
} from '@duely/domain';
import { type Insertable, sql } from 'kysely';
import { type AuditEvent, recordAudits } from '../../platform/audit.ts';
import { insertRows } from '../../platform/bulk.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Trx } from '../../platform/db.ts';
import { ValidationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AllocationsTable, Tenant } from '../../platform/schema.ts';
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
  lines: AllocationLine[] | 'oldest_first',
  allocationDate: string | undefined,
  importId: string | null = null,
) {
  const [planned] = await planAllocations(trx, ctx, tenant, [{ source, lines, allocationDate }], importId);
  if (!planned!.ok) throw planned!.error;
  const events = await writeAllocations(trx, ctx, [planned!], { lowerSources: true });
  await recordAudits(trx, ctx, events);
  return planned!.rows;
}

export interface AllocationRequest {
  source: AllocationSourceRef;
  /** The split, or the oldest open invoices of the source's customer first. */
  lines: AllocationLine[] | 'oldest_first';
  allocationDate?: string | undefined;
}

export type AllocationRow = Insertable<AllocationsTable> & { id: string; invoice_id: string; allocation_date: string };

export type PlannedAllocation =
  | { ok: true; source: AllocationSourceRef; lines: AllocationLine[]; rows: AllocationRow[]; cash: bigint; date: string; numbers: Map<string, string> }
  | { ok: false; source: AllocationSourceRef; error: unknown };

/**
 * Checks several sources' allocations against one lock of all their invoices, in order: each
 * sees the invoices as the ones before it leave them, so a batch never pays an invoice twice.
 * A request that breaks a rule gets its error and changes nothing; the others go on. Nothing is
 * written: writeAllocations does that for the ones that passed.
 */
export async function planAllocations(trx: Trx, ctx: Ctx, tenant: Tenant, requests: AllocationRequest[], importId: string | null = null): Promise<PlannedAllocation[]> {
  const oldestFirstOf = [...new Set(requests.filter((r) => r.lines === 'oldest_first').map((r) => r.source.customerId))];
  const openOfCustomers = oldestFirstOf.length
    ? await trx.selectFrom('invoices').select('id').where('tenant_id', '=', ctx.tenantId).where('customer_id', 'in', oldestFirstOf).where('open_amount', '>', 0n).where('kind', '<>', 'credit_note').execute()
    : [];
  const ids = new Set([...requests.flatMap((r) => (r.lines === 'oldest_first' ? [] : r.lines.map((l) => l.invoiceId))), ...openOfCustomers.map((o) => o.id)]);
  const rows = await lockInvoices(trx, ctx.tenantId, [...ids]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const termIds = [...new Set(rows.map((r) => r.payment_terms_id).filter((id): id is string => Boolean(id)))];
  const terms = termIds.length
    ? new Map((await trx.selectFrom('payment_terms').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', 'in', termIds).execute()).map((t) => [t.id, termsRule(t)]))
    : new Map();
  // Open amounts as the requests before leave them.
  const open = new Map(rows.map((r) => [r.id, r.open_amount]));
  const policy = { writeOffTolerance: tenant.write_off_tolerance, bankChargeTolerance: tenant.bank_charge_tolerance, maxTdsBp: tenant.max_tds_bp };
  return requests.map((request): PlannedAllocation => {
    const { source } = request;
    try {
      const lines = request.lines === 'oldest_first' ? oldestFirst(source, rows, open) : request.lines;
      const mine = lines.map((l) => byId.get(l.invoiceId)).filter((r) => r !== undefined);
      const latestIssue = mine.reduce((max, r) => (r.issue_date > max ? r.issue_date : max), source.date);
      const date = request.allocationDate ?? latestIssue;
      if (date < source.date) throw new ValidationError('allocation_date', `must not be before the ${source.kind.replace('_', ' ')} date ${source.date}`);
      const targets = new Map<string, AllocationTarget>();
      for (const row of mine) {
        if (row.kind === 'credit_note' || row.voided_at) continue;
        if (date < row.issue_date) throw new ValidationError('allocation_date', `must not be before ${row.number} was issued (${row.issue_date})`);
        targets.set(row.id, {
          id: row.id,
          number: row.number,
          customerId: row.customer_id,
          currency: row.currency,
          open: open.get(row.id)!,
          taxable: row.taxable_amount,
          issueDate: row.issue_date,
          dueDate: row.due_date,
          maxDiscount: earlyPaymentDiscountLimit(row.issue_date, row.total, date, row.payment_terms_id ? (terms.get(row.payment_terms_id) ?? null) : null),
        });
      }
      const { cash } = validateAllocations({ kind: source.kind, customerId: source.customerId, currency: source.currency, available: source.available }, lines, targets, policy);
      for (const l of lines) open.set(l.invoiceId, open.get(l.invoiceId)! - l.amount - deductionTotal(l));
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
      return { ok: true, source, lines, rows: allocationRows, cash, date, numbers: new Map(mine.map((r) => [r.id, r.number])) };
    } catch (error) {
      return { ok: false, source, error };
    }
  });
}

/** The source customer's open invoices and debit notes in its currency, oldest due first. */
function oldestFirst(source: AllocationSourceRef, rows: Awaited<ReturnType<typeof lockInvoices>>, open: Map<string, bigint>) {
  const targets: AllocationTarget[] = rows
    .filter((r) => r.customer_id === source.customerId && r.kind !== 'credit_note' && r.currency === source.currency && !r.voided_at)
    .map((r) => ({ id: r.id, number: r.number, customerId: r.customer_id, currency: r.currency, open: open.get(r.id)!, taxable: r.taxable_amount, issueDate: r.issue_date, dueDate: r.due_date, maxDiscount: 0n }));
  const plan = planOldestFirst(source.available, targets);
  if (plan.length === 0) throw new ValidationError('oldest_first', 'the customer has no open invoices to apply this to');
  return plan;
}

const ALLOCATION_COLUMNS = {
  tenant_id: 'uuid',
  id: 'uuid',
  allocation_date: 'date',
  receipt_id: 'uuid',
  credit_note_id: 'uuid',
  invoice_id: 'uuid',
  source_date: 'date',
  invoice_issue_date: 'date',
  amount: 'int8',
  tds: 'int8',
  bank_charges: 'int8',
  discount: 'int8',
  write_off: 'int8',
  import_id: 'uuid',
  created_by: 'uuid',
} as const;

/**
 * Writes what planAllocations passed, all sources at once: the allocation rows, the invoices'
 * open amounts, the sources' (unless the caller wrote them already, as a new receipt does), the
 * deductions' journal entries. Returns the audit entries, for the caller to record in its order.
 */
export async function writeAllocations(trx: Trx, ctx: Ctx, planned: Extract<PlannedAllocation, { ok: true }>[], opts: { lowerSources: boolean }): Promise<AuditEvent[]> {
  const all = planned.filter((p) => p.rows.length > 0);
  if (all.length === 0) return [];
  const rows = all.flatMap((p) => p.rows);
  await insertRows(trx, 'allocations', ALLOCATION_COLUMNS, rows);
  const lines = all.flatMap((p) => p.lines);
  await sql`
    update invoices set open_amount = invoices.open_amount - c.reduction
    from (select id, sum(reduction) as reduction
      from unnest(${lines.map((l) => l.invoiceId)}::uuid[], ${lines.map((l) => (l.amount + deductionTotal(l)).toString())}::bigint[]) as u(id, reduction)
      group by id) c
    where invoices.tenant_id = ${ctx.tenantId} and invoices.id = c.id`.execute(trx);
  if (opts.lowerSources) {
    for (const kind of ['receipt', 'credit_note'] as const) {
      const of = all.filter((p) => p.source.kind === kind && p.cash > 0n);
      if (of.length === 0) continue;
      const table = kind === 'receipt' ? sql`receipts` : sql`invoices`;
      const column = kind === 'receipt' ? sql`unapplied_amount` : sql`open_amount`;
      await sql`
        update ${table} t set ${column} = t.${column} - c.cash
        from (select id, sum(cash) as cash from unnest(${of.map((p) => p.source.id)}::uuid[], ${of.map((p) => p.cash.toString())}::bigint[]) as u(id, cash) group by id) c
        where t.tenant_id = ${ctx.tenantId} and t.id = c.id`.execute(trx);
    }
  }
  const entries = all.flatMap((p) =>
    p.rows
      .map((row, i) => ({ row, line: p.lines[i]! }))
      .filter(({ line }) => deductionTotal(line) > 0n)
      .map(({ row, line }) => {
        const number = p.numbers.get(line.invoiceId) ?? '';
        return {
          date: p.date,
          sourceType: 'allocation',
          sourceId: row.id,
          docNumber: number,
          currency: p.source.currency,
          memo: `Deductions on ${number} against ${p.source.number}`,
          lines: deductionPosting(p.source.customerId, line, number),
        };
      }),
  );
  if (entries.length) await postJournal(trx, ctx.tenantId, ...entries);
  return all.map((p) => ({
    action: `${p.source.kind}.allocate`,
    entityType: p.source.kind,
    entityId: p.source.id,
    after: { allocation_date: p.date, allocations: p.rows.map(({ tenant_id: _t, ...rest }) => rest) },
  }));
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
