import type { CustomerRecord } from '@duely/domain/imports/records';
import { isCurrency, isValidTimeZone, parseAmount } from '@duely/domain';
import { insertRows } from '../../platform/bulk.ts';
import { newId } from '../../platform/ids.ts';
import { checkTaxIds } from '../customers/customers.service.ts';
import type { BatchContext, BatchResult } from './invoice-batch.ts';
import * as repo from './imports.repo.ts';

/** Customers in bulk, with the same checks as one at a time (GSTIN, PAN, state, terms, collector). */
export async function importCustomerBatch(b: BatchContext, records: CustomerRecord[]): Promise<BatchResult> {
  const result: BatchResult = { inserted: 0, duplicates: [], errors: [], customersCreated: 0, receipts: 0 };
  const { trx, tenant } = b;
  const err = (line: number, field: string | null, reason: string, value?: string) =>
    result.errors.push({ line, column: field ? b.columnOf(field) : null, reason, ...(value === undefined ? {} : { value }) });

  const existing = new Set((await repo.customersByCode(trx, tenant.id, records.map((r) => r.code))).map((c) => c.code));
  const termCodes = [...new Set(records.flatMap((r) => (r.payment_terms_code ? [r.payment_terms_code] : [])))];
  const terms = new Map(
    termCodes.length
      ? (await trx.selectFrom('payment_terms').select(['id', 'code']).where('tenant_id', '=', tenant.id).where('code', 'in', termCodes).execute()).map((t) => [t.code, t.id])
      : [],
  );
  const emails = [...new Set(records.flatMap((r) => (r.collector_email ? [r.collector_email.toLowerCase()] : [])))];
  const collectors = new Map(
    emails.length
      ? (await trx.selectFrom('users').select(['id', 'email']).where('tenant_id', '=', tenant.id).where('email', 'in', emails).execute()).map((u) => [u.email, u.id])
      : [],
  );

  const customers: Record<string, unknown>[] = [];
  const contacts: Record<string, unknown>[] = [];
  for (const r of records) {
    if (existing.has(r.code)) {
      result.duplicates.push({ line: r.line, reason: `customer ${r.code} already exists` });
      continue;
    }
    const currency = r.currency ?? tenant.base_currency;
    if (!isCurrency(currency)) {
      err(r.line, 'currency', `unknown currency ${currency}`, currency);
      continue;
    }
    let taxIds: ReturnType<typeof checkTaxIds>;
    let creditLimit: bigint | null = null;
    try {
      taxIds = checkTaxIds(r);
      if (r.credit_limit !== undefined) creditLimit = parseAmount(r.credit_limit, currency, 'credit_limit');
    } catch (error) {
      err(r.line, (error as { details?: { field?: string } }).details?.field ?? null, (error as Error).message.replace(/^[a-z_]+: /, ''));
      continue;
    }
    const termsId = r.payment_terms_code ? terms.get(r.payment_terms_code) : null;
    if (r.payment_terms_code && !termsId) {
      err(r.line, 'payment_terms_code', `no payment terms ${r.payment_terms_code}`, r.payment_terms_code);
      continue;
    }
    const collectorId = r.collector_email ? collectors.get(r.collector_email.toLowerCase()) : null;
    if (r.collector_email && !collectorId) {
      err(r.line, 'collector_email', `no user ${r.collector_email}`, r.collector_email);
      continue;
    }
    const timeZone = r.time_zone ?? tenant.time_zone;
    if (!isValidTimeZone(timeZone)) {
      err(r.line, 'time_zone', `unknown time zone ${timeZone}`, timeZone);
      continue;
    }
    if (result.errors.length > 0 || !b.writing()) continue;
    const id = newId();
    customers.push({
      tenant_id: tenant.id,
      id,
      code: r.code,
      name: r.name,
      kind: r.kind,
      ...taxIds,
      city: r.city ?? null,
      address: r.address ?? null,
      region: r.region ?? null,
      country: r.country ?? null,
      currency,
      payment_terms_id: termsId ?? null,
      credit_limit: creditLimit,
      risk_class: r.risk_class ?? 'medium',
      collector_id: collectorId ?? null,
      language: r.language ?? 'en',
      time_zone: timeZone,
      tags: `{${(r.tags ?? []).map((t) => `"${t.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`,
      import_id: b.importId,
    });
    if (r.contact_name || r.email || r.phone || r.whatsapp) {
      contacts.push({
        tenant_id: tenant.id,
        id: newId(),
        customer_id: id,
        name: r.contact_name ?? r.name,
        email: r.email ?? null,
        phone: r.phone ?? null,
        whatsapp: r.whatsapp ?? null,
        preferred_channel: r.email ? 'email' : r.whatsapp ? 'whatsapp' : 'phone',
        is_primary: true,
      });
    }
  }
  if (result.errors.length > 0 || !b.writing()) return result;
  await insertRows(trx, 'customers', repo.CUSTOMER_COLUMNS, customers as never);
  await insertRows(trx, 'contacts', repo.CONTACT_COLUMNS, contacts as never);
  result.inserted = customers.length;
  return result;
}
