import type { Dashboard } from '@duely/contracts/kpis';
import { addMonths, formatAmount, parseAmount, todayIn } from '@duely/domain';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { type Executor, inReportSnapshot } from '../../platform/db.ts';
import { openItemsAsOf } from '../aging/open-items.sql.ts';
import { agingReport, converterOn } from '../aging/aging.service.ts';
import { requireTenant } from '../customers/customers.service.ts';
import { collectorPerformance } from '../kpis/collectors.service.ts';
import { kpiReport } from '../kpis/kpis.service.ts';

/** What an AR manager reads first each morning, in the base currency, as of a date: every figure of one moment. */
export async function dashboard(executor: Executor, ctx: Ctx, asOfQuery?: string): Promise<z.output<typeof Dashboard>> {
  return inReportSnapshot(executor, (db) => dashboardIn(db, ctx, asOfQuery));
}

async function dashboardIn(db: Executor, ctx: Ctx, asOfQuery?: string): Promise<z.output<typeof Dashboard>> {
  const tenant = await requireTenant(db, ctx.tenantId);
  const asOf = asOfQuery ?? todayIn(tenant.time_zone);
  const base = tenant.base_currency;
  const aging = await agingReport(db, ctx, { as_of: asOf, basis: 'due', by: 'tenant', segment: 'kind' });
  const kpis = await kpiReport(db, ctx, { from: addMonths(`${asOf.slice(0, 7)}-01`, -11), to: asOf, by: 'tenant', segment: 'kind' });
  const collectors = await collectorPerformance(db, ctx, asOf.slice(0, 7), asOf);
  const fx = await converterOn(db, ctx.tenantId, base, asOf);

  const overdueRows = await sql<{ customer_id: string; code: string; name: string; currency: string; overdue: bigint; oldest_days: number; disputed: bigint }>`
    select o.customer_id, c.code, c.name, o.currency::text as currency,
      sum(o.open) filter (where o.due_date < ${asOf}::date)::bigint as overdue,
      max(${asOf}::date - o.due_date)::int as oldest_days,
      coalesce(sum(o.open) filter (where o.disputed), 0)::bigint as disputed
    from ${openItemsAsOf(ctx.tenantId, asOf)} o
    join customers c on c.tenant_id = ${ctx.tenantId} and c.id = o.customer_id
    where o.item_type in ('invoice', 'debit_note')
    group by 1, 2, 3, 4`.execute(db);
  let disputed = 0n;
  const overdue = [];
  for (const row of overdueRows.rows) {
    disputed += fx.toBase(row.disputed, row.currency) ?? 0n;
    const amount = row.overdue === null ? null : fx.toBase(row.overdue, row.currency);
    if (amount) overdue.push({ ...row, amount });
  }
  overdue.sort((a, b) => (b.amount > a.amount ? 1 : b.amount < a.amount ? -1 : 0));

  const parse = (v: string) => (v.startsWith('-') ? -parseAmount(v.slice(1), base) : parseAmount(v, base));
  const overdueAr = aging.totals.buckets.slice(1).reduce((s, v) => s + parse(v), 0n);
  return {
    as_of: asOf,
    currency: base,
    open_ar: aging.totals.net,
    overdue_ar: formatAmount(overdueAr, base),
    unapplied_cash: aging.totals.unapplied,
    disputed_ar: formatAmount(disputed, base),
    aging: aging.buckets.map((b, i) => ({ key: b.key, label: b.label, amount: aging.totals.buckets[i]! })),
    top_overdue: overdue.slice(0, 10).map((r) => ({ customer_id: r.customer_id, code: r.code, name: r.name, overdue: formatAmount(r.amount, base), oldest_days: r.oldest_days })),
    kpis: kpis.series[0]?.months ?? [],
    collectors: collectors.collectors,
    missing_rates: [...new Set([...aging.missing_rates, ...kpis.missing_rates, ...fx.missing])].sort(),
  };
}
