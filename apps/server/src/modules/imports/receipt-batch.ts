import type { ReceiptRecord } from '@duely/domain/imports/records';
import { parseAmount } from '@duely/domain';
import { sql } from 'kysely';
import { DomainError } from '@duely/domain';
import { AppError } from '../../platform/errors.ts';
import { forgetAuditHead } from '../../platform/audit.ts';
import { recordReceipt } from '../payments/payments.service.ts';
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
 * Receipts go one by one through the same use case as the API (its reference, currency and
 * allocation rules are the point of importing them rather than inserting rows), each inside a
 * savepoint so one bad row is reported and the others are still checked.
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

  for (const r of records) {
    const customer = customers.get(r.customer_code);
    if (!customer) {
      err(r.line, 'customer_code', `no customer with code ${r.customer_code}`, r.customer_code);
      continue;
    }
    const currency = r.currency ?? customer.currency;
    const duplicate = await trx
      .selectFrom('receipts')
      .select('number')
      .where('tenant_id', '=', tenant.id)
      .where('customer_id', '=', customer.id)
      .where('status', '=', 'active')
      .where((eb) =>
        r.reference
          ? eb.and([eb('method', '=', r.method), eb('reference', '=', r.reference)])
          : eb.and([eb('reference', 'is', null), eb('receipt_date', '=', r.receipt_date), eb('amount', '=', safeAmount(r.amount, currency))]),
      )
      .executeTakeFirst();
    if (duplicate) {
      result.duplicates.push({ line: r.line, reason: `already recorded as ${duplicate.number}` });
      continue;
    }
    let allocations: { invoice_id: string; amount: string; tds: string; bank_charges: string; discount: string; write_off: string }[] | undefined;
    if (r.invoice_number) {
      const invoice = invoices.get(`${customer.id} ${r.invoice_number}`);
      if (!invoice) {
        err(r.line, 'invoice_number', `no invoice ${r.invoice_number} of ${r.customer_code}`, r.invoice_number);
        continue;
      }
      allocations = [{ invoice_id: invoice.id, amount: r.amount, tds: r.tds ?? '0', bank_charges: '0', discount: '0', write_off: '0' }];
    }
    // Rows after a failed one still run (in savepoints) to report their own problems; the whole
    // import is rolled back at the end anyway.
    await sql`savepoint import_row`.execute(trx);
    try {
      await recordReceipt(
        trx,
        b.ctx,
        tenant,
        {
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
        b.importId,
      );
      await sql`release savepoint import_row`.execute(trx);
      result.inserted++;
    } catch (error) {
      await sql`rollback to savepoint import_row`.execute(trx);
      forgetAuditHead(trx);
      if (!(error instanceof AppError || error instanceof DomainError)) throw error;
      const field = (error.details as { field?: string }).field;
      err(r.line, field ? (FIELD_OF[field] ?? null) : null, error.message.replace(/^[\w.[\]]+: /, ''));
    }
  }
  return result;
}

function safeAmount(text: string, currency: string): bigint {
  try {
    return parseAmount(text, currency);
  } catch {
    return -1n;
  }
}
