import type { InvoiceRecord, RowError } from '@duely/domain/imports/records';
import { MAX_AMOUNT, fiscalYear, parseAmount, supplyTypeOf } from '@duely/domain';
import { insertRows } from '../../platform/bulk.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Trx } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { PREFIX, formatDocumentNumber } from '../../platform/numbering.ts';
import type { Tenant } from '../../platform/schema.ts';
import { JOURNAL_LINE_COLUMNS } from '../ledger/ledger.repo.ts';
import * as repo from './imports.repo.ts';

export interface BatchContext {
  trx: Trx;
  ctx: Ctx;
  tenant: Tenant;
  importId: string;
  bankAccountId: string | null;
  /** Create customers named in the file that don't exist yet (IBM and Tally presets). */
  createCustomers: boolean;
  /** Source column of each target field, to point errors at the cell. */
  columnOf: (field: string) => string | null;
  /** Whether rows may still be written: false once any row failed (all-or-nothing). */
  writing: () => boolean;
}

export interface BatchResult {
  inserted: number;
  duplicates: { line: number; reason: string }[];
  errors: RowError[];
  customersCreated: number;
  receipts: number;
}

interface CustomerRef {
  id: string;
  currency: string;
  state_code: string | null;
  country: string | null;
}

/**
 * Imports a batch of invoice records set-based: a few statements per 5,000 rows rather than a
 * dozen per row. Every rule the interactive path applies is checked here too; rows that break
 * one are reported and, because the import is all-or-nothing, nothing of the file is kept.
 * Imported documents post to OPENING_BALANCE, not sales: their revenue and GST were booked in
 * the system they come from.
 */
export async function importInvoiceBatch(b: BatchContext, records: InvoiceRecord[]): Promise<BatchResult> {
  const result: BatchResult = { inserted: 0, duplicates: [], errors: [], customersCreated: 0, receipts: 0 };
  const { trx, tenant } = b;
  const err = (line: number, field: string | null, reason: string, value?: string) =>
    result.errors.push({ line, column: field ? b.columnOf(field) : null, reason, ...(value === undefined ? {} : { value }) });

  const customers = new Map<string, CustomerRef>(
    (await repo.customersByCode(trx, tenant.id, [...new Set(records.map((r) => r.customer_code))])).map((c) => [c.code, c]),
  );
  const newCustomers: Record<string, string | null>[] = [];
  for (const r of records) {
    if (customers.has(r.customer_code)) continue;
    if (!b.createCustomers) {
      err(r.line, 'customer_code', `no customer with code ${r.customer_code}`, r.customer_code);
      continue;
    }
    const row = {
      tenant_id: tenant.id,
      id: newId(),
      code: r.customer_code,
      name: r.customer_name ?? r.customer_code,
      kind: 'b2b',
      region: r.country ?? null,
      currency: r.currency ?? tenant.base_currency,
      time_zone: tenant.time_zone,
      risk_class: 'medium',
      language: 'en',
      tags: '{}',
      import_id: b.importId,
    };
    newCustomers.push(row);
    customers.set(r.customer_code, { id: row.id, currency: row.currency, state_code: null, country: null });
  }

  const existing: Awaited<ReturnType<typeof repo.documentsByNumber>> = [];
  for (const kind of new Set(records.map((r) => r.kind))) {
    existing.push(...(await repo.documentsByNumber(trx, tenant.id, kind, [...new Set(records.filter((r) => r.kind === kind).map((r) => r.number))])));
  }
  const existingByKey = new Map(existing.map((d) => [`${d.kind} ${d.number}`, d]));

  const invoices: Record<string, unknown>[] = [];
  const journal: Record<string, unknown>[] = [];
  const settlements: { invoiceId: string; issueDate: string; customerId: string; currency: string; date: string; amount: bigint; number: string; line: number }[] = [];

  for (const r of records) {
    const customer = customers.get(r.customer_code);
    if (!customer) continue;
    const key = `${r.kind} ${r.number}`;
    const currency = r.currency ?? customer.currency;
    if (currency !== customer.currency) {
      err(r.line, 'currency', `customer ${r.customer_code} is billed in ${customer.currency}`, currency);
      continue;
    }
    let total: bigint;
    let parts: { taxable: bigint; cgst: bigint; sgst: bigint; igst: bigint; other: bigint };
    let open: bigint;
    try {
      total = parseAmount(r.total, currency, 'total');
      const amount = (field: 'taxable' | 'cgst' | 'sgst' | 'igst' | 'other_tax') => (r[field] === undefined ? 0n : parseAmount(r[field]!, currency, field));
      const taxes = amount('cgst') + amount('sgst') + amount('igst') + amount('other_tax');
      parts = r.taxable === undefined && taxes === 0n
        ? { taxable: total, cgst: 0n, sgst: 0n, igst: 0n, other: 0n }
        : { taxable: amount('taxable'), cgst: amount('cgst'), sgst: amount('sgst'), igst: amount('igst'), other: amount('other_tax') };
      open = r.open_amount === undefined ? total : parseAmount(r.open_amount, currency, 'open_amount');
    } catch (error) {
      err(r.line, (error as { field?: string }).field ?? 'total', (error as Error).message);
      continue;
    }
    if (total <= 0n || total > MAX_AMOUNT) {
      err(r.line, 'total', 'must be more than zero', r.total);
      continue;
    }
    if (parts.taxable + parts.cgst + parts.sgst + parts.igst + parts.other !== total) {
      err(r.line, 'total', 'does not equal taxable value plus taxes', r.total);
      continue;
    }
    if (open < 0n || open > total) {
      err(r.line, 'open_amount', 'must be between zero and the total', r.open_amount);
      continue;
    }
    if (r.due_date < r.issue_date) {
      err(r.line, 'due_date', 'is before the issue date', r.due_date);
      continue;
    }
    if (r.settled_date && r.settled_date < r.issue_date) {
      err(r.line, 'settled_date', 'is before the issue date', r.settled_date);
      continue;
    }
    if (r.kind === 'credit_note' && open < total) {
      err(r.line, 'open_amount', 'a partly used credit note cannot be imported; import what is left as its total', r.open_amount);
      continue;
    }
    const found = existingByKey.get(key);
    if (found) {
      if (found.customer_id === customer.id && found.total === total) {
        result.duplicates.push({ line: r.line, reason: `${r.number} is already imported` });
      } else {
        err(r.line, 'number', `${r.number} already exists with a different customer or amount`, r.number);
      }
      continue;
    }
    if (!b.writing() || result.errors.length > 0) continue;

    const id = newId();
    const placeOfSupply = tenant.gst_state_code ? (customer.state_code ?? (customer.country && customer.country !== 'IN' ? '96' : tenant.gst_state_code)) : null;
    invoices.push({
      tenant_id: tenant.id,
      id,
      kind: r.kind,
      number: r.number,
      customer_id: customer.id,
      issue_date: r.issue_date,
      due_date: r.kind === 'credit_note' ? r.issue_date : r.due_date,
      currency,
      supply_type: supplyTypeOf(tenant.gst_state_code, placeOfSupply),
      place_of_supply: placeOfSupply,
      taxable_amount: parts.taxable,
      cgst: parts.cgst,
      sgst: parts.sgst,
      igst: parts.igst,
      other_tax: parts.other,
      total,
      // Less what the settlement receipts below pay.
      open_amount: r.kind !== 'credit_note' && r.settled_date ? 0n : open,
      reference: r.reference ?? null,
      disputed: r.disputed ?? false,
      import_id: b.importId,
      created_by: b.ctx.actor.userId,
    });
    const entryId = newId();
    const debitAr = r.kind !== 'credit_note';
    const label = { invoice: 'Invoice', debit_note: 'Debit note', credit_note: 'Credit note' }[r.kind];
    const memo = `${label} ${r.number} (imported)`;
    journal.push(
      { tenant_id: tenant.id, entry_id: entryId, line_no: 1, entry_date: r.issue_date, source_type: r.kind, source_id: id, doc_number: r.number, account: 'AR', customer_id: customer.id, currency, debit: debitAr ? total : 0n, credit: debitAr ? 0n : total, memo },
      { tenant_id: tenant.id, entry_id: entryId, line_no: 2, entry_date: r.issue_date, source_type: r.kind, source_id: id, doc_number: r.number, account: 'OPENING_BALANCE', customer_id: null, currency, debit: debitAr ? 0n : total, credit: debitAr ? total : 0n, memo },
    );
    // What was paid before the import, and a settlement the file records, become receipts
    // applied to the invoice, so open amounts and the ledger agree and as-of balances are exact.
    if (r.kind !== 'credit_note') {
      if (open < total) settlements.push({ invoiceId: id, issueDate: r.issue_date, customerId: customer.id, currency, date: r.issue_date, amount: total - open, number: r.number, line: r.line });
      if (r.settled_date && open > 0n) settlements.push({ invoiceId: id, issueDate: r.issue_date, customerId: customer.id, currency, date: r.settled_date, amount: open, number: r.number, line: r.line });
    }
  }
  if (!b.writing() || result.errors.length > 0) return result;

  await insertRows(trx, 'customers', repo.CUSTOMER_COLUMNS, newCustomers as never);
  result.customersCreated = newCustomers.length;
  await insertRows(trx, 'invoices', repo.INVOICE_COLUMNS, invoices as never);
  result.inserted = invoices.length;

  if (settlements.length) {
    const receipts: Record<string, unknown>[] = [];
    const allocations: Record<string, unknown>[] = [];
    const byYear = new Map<string, typeof settlements>();
    for (const s of settlements) {
      const fy = fiscalYear(s.date, tenant.fiscal_year_start_month);
      const list = byYear.get(`${fy.label}|${fy.short}`) ?? [];
      list.push(s);
      byYear.set(`${fy.label}|${fy.short}`, list);
    }
    for (const [key, list] of byYear) {
      const [label, short] = key.split('|') as [string, string];
      let { first } = await repo.reserveNumbers(trx, tenant.id, 'receipt', label, PREFIX.receipt, list.length);
      for (const s of list) {
        const id = newId();
        const number = formatDocumentNumber(PREFIX.receipt, short, first++);
        receipts.push({
          tenant_id: tenant.id,
          id,
          number,
          customer_id: s.customerId,
          receipt_date: s.date,
          currency: s.currency,
          amount: s.amount,
          unapplied_amount: 0n,
          method: 'other',
          reference: null,
          bank_account_id: b.bankAccountId,
          notes: `Settlement of ${s.number} recorded in the imported file (line ${s.line})`,
          import_id: b.importId,
          created_by: b.ctx.actor.userId,
        });
        allocations.push({ tenant_id: tenant.id, id: newId(), allocation_date: s.date, receipt_id: id, invoice_id: s.invoiceId, source_date: s.date, invoice_issue_date: s.issueDate, amount: s.amount, import_id: b.importId, created_by: b.ctx.actor.userId });
        const entryId = newId();
        const memo = `Receipt ${number} (imported settlement of ${s.number})`;
        journal.push(
          { tenant_id: tenant.id, entry_id: entryId, line_no: 1, entry_date: s.date, source_type: 'receipt', source_id: id, doc_number: number, account: 'BANK', customer_id: null, currency: s.currency, debit: s.amount, credit: 0n, memo },
          { tenant_id: tenant.id, entry_id: entryId, line_no: 2, entry_date: s.date, source_type: 'receipt', source_id: id, doc_number: number, account: 'AR', customer_id: s.customerId, currency: s.currency, debit: 0n, credit: s.amount, memo },
        );
      }
    }
    await insertRows(trx, 'receipts', repo.RECEIPT_COLUMNS, receipts as never);
    await insertRows(trx, 'allocations', repo.ALLOCATION_COLUMNS, allocations as never);
    result.receipts = receipts.length;
  }
  await insertRows(trx, 'journal_lines', JOURNAL_LINE_COLUMNS, journal as never);
  return result;
}
