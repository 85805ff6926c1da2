import type { ExchangeRateIn } from '@duely/contracts/aging';
import { isCurrency, isIsoDate } from '@duely/domain';
import { parseRate } from '@duely/domain/fx';
import { sql } from 'kysely';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Executor, inTransaction } from '../../platform/db.ts';
import { ValidationError } from '../../platform/errors.ts';
import { readSmallCsv } from '../../platform/small-csv.ts';
import { requireTenant } from '../customers/customers.service.ts';

type RateIn = z.output<typeof ExchangeRateIn>;

export async function listExchangeRates(db: Executor, ctx: Ctx, currency?: string) {
  let query = db.selectFrom('exchange_rates').select(['currency', 'rate_date', sql<string>`rate::text`.as('rate'), 'source']).where('tenant_id', '=', ctx.tenantId);
  if (currency) query = query.where('currency', '=', currency);
  const rows = await query.orderBy('currency').orderBy('rate_date', 'desc').limit(5000).execute();
  return { data: rows.map((r) => ({ ...r, rate: normaliseRate(r.rate) })) };
}

/** Sets rates (insert or replace the rate of that currency on that date), all in one transaction. */
export async function setExchangeRates(db: Executor, ctx: Ctx, rates: RateIn[]) {
  return inTransaction(db, async (trx) => {
    const tenant = await requireTenant(trx, ctx.tenantId);
    rates.forEach((r, i) => {
      if (r.currency === tenant.base_currency) throw new ValidationError(`rates[${i}].currency`, `${r.currency} is the base currency; its rate is always 1`);
      parseRate(r.rate, `rates[${i}].rate`);
    });
    for (let i = 0; i < rates.length; i += 2000) {
      const chunk = rates.slice(i, i + 2000);
      await trx
        .insertInto('exchange_rates')
        .values(chunk.map((r) => ({ tenant_id: ctx.tenantId, currency: r.currency, rate_date: r.rate_date, rate: r.rate, source: r.source ?? null })))
        .onConflict((oc) => oc.columns(['tenant_id', 'currency', 'rate_date']).doUpdateSet((eb) => ({ rate: eb.ref('excluded.rate'), source: eb.ref('excluded.source') })))
        .execute();
    }
    await recordAudit(trx, ctx, { action: 'exchange_rates.set', entityType: 'exchange_rates', entityId: ctx.tenantId, after: { count: rates.length, rates: rates.slice(0, 100) } });
    return { saved: rates.length };
  });
}

export interface RateImportError {
  line: number;
  column: string;
  reason: string;
}

/**
 * A rates CSV with the columns currency, date (YYYY-MM-DD) and rate, in any order, header
 * required. Every bad row is reported with its line; any error and nothing is saved.
 */
export async function importExchangeRates(db: Executor, ctx: Ctx, csv: string, options: { dryRun?: boolean } = {}) {
  const rows = readSmallCsv(csv, { currency: ['currency', 'ccy'], date: ['date', 'rate_date'], rate: ['rate', 'value'] });
  const errors: RateImportError[] = [];
  const rates: RateIn[] = [];
  const seen = new Set<string>();
  const lineOfRate: number[] = [];
  for (const { line, row } of rows) {
    const currency = row.currency.toUpperCase();
    const { date, rate } = row;
    const problem = rowProblem(currency, date, rate, seen);
    if (problem) {
      errors.push({ line, ...problem });
      continue;
    }
    rates.push({ currency, rate_date: date, rate, source: 'import' });
    lineOfRate.push(line);
  }
  if (errors.length || options.dryRun) return { saved: 0, rows: rates.length, errors };
  try {
    const { saved } = await setExchangeRates(db, ctx, rates);
    return { saved, rows: rates.length, errors };
  } catch (error) {
    if (error instanceof ValidationError) {
      const field = String((error.details as { field?: string }).field ?? '');
      const index = Number(/rates\[(\d+)\]/.exec(field)?.[1] ?? -1);
      if (index >= 0) return { saved: 0, rows: rates.length, errors: [{ line: lineOfRate[index]!, column: field.split('.').pop()!, reason: error.message }] };
    }
    throw error;
  }
}

function rowProblem(currency: string, date: string, rate: string, seen: Set<string>): { column: string; reason: string } | null {
  if (!isCurrency(currency)) return { column: 'currency', reason: `"${currency}" is not an ISO 4217 currency` };
  if (!isIsoDate(date)) return { column: 'date', reason: `"${date}" is not a date as YYYY-MM-DD` };
  try {
    parseRate(rate);
  } catch {
    return { column: 'rate', reason: `"${rate}" is not a positive decimal rate` };
  }
  const key = `${currency}:${date}`;
  if (seen.has(key)) return { column: 'date', reason: `a second ${currency} rate for ${date}` };
  seen.add(key);
  return null;
}

/** numeric(24,10) prints trailing zeros; "83.1245000000" reads better as "83.1245". */
function normaliseRate(rate: string) {
  return rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate;
}
