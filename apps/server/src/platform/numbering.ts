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
  return (await nextDocumentNumbers(trx, tenant, docType, [date]))[0]!;
}

/**
 * Numbers for several documents at once, one per date in the order given: one upsert per fiscal
 * year among the dates, moving its series on by as many as it hands out.
 */
export async function nextDocumentNumbers(
  trx: Trx,
  tenant: { id: string; fiscal_year_start_month: number },
  docType: NumberedDocument,
  dates: string[],
): Promise<string[]> {
  const years = dates.map((date) => fiscalYear(date, tenant.fiscal_year_start_month));
  const counts = new Map<string, { short: string; count: bigint; next: bigint; prefix: string }>();
  for (const fy of years) {
    const seen = counts.get(fy.label);
    if (seen) seen.count++;
    else counts.set(fy.label, { short: fy.short, count: 1n, next: 0n, prefix: PREFIX[docType] });
  }
  // Years in order, so two writers lock the series rows in the same order.
  for (const [label, c] of [...counts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const row = await sql<{ prefix: string; last_number: bigint }>`
      insert into number_series (tenant_id, doc_type, fiscal_year, prefix, last_number)
      values (${tenant.id}, ${docType}, ${label}, ${PREFIX[docType]}, ${c.count})
      on conflict (tenant_id, doc_type, fiscal_year) do update set last_number = number_series.last_number + ${c.count}
      returning prefix, last_number`.execute(trx);
    c.prefix = row.rows[0]!.prefix;
    c.next = BigInt(row.rows[0]!.last_number) - c.count + 1n;
  }
  return years.map((fy) => {
    const c = counts.get(fy.label)!;
    return formatDocumentNumber(c.prefix, c.short, c.next++);
  });
}

export function formatDocumentNumber(prefix: string, fyShort: string, n: bigint) {
  return `${prefix}/${fyShort}/${String(n).padStart(5, '0')}`;
}
