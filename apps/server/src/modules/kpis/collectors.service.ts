import type { CollectorPerformance } from '@duely/contracts/kpis';
import { addDays, addMonths, collectionRate, formatAmount, minDate, todayIn } from '@duely/domain';
import type { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { agingCells } from '../aging/aging.repo.ts';
import { converterOn } from '../aging/aging.service.ts';
import { requireTenant } from '../customers/customers.service.ts';
import { targetsForMonth } from '../targets/targets.service.ts';
import * as repo from './kpis.repo.ts';

/** Past due beyond this many days is "at risk": the domain's default point of default. */
const AT_RISK_DAYS = 90;

interface Tally {
  collected: bigint;
  open: bigint;
  overdue: bigint;
  atRisk: bigint;
}

/**
 * Each collector's month: target beside what their customers paid in it, and their book on the
 * month's last day (or today, for the running month) — open, overdue, and at risk. With `upTo`
 * (a report as of a day in the month, such as the dashboard's) both stop on that day, so the
 * collections and the book agree with the rest of the report.
 */
export async function collectorPerformance(db: Executor, ctx: Ctx, month: string, upTo?: string): Promise<z.output<typeof CollectorPerformance>> {
  const tenant = await requireTenant(db, ctx.tenantId);
  const start = `${month}-01`;
  const end = addDays(addMonths(start, 1), -1);
  const until = minDate(end, upTo ?? end);
  const asOf = minDate(until, todayIn(tenant.time_zone));
  const g = { group: 'collector' as const, segment: 'kind' as const };
  const [fx, collections, cells, targets, users, counts] = await Promise.all([
    converterOn(db, ctx.tenantId, tenant.base_currency, asOf),
    repo.collectionsByMonth(db, ctx.tenantId, g, start, until),
    agingCells(db, ctx.tenantId, { asOf, basis: 'due', thresholds: [1, AT_RISK_DAYS + 1], group: 'collector', segment: 'kind' }),
    targetsForMonth(db, ctx.tenantId, month),
    db.selectFrom('users').select(['id', 'name']).where('tenant_id', '=', ctx.tenantId).execute(),
    db.selectFrom('customers').select((eb) => ['collector_id', eb.fn.countAll<bigint>().as('n')]).where('tenant_id', '=', ctx.tenantId).groupBy('collector_id').execute(),
  ]);
  const tallies = new Map<string, Tally>();
  const tally = (key: string | null) => {
    const k = key ?? '';
    let t = tallies.get(k);
    if (!t) {
      t = { collected: 0n, open: 0n, overdue: 0n, atRisk: 0n };
      tallies.set(k, t);
    }
    return t;
  };
  for (const row of collections) {
    const amount = fx.toBase(row.amount, row.currency);
    if (amount !== null) tally(row.group_key).collected += amount;
  }
  for (const cell of cells) {
    const amount = fx.toBase(cell.amount, cell.currency);
    if (amount === null) continue;
    const t = tally(cell.group_key);
    if (cell.item_class !== 'debit') {
      t.open -= amount;
      continue;
    }
    t.open += amount;
    if (cell.bucket >= 1) t.overdue += amount;
    if (cell.bucket === 2) t.atRisk += amount;
  }
  for (const id of targets.keys()) tally(id);
  const names = new Map(users.map((u) => [u.id, u.name]));
  const customerCount = new Map(counts.map((c) => [c.collector_id ?? '', Number(c.n)]));
  const fmt = (v: bigint) => formatAmount(v, tenant.base_currency);
  const collectors = [...tallies.entries()].map(([key, t]) => {
    const target = key ? (targets.get(key) ?? null) : null;
    return {
      collector_id: key || null,
      name: key ? (names.get(key) ?? key) : 'Unassigned',
      target: target === null ? null : fmt(target),
      collected: fmt(t.collected),
      rate: target === null ? null : collectionRate(t.collected, target),
      open_ar: fmt(t.open),
      overdue_ar: fmt(t.overdue),
      at_risk_ar: fmt(t.atRisk),
      at_risk_rate: t.open > 0n ? collectionRate(t.atRisk, t.open) : null,
      customers: customerCount.get(key) ?? 0,
    };
  });
  collectors.sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || a.name.localeCompare(b.name));
  return { month, currency: tenant.base_currency, collectors };
}
