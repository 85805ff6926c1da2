import type { ReceiptRecord } from '@duely/domain/imports/records';
import { parseAmount } from '@duely/domain';
import type { ReceiptInput } from '@duely/contracts/receipts';
import { DomainError } from '@duely/domain';
import type { Trx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { recordReceipts } from '../payments/payments.service.ts';
import type { BatchContext, BatchResult } from './invoice-batch.ts';
import * as repo from './imports.repo.ts';

// Fields of the receipt service whose errors point at a column of the file.
const FIELD_OF: Record<string, string> = {
  amount: 'amount',
  currency: 'currency',
  reference: 'reference',
  receipt_date: 'receipt_date',
  method: 'method',
  payer_name: 'payer_name',
  'allocations[0].amount': 'amount',
  'allocations[0].tds': 'tds',
  'allocations[0].invoice_id': 'invoice_number',
  allocation_date: 'receipt_date',
};

/**
 * Receipts go through the same use case as the API (its reference, currency and allocation rules
 * are the point of importing them rather than inserting rows), a batch at a time: recordReceipts
 * records the good rows and returns each bad one's error, leaving no trace of it, so every row is
 * checked and reported. A row repeating an earlier row of the file (same reference, or same day
 * and amount without one) is a duplicate of it once that one is recorded, as one by one.
 */
export async function importReceiptBatch(b: BatchContext, records: ReceiptRecord[]): Promise<BatchResult> {
  const result: BatchResult = { inserted: 0, duplicates: [], errors: [], customersCreated: 0, receipts: 0 };
  const { trx, tenant } = b;
  const err = (line: number, field: string | null, reason: string, value?: string) =>
    result.errors.push({ line, column: field ? b.columnOf(field) : null, reason, ...(value === undefined ? {} : { value }) });

  const customers = new Map((await repo.customersByCode(trx, tenant.id, [...new Set(records.map((r) => r.customer_code))])).map((c) => [c.code, c]));
  const invoiceNumbers = [...new Set(records.flatMap((r) => (r.invoice_number ? [r.invoice_number] : [])))];
  const invoices = new Map(
    invoiceNumbers.length
      ? (
          await trx
            .selectFrom('invoices')
            .select(['id', 'number', 'customer_id', 'kind'])
            .where('tenant_id', '=', tenant.id)
            .where('kind', '<>', 'credit_note')
            .where('number', 'in', invoiceNumbers)
            .execute()
        ).map((i) => [`${i.customer_id} ${i.number}`, i])
      : [],
  );

  interface Row {
    line: number;
    key: string;
    input: ReceiptInput;
  }
  const rows: Row[] = [];
  for (const r of records) {
    const customer = customers.get(r.customer_code);
    if (!customer) {
      err(r.line, 'customer_code', `no customer with code ${r.customer_code}`, r.customer_code);
      continue;
    }
    const currency = r.currency ?? customer.currency;
    let allocations: ReceiptInput['allocations'];
    if (r.invoice_number) {
      const invoice = invoices.get(`${customer.id} ${r.invoice_number}`);
      if (!invoice) {
        err(r.line, 'invoice_number', `no invoice ${r.invoice_number} of ${r.customer_code}`, r.invoice_number);
        continue;
      }
      allocations = [{ invoice_id: invoice.id, amount: r.amount, tds: r.tds ?? '0', bank_charges: '0', discount: '0', write_off: '0' }];
    }
    rows.push({
      line: r.line,
      key: r.reference ? `${customer.id} ${r.method} ${r.reference}` : `${customer.id} ${r.receipt_date} ${safeAmount(r.amount, currency)}`,
      input: {
        customer_id: customer.id,
        receipt_date: r.receipt_date,
        amount: r.amount,
        currency,
        method: r.method,
        reference: r.reference ?? null,
        payer_name: r.payer_name ?? null,
        notes: r.notes ?? null,
        allocations,
        allocate_oldest_first: false,
      },
    });
  }

  const recordedAs = await recordedBefore(trx, tenant.id, rows.map((r) => r.input));
  let pending = rows;
  while (pending.length) {
    // Each round records the first row of every key still open; the repeats wait for its outcome.
    const firsts: Row[] = [];
    const repeats: Row[] = [];
    const inRound = new Set<string>();
    for (const row of pending) {
      const earlier = recordedAs.get(row.key);
      if (earlier) result.duplicates.push({ line: row.line, reason: `already recorded as ${earlier}` });
      else if (inRound.has(row.key)) repeats.push(row);
      else {
        inRound.add(row.key);
        firsts.push(row);
      }
    }
    const outcomes = await recordReceipts(trx, b.ctx, tenant, firsts.map((row) => ({ input: row.input })), b.importId);
    outcomes.forEach((outcome, k) => {
      const row = firsts[k]!;
      if (outcome.ok) {
        result.inserted++;
        recordedAs.set(row.key, outcome.number);
        return;
      }
      const error = outcome.error;
      if (!(error instanceof AppError || error instanceof DomainError)) throw error;
      const field = (error.details as { field?: string }).field;
      err(row.line, field ? (FIELD_OF[field] ?? null) : null, error.message.replace(/^[\w.[\]]+: /, ''));
    });
    pending = repeats;
  }
  return result;
}

/**
 * The receipts already recorded that rows of the file repeat, by the rows' key: the same
 * reference for the customer and method, or, without a reference, the same day and amount.
 */
async function recordedBefore(trx: Trx, tenantId: string, inputs: ReceiptInput[]) {
  const found = new Map<string, string>();
  if (inputs.length === 0) return found;
  const referenced = inputs.filter((i) => i.reference);
  const plain = inputs.filter((i) => !i.reference);
  const customerIds = [...new Set(inputs.map((i) => i.customer_id))];
  const rows = await trx
    .selectFrom('receipts')
    .select(['number', 'customer_id', 'method', 'reference', 'receipt_date', 'amount', 'currency'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .where('customer_id', 'in', customerIds)
    .where((eb) =>
      eb.or([
        ...(referenced.length ? [eb('reference', 'in', [...new Set(referenced.map((i) => i.reference!))])] : []),
        ...(plain.length ? [eb.and([eb('reference', 'is', null), eb('receipt_date', 'in', [...new Set(plain.map((i) => i.receipt_date))])])] : []),
      ]),
    )
    .execute();
  for (const r of rows) {
    const key = r.reference ? `${r.customer_id} ${r.method} ${r.reference}` : `${r.customer_id} ${r.receipt_date} ${r.amount}`;
    if (!found.has(key)) found.set(key, r.number);
  }
  return found;
}

function safeAmount(text: string, currency: string): bigint {
  try {
    return parseAmount(text, currency);
  } catch {
    return -1n;
  }
}
