import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

export const INVOICE_COLUMNS = {
  tenant_id: 'uuid',
  id: 'uuid',
  kind: 'text',
  number: 'text',
  customer_id: 'uuid',
  issue_date: 'date',
  due_date: 'date',
  currency: 'text',
  supply_type: 'text',
  place_of_supply: 'text',
  taxable_amount: 'bigint',
  cgst: 'bigint',
  sgst: 'bigint',
  igst: 'bigint',
  other_tax: 'bigint',
  total: 'bigint',
  open_amount: 'bigint',
  reference: 'text',
  disputed: 'boolean',
  import_id: 'uuid',
  created_by: 'uuid',
};


export const RECEIPT_COLUMNS = {
  tenant_id: 'uuid',
  id: 'uuid',
  number: 'text',
  customer_id: 'uuid',
  receipt_date: 'date',
  currency: 'text',
  amount: 'bigint',
  unapplied_amount: 'bigint',
  method: 'text',
  reference: 'text',
  bank_account_id: 'uuid',
  notes: 'text',
  import_id: 'uuid',
  created_by: 'uuid',
};

export const ALLOCATION_COLUMNS = {
  tenant_id: 'uuid',
  id: 'uuid',
  allocation_date: 'date',
  receipt_id: 'uuid',
  invoice_id: 'uuid',
  source_date: 'date',
  invoice_issue_date: 'date',
  amount: 'bigint',
  import_id: 'uuid',
  created_by: 'uuid',
};

export const CUSTOMER_COLUMNS = {
  tenant_id: 'uuid',
  id: 'uuid',
  code: 'text',
  name: 'text',
  kind: 'text',
  gstin: 'text',
  pan: 'text',
  state_code: 'text',
  city: 'text',
  address: 'text',
  region: 'text',
  country: 'text',
  currency: 'text',
  payment_terms_id: 'uuid',
  credit_limit: 'bigint',
  risk_class: 'text',
  collector_id: 'uuid',
  language: 'text',
  time_zone: 'text',
  tags: 'text::text[]',
  import_id: 'uuid',
};

export const CONTACT_COLUMNS = {
  tenant_id: 'uuid',
  id: 'uuid',
  customer_id: 'uuid',
  name: 'text',
  email: 'text',
  phone: 'text',
  whatsapp: 'text',
  preferred_channel: 'text',
  is_primary: 'boolean',
};

export function customersByCode(db: Executor, tenantId: string, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('customers')
    .select(['id', 'code', 'name', 'currency', 'state_code', 'country'])
    .where('tenant_id', '=', tenantId)
    .where('code', '=', sql<string>`any(${codes}::text[])`)
    .execute();
}

/** By kind and number: the unique index (tenant_id, kind, number) answers it without a scan. */
export function documentsByNumber(db: Executor, tenantId: string, kind: string, numbers: string[]) {
  if (numbers.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('invoices')
    .select(['id', 'kind', 'number', 'customer_id', 'total'])
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', kind as 'invoice')
    .where('number', '=', sql<string>`any(${numbers}::text[])`)
    .execute();
}

/**
 * Takes `count` consecutive numbers of a series in one statement; returns the first. Same
 * gapless guarantee as taking them one at a time: the row stays locked until commit.
 */
export async function reserveNumbers(db: Executor, tenantId: string, docType: string, fiscalYear: string, prefix: string, count: number) {
  const row = await sql<{ last_number: bigint }>`
    insert into number_series (tenant_id, doc_type, fiscal_year, prefix, last_number)
    values (${tenantId}, ${docType}, ${fiscalYear}, ${prefix}, ${count})
    on conflict (tenant_id, doc_type, fiscal_year) do update set last_number = number_series.last_number + ${count}
    returning last_number, prefix`.execute(db);
  return { first: row.rows[0]!.last_number - BigInt(count) + 1n, prefix };
}
