import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

type Cell = string | number | boolean | bigint | null;

/**
 * One INSERT … SELECT FROM unnest(array, array, …) per batch: a handful of parameters whatever
 * the row count, so a 5,000-row batch is one round trip and one plan (multi-row VALUES would
 * need 5,000 × columns parameters and hit PostgreSQL's 65,535 limit).
 */
export async function bulkInsert(db: Executor, table: string, columns: Record<string, string>, rows: Record<string, Cell>[]) {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  const arrays = names.map((name) =>
    rows.map((row) => {
      const value = row[name];
      return typeof value === 'bigint' ? value.toString() : (value ?? null);
    }),
  );
  // "text::text[]": sent as text, cast per row (arrays can't be unnested from a 2-D array).
  const types = names.map((name) => columns[name]!.split('::') as [string, string?]);
  const selects: RawBuilder<unknown>[] = names.map((_, i) => sql`${arrays[i]}::${sql.raw(types[i]![0])}[]`);
  const aliases = names.map((_, i) => `c${i}`);
  const outputs = aliases.map((alias, i) => sql.raw(types[i]![1] ? `${alias}::${types[i]![1]}` : alias));
  await sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))})
    select ${sql.join(outputs)} from unnest(${sql.join(selects)}) as u(${sql.raw(aliases.join(', '))})`.execute(db);
}

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

export const JOURNAL_COLUMNS = {
  tenant_id: 'uuid',
  entry_id: 'uuid',
  line_no: 'smallint',
  entry_date: 'date',
  source_type: 'text',
  source_id: 'uuid',
  doc_number: 'text',
  account: 'text',
  customer_id: 'uuid',
  currency: 'text',
  debit: 'bigint',
  credit: 'bigint',
  memo: 'text',
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
