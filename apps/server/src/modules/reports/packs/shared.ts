import type { AgingReport, ScheduleIIIReport } from '@duely/contracts/aging';
import type { CollectorPerformance, KpiMonth } from '@duely/contracts/kpis';
import type { ProvisionReport } from '@duely/contracts/provisions';
import { averageCei, daysBetween, formatMoney, parseAmount } from '@duely/domain';
import type { z } from 'zod';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import type { Tenant } from '../../../platform/schema.ts';
import { type BaseConverter, agingReport } from '../../aging/aging.service.ts';
import { dashboard } from '../../dashboard/dashboard.service.ts';
import type { CellValue, ReportColumn, ReportDocument, ReportSection } from '../export/index.ts';
import { displayDate, PERCENT_DECIMALS } from '../export/display.ts';
import * as repo from './packs.repo.ts';

type Aging = z.output<typeof AgingReport>;
type Collector = z.output<typeof CollectorPerformance>['collectors'][number];

/** The API's decimal strings back to minor units; they carry their sign in front. */
export const signed = (value: string, currency: string) => (value.startsWith('-') ? -parseAmount(value.slice(1), currency) : parseAmount(value, currency));

const sum = (values: Iterable<bigint>) => {
  let total = 0n;
  for (const v of values) total += v;
  return total;
};

/** Larger first; bigints don't subtract into a sort key. */
export const byAmountDesc = (a: bigint, b: bigint) => (a > b ? -1 : a < b ? 1 : 0);

/**
 * "Now" as an ISO timestamp with the tenant's offset (2025-06-05T18:30:00+05:30): the writers print
 * it as given, and an Indian reader should not have to add five and a half hours to UTC.
 */
export function nowIn(timeZone: string, now = new Date()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).slice(3);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

export function documentOf(tenant: Tenant, title: string, subtitle: string, sections: ReportSection[], currency = tenant.base_currency): ReportDocument {
  return { title, subtitle, tenantName: tenant.name, currency, generatedAt: nowIn(tenant.time_zone), sections };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** '2025-06' → 'Jun-2025', matching the DD-Mon-YYYY dates the writers print. */
export const displayMonth = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]}-${month.slice(0, 4)}`;

/** For notes, which are text: the same ₹12,34,567.89 the cells show. */
export const noteMoney = (v: bigint, currency: string) => formatMoney(v, currency);

const METHOD_LABELS: Record<string, string> = { neft: 'NEFT', rtgs: 'RTGS', imps: 'IMPS', upi: 'UPI', cheque: 'Cheque', cash: 'Cash', card: 'Card', nach: 'NACH', wire: 'Wire transfer', other: 'Other' };
export const methodLabel = (method: string) => METHOD_LABELS[method] ?? method;

/** Overdue = every bucket after "Current" (the aging's first bucket is not yet due). */
export const overdueOf = (row: { buckets: string[] }, currency: string) => sum(row.buckets.slice(1).map((v) => signed(v, currency)));

/** Percent of a whole to one decimal, rounded half up; null when there is no whole. */
export function shareOf(part: bigint, whole: bigint): number | null {
  if (whole <= 0n) return null;
  const tenths = (part * 1000n * 2n + whole) / (whole * 2n);
  return Number(tenths) / 10;
}

export const missingRatesNote = (currencies: string[], date: string) =>
  currencies.length ? `No exchange rate on or before ${displayDate(date)} for ${currencies.join(', ')}: those amounts are left out.` : undefined;

const joinNotes = (...notes: (string | undefined)[]) => notes.filter(Boolean).join(' ') || undefined;

// ——— Sections shared by the daily and weekly reports ———

interface ReceiptLike {
  collector_id: string | null;
  collector_name: string | null;
  method: string;
  amount: bigint;
  currency: string;
}

/** Receipts counted and summed per collector, in the base currency. */
export function receiptsByCollectorSection(receipts: ReceiptLike[], fx: BaseConverter, title: string, note?: string): ReportSection {
  const groups = new Map<string, { name: string; count: number; amount: bigint }>();
  for (const r of receipts) {
    const key = r.collector_id ?? '';
    const g = groups.get(key) ?? { name: r.collector_name ?? 'Unassigned', count: 0, amount: 0n };
    g.count += 1;
    g.amount += fx.toBase(r.amount, r.currency) ?? 0n;
    groups.set(key, g);
  }
  const rows = [...groups.values()].sort((a, b) => byAmountDesc(a.amount, b.amount) || a.name.localeCompare(b.name));
  return {
    name: 'By collector',
    title,
    note,
    columns: [
      { key: 'name', label: 'Collector', type: 'text' },
      { key: 'count', label: 'Receipts', type: 'integer' },
      { key: 'amount', label: 'Amount', type: 'money' },
    ],
    rows: rows.map((g) => ({ name: g.name, count: g.count, amount: g.amount })),
    totals: { name: 'Total', count: receipts.length, amount: sum(rows.map((g) => g.amount)) },
  };
}

export function receiptsByMethodSection(receipts: ReceiptLike[], fx: BaseConverter, title: string, note?: string): ReportSection {
  const groups = new Map<string, { count: number; amount: bigint }>();
  for (const r of receipts) {
    const g = groups.get(r.method) ?? { count: 0, amount: 0n };
    g.count += 1;
    g.amount += fx.toBase(r.amount, r.currency) ?? 0n;
    groups.set(r.method, g);
  }
  const rows = [...groups.entries()].sort(([ma, a], [mb, b]) => byAmountDesc(a.amount, b.amount) || ma.localeCompare(mb));
  return {
    name: 'By method',
    title,
    note,
    columns: [
      { key: 'method', label: 'Method', type: 'text' },
      { key: 'count', label: 'Receipts', type: 'integer' },
      { key: 'amount', label: 'Amount', type: 'money' },
    ],
    rows: rows.map(([method, g]) => ({ method: methodLabel(method), count: g.count, amount: g.amount })),
    totals: { method: 'Total', count: receipts.length, amount: sum(rows.map(([, g]) => g.amount)) },
  };
}

// ——— Sections of the weekly and monthly packs ———

export function agingSummarySection(aging: Aging): ReportSection {
  const base = aging.base_currency;
  const amounts = aging.totals.buckets.map((v) => signed(v, base));
  const total = signed(aging.totals.total, base);
  const c = (k: 'credits' | 'unapplied' | 'net') => noteMoney(signed(aging.totals[k], base), base);
  return {
    name: 'Aging',
    title: `Aging summary as of ${displayDate(aging.as_of)} (days past due date)`,
    note: joinNotes(`Open invoices and debit notes ${noteMoney(total, base)}, less unused credit notes ${c('credits')} and unapplied cash ${c('unapplied')}: net receivable ${c('net')}.`, missingRatesNote(aging.missing_rates, aging.as_of)),
    columns: [
      { key: 'bucket', label: 'Age', type: 'text' },
      { key: 'amount', label: 'Open invoices', type: 'money' },
      { key: 'share', label: 'Share', type: 'percent' },
    ],
    rows: aging.buckets.map((b, i) => ({ bucket: b.label, amount: amounts[i]!, share: shareOf(amounts[i]!, total) })),
    totals: { bucket: 'Total', amount: total, share: total > 0n ? 100 : null },
    chart: { kind: 'bar', title: 'Open invoices by age', category: 'bucket', series: ['amount'] },
  };
}

type Month = z.output<typeof KpiMonth>;

/** Rounds as the CEI cells do (Intl, half away from zero on the decimal): toFixed would print 72.35 as 72.3. */
const CEI_NOTE = new Intl.NumberFormat('en-IN', { minimumFractionDigits: PERCENT_DECIMALS, maximumFractionDigits: PERCENT_DECIMALS });

export function kpiTrendSection(months: Month[], currency: string): ReportSection {
  const cei = averageCei(months.map((m) => m.cei));
  const first = months[0]?.month;
  const last = months.at(-1)?.month;
  return {
    name: 'KPI trend',
    title: first && last ? `DSO, best possible DSO, average days delinquent and CEI, ${displayMonth(first)} to ${displayMonth(last)}` : 'DSO, BPDSO, ADD and CEI',
    note: `DSO and BPDSO by the countback method; ADD = DSO − BPDSO. CEI average over the months: ${cei === null ? '—' : `${CEI_NOTE.format(cei)}%`}.`,
    columns: [
      { key: 'month', label: 'Month', type: 'text' },
      { key: 'sales', label: 'Credit sales', type: 'money' },
      { key: 'collections', label: 'Collections', type: 'money' },
      { key: 'closing', label: 'Closing AR', type: 'money' },
      { key: 'dso_simple', label: 'DSO (simple)', type: 'number' },
      { key: 'dso', label: 'DSO', type: 'number' },
      { key: 'bpdso', label: 'BPDSO', type: 'number' },
      { key: 'add', label: 'ADD', type: 'number' },
      { key: 'cei', label: 'CEI', type: 'percent' },
    ],
    rows: months.map((m) => ({
      month: displayMonth(m.month),
      sales: signed(m.credit_sales, currency),
      collections: signed(m.collections, currency),
      closing: signed(m.closing_ar, currency),
      dso_simple: m.dso_simple,
      dso: m.dso_countback,
      bpdso: m.bpdso,
      add: m.add,
      cei: m.cei,
    })),
    chart: { kind: 'line', title: 'DSO, BPDSO, ADD (days) and CEI (%) by month', category: 'month', series: ['dso', 'bpdso', 'add', 'cei'] },
  };
}

export function targetsSection(collectors: Collector[], month: string, currency: string, note?: string): ReportSection {
  const amount = (v: string | null) => (v === null ? null : signed(v, currency));
  const targets = collectors.filter((c) => c.target !== null);
  return {
    name: 'Targets',
    title: `Collection targets and collections by collector, ${displayMonth(month)}`,
    note,
    columns: [
      { key: 'name', label: 'Collector', type: 'text' },
      { key: 'customers', label: 'Customers', type: 'integer' },
      { key: 'target', label: 'Target', type: 'money' },
      { key: 'collected', label: 'Collected', type: 'money' },
      { key: 'rate', label: 'Achieved', type: 'percent' },
      { key: 'open', label: 'Open AR', type: 'money' },
      { key: 'overdue', label: 'Overdue', type: 'money' },
      { key: 'at_risk', label: 'Over 90 days', type: 'money' },
    ],
    rows: collectors.map((c) => ({
      name: c.name,
      customers: c.customers,
      target: amount(c.target),
      collected: amount(c.collected),
      rate: c.rate,
      open: amount(c.open_ar),
      overdue: amount(c.overdue_ar),
      at_risk: amount(c.at_risk_ar),
    })),
    totals: {
      name: 'Total',
      customers: sum(collectors.map((c) => BigInt(c.customers))),
      target: targets.length ? sum(targets.map((c) => signed(c.target!, currency))) : null,
      collected: sum(collectors.map((c) => signed(c.collected, currency))),
      rate: null,
      open: sum(collectors.map((c) => signed(c.open_ar, currency))),
      overdue: sum(collectors.map((c) => signed(c.overdue_ar, currency))),
      at_risk: sum(collectors.map((c) => signed(c.at_risk_ar, currency))),
    },
    chart: { kind: 'bar', title: 'Target and collected by collector', category: 'name', series: ['target', 'collected'] },
  };
}

export const TOP_DEBTORS = 20;

/** The customers owing most past due, with the overdue buckets that make it up. */
export function topDebtorsSection(aging: Aging): ReportSection {
  const base = aging.base_currency;
  const overdueBuckets = aging.buckets.slice(1);
  const ranked = aging.rows
    .map((row) => ({ row, overdue: overdueOf(row, base) }))
    .filter((r) => r.overdue > 0n)
    .sort((a, b) => byAmountDesc(a.overdue, b.overdue) || (a.row.code ?? '').localeCompare(b.row.code ?? ''))
    .slice(0, TOP_DEBTORS);
  const bucketCells = (buckets: string[]) => Object.fromEntries(overdueBuckets.map((_, i) => [`b${i + 1}`, signed(buckets[i + 1]!, base)]));
  const allOverdue = overdueOf(aging.totals, base);
  const shown = sum(ranked.map((r) => r.overdue));
  return {
    name: 'Top debtors',
    title: `Top ${TOP_DEBTORS} debtors by overdue amount as of ${displayDate(aging.as_of)}`,
    note: `Overdue across all customers ${noteMoney(allOverdue, base)}; these ${ranked.length} owe ${shareOf(shown, allOverdue)?.toFixed(1) ?? '0.0'}% of it.`,
    columns: [
      { key: 'code', label: 'Code', type: 'text' },
      { key: 'name', label: 'Customer', type: 'text' },
      ...overdueBuckets.map((b, i): ReportColumn => ({ key: `b${i + 1}`, label: b.label, type: 'money' })),
      { key: 'overdue', label: 'Overdue', type: 'money' },
      { key: 'total', label: 'Total open', type: 'money' },
      { key: 'net', label: 'Net balance', type: 'money' },
    ],
    rows: ranked.map(({ row, overdue }) => ({ code: row.code, name: row.label, ...bucketCells(row.buckets), overdue, total: signed(row.total, base), net: signed(row.net, base) })),
    totals: {
      code: 'Total',
      name: `Top ${ranked.length} debtors`,
      ...Object.fromEntries(overdueBuckets.map((_, i) => [`b${i + 1}`, sum(ranked.map((r) => signed(r.row.buckets[i + 1]!, base)))])),
      overdue: shown,
      total: sum(ranked.map((r) => signed(r.row.total, base))),
      net: sum(ranked.map((r) => signed(r.row.net, base))),
    },
  };
}

type DisputedItem = Awaited<ReturnType<typeof repo.disputedItems>>[number];

/** Open items flagged disputed: their total is the dashboard's disputed AR. */
export function disputedSection(items: DisputedItem[], asOf: string, fx: BaseConverter): ReportSection {
  const foreign = items.some((i) => i.currency !== fx.base);
  const rows = items.map((i) => ({
    number: i.number,
    code: i.code,
    name: i.name,
    due: i.due_date,
    days: daysBetween(i.due_date, asOf),
    ...(foreign ? { currency: i.currency, original: formatMoney(i.open, i.currency) } : {}),
    open: fx.toBase(i.open, i.currency),
  }));
  return {
    name: 'Disputed',
    title: `Disputed open items as of ${displayDate(asOf)}`,
    note: joinNotes(items.length ? 'Dunning is paused on these items until the dispute is settled.' : 'No open item is disputed.', missingRatesNote([...fx.missing].sort(), asOf)),
    columns: [
      { key: 'number', label: 'Document', type: 'text' },
      { key: 'code', label: 'Code', type: 'text' },
      { key: 'name', label: 'Customer', type: 'text' },
      { key: 'due', label: 'Due date', type: 'date' },
      { key: 'days', label: 'Days past due', type: 'days' },
      ...(foreign ? [{ key: 'currency', label: 'Currency', type: 'text' as const }, { key: 'original', label: 'Amount in currency', type: 'text' as const }] : []),
      { key: 'open', label: 'Disputed', type: 'money' },
    ],
    rows,
    totals: { number: 'Total', open: sum(rows.map((r) => r.open ?? 0n)) },
  };
}

export function scheduleIIISection(schedule: z.output<typeof ScheduleIIIReport>): ReportSection {
  const base = schedule.currency;
  const cells = (amounts: string[]) => Object.fromEntries(amounts.map((v, i) => [`c${i}`, signed(v, base)]));
  return {
    name: 'Schedule III',
    title: `Schedule III trade receivables ageing as at ${displayDate(schedule.as_of)} (from due date)`,
    note: missingRatesNote(schedule.missing_rates, schedule.as_of),
    columns: [{ key: 'label', label: 'Particulars', type: 'text' }, ...schedule.columns.map((c, i): ReportColumn => ({ key: `c${i}`, label: c.label, type: 'money' })), { key: 'total', label: 'Total', type: 'money' }],
    rows: schedule.rows.map((r) => ({ label: r.label, ...cells(r.amounts), total: signed(r.total, base) })),
    totals: { label: 'Total', ...cells(schedule.totals), total: signed(schedule.total, base) },
  };
}

/** The provision matrix (balance × loss rate per bucket), specific provisions, and the total. */
export function provisionsSection(report: z.output<typeof ProvisionReport>): ReportSection {
  const base = report.currency;
  const several = report.segments.length > 1;
  const rows: Record<string, CellValue>[] = report.segments.flatMap((s) =>
    report.buckets.map((b, i) => {
      const rate = s.rates[i]!;
      return {
        label: several ? `${s.label}: ${b.label}` : b.label,
        balance: signed(s.balances[i]!, base),
        computed: rate.computed_percent,
        applied: rate.applied_percent,
        provision: signed(s.provisions[i]!, base),
        reason: rate.override_reason,
      };
    }),
  );
  for (const sp of report.specific) {
    rows.push({ label: `Specific: ${sp.code} ${sp.name}`, balance: signed(sp.balance, base), computed: null, applied: Number(sp.percent), provision: signed(sp.provision, base), reason: sp.reason });
  }
  const m = report.movement;
  const charge = signed(m.charge, base);
  const release = signed(m.release, base);
  const movement = charge > 0n ? `a charge of ${noteMoney(charge, base)}` : release > 0n ? `a release of ${noteMoney(release, base)}` : 'no change';
  return {
    name: 'Provisions',
    title: `Expected credit loss provision as of ${displayDate(report.as_of)} (provision matrix, roll rates)`,
    note: joinNotes(
      `Matrix ${noteMoney(signed(report.matrix_provision, base), base)} + specific ${noteMoney(signed(report.specific_provision, base), base)} = ${noteMoney(signed(report.total_provision, base), base)}; against ${noteMoney(signed(m.previous_provision, base), base)} on ${displayDate(m.previous_as_of)}, ${movement}.`,
      `Loss rates from invoices issued ${displayDate(report.history.from)} to ${displayDate(report.history.to)}.`,
      missingRatesNote(report.missing_rates, report.as_of),
    ),
    columns: [
      { key: 'label', label: 'Age', type: 'text' },
      { key: 'balance', label: 'Balance', type: 'money' },
      { key: 'computed', label: 'Loss rate (history)', type: 'percent' },
      { key: 'applied', label: 'Loss rate applied', type: 'percent' },
      { key: 'provision', label: 'Provision', type: 'money' },
      { key: 'reason', label: 'Override / reason', type: 'text' },
    ],
    rows,
    totals: { label: 'Total', balance: signed(report.total_balance, base), computed: null, applied: null, provision: signed(report.total_provision, base), reason: null },
  };
}

// ——— What the weekly and monthly packs have in common ———

/**
 * The management view on a date: aging, the KPI trend and collectors' month from the dashboard
 * (so the pack and the screen agree), the top debtors and the disputed items.
 */
export async function managementSections(db: Executor, ctx: Ctx, asOf: string, fx: BaseConverter, targetsNote?: string): Promise<ReportSection[]> {
  const aging = await agingReport(db, ctx, { as_of: asOf, basis: 'due', by: 'customer', segment: 'kind', limit: 100_000 });
  const board = await dashboard(db, ctx, asOf);
  const disputed = await repo.disputedItems(db, ctx.tenantId, asOf);
  const base = aging.base_currency;
  return [
    agingSummarySection(aging),
    kpiTrendSection(board.kpis, base),
    targetsSection(board.collectors, asOf.slice(0, 7), base, targetsNote),
    topDebtorsSection(aging),
    disputedSection(disputed, asOf, fx),
  ];
}
