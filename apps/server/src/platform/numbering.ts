import { fiscalYear } from '@duely/domain';
import { sql } from 'kysely';
import type { Trx } from './db.ts';

export type NumberedDocument = 'invoice' | 'debit_note' | 'credit_note' | 'receipt';

export const PREFIX: Record<NumberedDocument, string> = { invoice: 'INV', debit_note: 'DN', credit_note: 'CN', receipt: 'RCT' };

/**
 * Next number of a tenant's series for the fiscal year of `date`: "INV/25-26/00042". The
 * upsert takes a row lock held until commit, so concurrent creators queue and a rolled-back
 * transaction gives its number back: no gaps, no duplicates.
 */
export async function nextDocumentNumber(
  trx: Trx,
  tenant: { id: string; fiscal_year_start_month: number },
  docType: NumberedDocument,
  date: string,
): Promise<string> {
  const fy = fiscalYear(date, tenant.fiscal_year_start_month);
  const row = await sql<{ prefix: string; last_number: bigint }>`
    insert into number_series (tenant_id, doc_type, fiscal_year, prefix, last_number)
    values (${tenant.id}, ${docType}, ${fy.label}, ${PREFIX[docType]}, 1)
    on conflict (tenant_id, doc_type, fiscal_year) do update set last_number = number_series.last_number + 1
    returning prefix, last_number`.execute(trx);
  const { prefix, last_number } = row.rows[0]!;
  return formatDocumentNumber(prefix, fy.short, last_number);
}

export function formatDocumentNumber(prefix: string, fyShort: string, n: bigint) {
  return `${prefix}/${fyShort}/${String(n).padStart(5, '0')}`;
}
