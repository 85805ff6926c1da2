import type { KpiMonth, KpiQuery, KpiReport, PaymentBehaviour } from '@duely/contracts/kpis';
import {
  type SalesMonth,
  addDays,
  addMonths,
  averageCei,
  averageDaysDelinquent,
  averagePaymentDelay,
  bestPossibleDsoCountback,
  collectionEffectivenessIndex,
  daysBetween,
  dsoCountback,
  dsoSimple,
  formatAmount,
  paymentRating,
  todayIn,
} from '@duely/domain';
import type { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { type Executor, type RunAtOnce, inReportSnapshot } from '../../platform/db.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { converterOn, segmentLabel } from '../aging/aging.service.ts';
import { requireTenant } from '../customers/customers.service.ts';
import * as repo from './kpis.repo.ts';

type Month = z.output<typeof KpiMonth>;

export interface MonthSpan {
  month: string;
  start: string;
  end: string;
  days: number;
}

/** The longest series a report asks for: ten years of months. */
const MAX_SERIES_MONTHS = 120;

/**
 * Calendar months from the month of `from` to the month of `to`. The running month ends on `to`,
 * not on its last day: its sales are the sales so far, so its days are the days so far.
 */
export function monthsBetween(from: string, to: string): MonthSpan[] {
  const months: MonthSpan[] = [];
  for (let start = `${from.slice(0, 7)}-01`; start <= to; start = addMonths(start, 1)) {
    const last = addDays(addMonths(start, 1), -1);
    const end = last > to ? to : last;
    months.push({ month: start.slice(0, 7), start, end, days: daysBetween(start, end) + 1 });
  }
  return months;
}

/** Countback needs sales from before the series starts: at most this many months of history, */
const COUNTBACK_MONTHS = 12;
/** ...and usually no more than this many, which is all that is read unless more are needed. */
const RECENT_MONTHS = 3;

/** Whether a month's countback would walk past the sales fetched so far. */
function countbackNeedsMore(m: MonthSpan, fetched: MonthSpan[], data: GroupData) {
  let ar = data.movements.get('closing') ?? 0n; // AR at the end of month m: closing less what came after
  for (const other of fetched) if (other.month > m.month) ar -= data.movements.get(other.month) ?? 0n;
  const sales = fetched.filter((h) => h.month <= m.month).reduce((sum, h) => sum + (data.sales.get(h.month) ?? 0n), 0n);
  return ar > sales;
}

interface GroupData {
  sales: Map<string, bigint>;
  movements: Map<string, bigint>;
  collections: Map<string, bigint>;
  current: Map<string, bigint>;
}

/**
 * DSO (simple and countback), best possible DSO, average days delinquent and CEI per calendar
 * month, for the company or per collector or segment, in the base currency. Formulas are the
 * domain package's (../shared/docs/domain.md); the inputs per month are: credit sales (net of
 * credit notes), closing AR from the AR journal, and AR not yet due at month end.
 */
export async function kpiReport(executor: Executor, ctx: Ctx, query: z.output<typeof KpiQuery>): Promise<z.output<typeof KpiReport>> {
  if (query.from > query.to) throw new ValidationError('from', 'must be on or before to');
  return inReportSnapshot(executor, (db, atOnce) => kpiReportIn(db, atOnce, ctx, query));
}

async function kpiReportIn(db: Executor, atOnce: RunAtOnce, ctx: Ctx, query: z.output<typeof KpiQuery>): Promise<z.output<typeof KpiReport>> {
  const tenant = await requireTenant(db, ctx.tenantId);
  // AR not yet due "at month end" of the running month is AR on `to`.
  const months = monthsBetween(query.from, query.to);
  // Checked on the months asked for: countback's history before them is ours to add.
  if (months.length > MAX_SERIES_MONTHS) throw new ValidationError('to', `a series covers at most ${MAX_SERIES_MONTHS} months`);
  const first = months[0]!;
  const last = months.at(-1)!;
  const history = monthsBetween(addMonths(first.start, -COUNTBACK_MONTHS), last.end);
  const recent = monthsBetween(addMonths(first.start, -RECENT_MONTHS), last.end);
  const g = { group: query.by, segment: query.segment };
  const fx = await converterOn(db, ctx.tenantId, tenant.base_currency, last.end);
  // Closing AR at `to` is the kept balances less what the journal moved after it (arBalanceAsOf),
  // so only the window's journal lines and those after it are read, not all history.
  const [sales, movements, collections, current, closing] = await atOnce(
    (q) => repo.salesByMonth(q, ctx.tenantId, g, recent[0]!.start, last.end),
    (q) => repo.arMovementsByMonth(q, ctx.tenantId, g, first.start, last.end),
    (q) => repo.collectionsByMonth(q, ctx.tenantId, g, first.start, last.end),
    (q) => repo.currentArAtMonthEnds(q, ctx.tenantId, g, months.map((m) => m.end)),
    (q) => repo.arBalanceAsOf(q, ctx.tenantId, g, last.end),
  );

  const groups = new Map<string, GroupData>();
  const groupOf = (key: string | null) => {
    const k = key ?? '';
    let data = groups.get(k);
    if (!data) {
      data = { sales: new Map(), movements: new Map(), collections: new Map(), current: new Map() };
      groups.set(k, data);
    }
    return data;
  };
  const addTo = (map: Map<string, bigint>, key: string, amount: bigint, currency: string) => {
    const base = fx.toBase(amount, currency);
    if (base !== null) map.set(key, (map.get(key) ?? 0n) + base);
  };
  for (const r of sales) addTo(groupOf(r.group_key).sales, r.month, r.amount, r.currency);
  for (const r of movements) addTo(groupOf(r.group_key).movements, r.month, r.amount, r.currency);
  for (const c of closing) addTo(groupOf(c.group_key).movements, 'closing', c.amount, c.currency);
  // Countback rarely needs more than a few months of sales; fetch the rest only when it does.
  if ([...groups.values()].some((data) => months.some((m) => countbackNeedsMore(m, recent, data)))) {
    const older = await repo.salesByMonth(db, ctx.tenantId, g, history[0]!.start, addDays(recent[0]!.start, -1));
    for (const r of older) addTo(groupOf(r.group_key).sales, r.month, r.amount, r.currency);
  }
  for (const r of collections) addTo(groupOf(r.group_key).collections, r.month, r.amount, r.currency);
  for (const r of current) addTo(groupOf(r.group_key).current, r.month_end.slice(0, 7), r.amount, r.currency);
  if (query.by === 'tenant' && groups.size === 0) groupOf(null);

  const labels = await groupLabels(db, ctx.tenantId, query.by);
  const series = [...groups.entries()].map(([key, data]) => {
    const monthly = seriesFor(months, history, data, tenant.base_currency);
    return { key: key === '' ? null : key, label: labels(key === '' ? null : key), months: monthly, cei_average: averageCei(monthly.map((m) => m.cei)) };
  });
  series.sort((a, b) => a.label.localeCompare(b.label));
  return { from: query.from, to: query.to, currency: tenant.base_currency, by: query.by, series, missing_rates: [...fx.missing].sort() };
}

function seriesFor(months: MonthSpan[], history: MonthSpan[], data: GroupData, currency: string): Month[] {
  const fmt = (v: bigint) => formatAmount(v, currency);
  const windowMovements = months.reduce((sum, m) => sum + (data.movements.get(m.month) ?? 0n), 0n);
  let ar = (data.movements.get('closing') ?? 0n) - windowMovements;
  return months.map((m) => {
    const opening = ar;
    ar += data.movements.get(m.month) ?? 0n;
    const sales = data.sales.get(m.month) ?? 0n;
    const notDue = data.current.get(m.month) ?? 0n;
    // Most recent first, from this month back through the history the query fetched.
    const back: SalesMonth[] = history
      .filter((h) => h.month <= m.month)
      .reverse()
      .map((h) => ({ sales: data.sales.get(h.month) ?? 0n, days: h.days }));
    const countback = dsoCountback({ endingAr: ar, months: back });
    const bpdso = bestPossibleDsoCountback({ notDueAr: notDue, months: back });
    return {
      month: m.month,
      start: m.start,
      end: m.end,
      days: m.days,
      opening_ar: fmt(opening),
      credit_sales: fmt(sales),
      collections: fmt(data.collections.get(m.month) ?? 0n),
      closing_ar: fmt(ar),
      closing_current_ar: fmt(notDue),
      dso_simple: dsoSimple({ endingAr: ar, creditSales: sales, days: m.days }),
      dso_countback: countback,
      bpdso,
      add: averageDaysDelinquent(countback, bpdso),
      cei: collectionEffectivenessIndex({ openingAr: opening, creditSales: sales, closingAr: ar, closingCurrentAr: notDue }),
    };
  });
}

async function groupLabels(db: Executor, tenantId: string, by: repo.KpiGroup) {
  if (by === 'tenant') return () => 'Whole company';
  if (by === 'collector') {
    const users = await db.selectFrom('users').select(['id', 'name']).where('tenant_id', '=', tenantId).execute();
    const names = new Map(users.map((u) => [u.id, u.name]));
    return (key: string | null) => (key ? (names.get(key) ?? key) : 'Unassigned');
  }
  return segmentLabel;
}

/** A customer's average payment delay and rating as of a date, and its month-by-month history. */
export async function paymentBehaviour(db: Executor, ctx: Ctx, customerId: string, asOfQuery?: string): Promise<z.output<typeof PaymentBehaviour>> {
  const tenant = await requireTenant(db, ctx.tenantId);
  const customer = await db.selectFrom('customers').select(['id', 'currency']).where('tenant_id', '=', ctx.tenantId).where('id', '=', customerId).executeTakeFirst();
  if (!customer) throw new NotFoundError('customer', customerId);
  const asOf = asOfQuery ?? todayIn(tenant.time_zone);
  const items = await repo.paymentItems(db, ctx.tenantId, customerId, asOf);
  const delay = averagePaymentDelay(
    items.map((i) => ({ amount: i.amount, dueDate: i.due_date, paidDate: i.paid_date })),
    asOf,
  );
  const byMonth = new Map<string, { invoiced: bigint; paid: bigint; items: { amount: bigint; dueDate: string; paidDate: string }[] }>();
  const monthOf = (m: string) => {
    let v = byMonth.get(m);
    if (!v) {
      v = { invoiced: 0n, paid: 0n, items: [] };
      byMonth.set(m, v);
    }
    return v;
  };
  const invoiced = await db
    .selectFrom('invoices')
    .select((eb) => [eb.fn<string>('to_char', ['issue_date', eb.val('YYYY-MM')]).as('month'), eb.fn.sum<bigint>('total').as('total')])
    .where('tenant_id', '=', ctx.tenantId)
    .where('customer_id', '=', customerId)
    .where('kind', '<>', 'credit_note')
    .where('voided_on', 'is', null)
    .where('issue_date', '<=', asOf)
    .groupBy('month')
    .execute();
  for (const row of invoiced) monthOf(row.month).invoiced += BigInt(row.total);
  for (const item of items) {
    if (item.paid_date === null) continue;
    const m = monthOf(item.paid_date.slice(0, 7));
    m.paid += item.amount;
    m.items.push({ amount: item.amount, dueDate: item.due_date, paidDate: item.paid_date });
  }
  const fmt = (v: bigint) => formatAmount(v, customer.currency);
  return {
    customer_id: customerId,
    as_of: asOf,
    currency: customer.currency,
    average_delay_days: delay,
    rating: paymentRating(delay),
    months: [...byMonth.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .slice(-24)
      .map(([month, v]) => ({ month, invoiced: fmt(v.invoiced), paid: fmt(v.paid), average_delay_days: averagePaymentDelay(v.items, asOf) })),
  };
}
