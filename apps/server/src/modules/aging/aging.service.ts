import { SCHEDULE_III_BUCKETS, bucketsFromBounds, currencyExponent, formatAmount, todayIn } from '@duely/domain';
import { convertAmount, parseRate } from '@duely/domain/fx';
import type { z } from 'zod';
import type { AgingItemPage, AgingItemsQuery, AgingQuery, AgingReport, ScheduleIIIReport } from '@duely/contracts/aging';
import { type Executor, inReportSnapshot } from '../../platform/db.ts';
import type { Ctx } from '../../platform/context.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { requireTenant } from '../customers/customers.service.ts';
import * as repo from './aging.repo.ts';

type Query = Omit<z.output<typeof AgingQuery>, 'limit'> & { limit?: number };
type Report = z.output<typeof AgingReport>;

/** width_bucket thresholds for bucket bounds [30, 60, 90]: [1, 31, 61, 91]. */
export const thresholdsFor = (bounds: number[]) => [1, ...bounds.map((b) => b + 1)];

/** Converts amounts of any currency into the base currency at the rates in force on a date. */
export class BaseConverter {
  readonly missing = new Set<string>();
  constructor(
    readonly base: string,
    private readonly rates: Map<string, string>,
  ) {}
  /** null when the currency has no rate: such amounts stay out of base totals, and are named. */
  toBase(amount: bigint, currency: string): bigint | null {
    if (currency === this.base) return amount;
    const rate = this.rates.get(currency);
    if (!rate) {
      this.missing.add(currency);
      return null;
    }
    return convertAmount(amount, currency, this.base, parseRate(rate));
  }
}

export async function converterOn(db: Executor, tenantId: string, base: string, date: string) {
  return new BaseConverter(base, await repo.ratesOn(db, tenantId, date));
}

interface AgingFigures {
  key: string | null;
  currency: string;
  buckets: bigint[];
  credits: bigint;
  unapplied: bigint;
  items: number;
}

/**
 * The aging report as of a date: per group, open invoices and debit notes in buckets, with unused
 * credits and unapplied cash beside them. Rows grouped by currency stay in their currency; every
 * other grouping, and the totals, are in the base currency at the rates in force on `as_of`.
 */
export async function agingReport(executor: Executor, ctx: Ctx, query: Query, options: { byScan?: boolean } = {}): Promise<Report> {
  return inReportSnapshot(executor, (db) => agingReportIn(db, ctx, query, options));
}

async function agingReportIn(db: Executor, ctx: Ctx, query: Query, options: { byScan?: boolean }): Promise<Report> {
  const tenant = await requireTenant(db, ctx.tenantId);
  const asOf = query.as_of ?? todayIn(tenant.time_zone);
  const buckets = bucketsFromBounds(tenant.aging_bounds);
  const spec: repo.AgingSpec = {
    asOf,
    basis: query.basis,
    thresholds: thresholdsFor(tenant.aging_bounds),
    group: query.by,
    segment: query.segment,
    byScan: options.byScan ?? false,
  };
  const base = tenant.base_currency;
  const rates = await repo.ratesOn(db, ctx.tenantId, asOf);
  const summary = await repo.agingSummary(db, ctx.tenantId, spec, {
    base,
    rates: [...rates].map(([currency, rate]) => ({ currency, rate, shift: currencyExponent(base) - currencyExponent(currency) })),
    ownCurrency: query.by === 'currency',
    bucketCount: buckets.length,
    limit: query.limit ?? 1000,
  });
  const totalsRow = summary.find((r) => r.part === 'total')!;
  const shown = summary.filter((r) => r.part === 'row');
  const n = buckets.length;
  const labels = await groupLabels(db, ctx.tenantId, query.by, shown.map((r) => r.group_key));
  const toRow = (r: repo.SummaryRow): AgingFigures => ({
    key: r.group_key,
    currency: r.currency,
    buckets: r.amounts.slice(0, n),
    credits: r.credits,
    unapplied: r.unapplied,
    items: Number(r.items),
  });
  return {
    as_of: asOf,
    basis: query.basis,
    by: query.by,
    segment: query.by === 'segment' ? query.segment : null,
    base_currency: base,
    buckets: buckets.map(({ key, label }) => ({ key, label })),
    rows: shown.map((r) => ({ ...labels(r.group_key), ...formatRow(toRow(r)) })),
    rows_total: Number(totalsRow.rows_total),
    totals: formatRow(toRow(totalsRow)),
    credit_aging: {
      credits: totalsRow.amounts.slice(n, 2 * n).map((v) => formatAmount(-v, base)),
      unapplied: totalsRow.amounts.slice(2 * n, 3 * n).map((v) => formatAmount(-v, base)),
    },
    missing_rates: totalsRow.missing ?? [],
  };
}


function formatRow(row: AgingFigures) {
  const total = row.buckets.reduce((a, b) => a + b, 0n);
  const fmt = (v: bigint) => formatAmount(v, row.currency);
  return {
    currency: row.currency,
    buckets: row.buckets.map(fmt),
    total: fmt(total),
    credits: fmt(row.credits),
    unapplied: fmt(row.unapplied),
    net: fmt(total - row.credits - row.unapplied),
    items: row.items,
  };
}

const SEGMENT_LABELS: Record<string, string> = { b2b: 'B2B', b2c: 'B2C', low: 'Low risk', medium: 'Medium risk', high: 'High risk', critical: 'Critical risk' };

/** B2B/B2C, a risk class, or a region as people say it; null is a customer with none set. */
export function segmentLabel(key: string | null) {
  return key === null ? 'Not set' : (SEGMENT_LABELS[key] ?? key);
}

async function groupLabels(db: Executor, tenantId: string, by: repo.AgingGroup, keys: (string | null)[]) {
  const present = keys.filter((k): k is string => k !== null);
  if (by === 'customer') {
    const names = await repo.customerNames(db, tenantId, present);
    return (key: string | null) => ({ key, code: key ? (names.get(key)?.code ?? null) : null, label: key ? (names.get(key)?.name ?? key) : '—' });
  }
  if (by === 'collector') {
    const names = await repo.userNames(db, tenantId);
    return (key: string | null) => ({ key, code: null, label: key ? (names.get(key) ?? key) : 'Unassigned' });
  }
  if (by === 'tenant') return (key: string | null) => ({ key, code: null, label: 'All customers' });
  return (key: string | null) => ({ key, code: null, label: segmentLabel(key) });
}

/** The documents behind a cell of the aging report, oldest first, a page at a time. */
export async function agingDrillDown(db: Executor, ctx: Ctx, query: z.output<typeof AgingItemsQuery>): Promise<z.output<typeof AgingItemPage>> {
  const tenant = await requireTenant(db, ctx.tenantId);
  const asOf = query.as_of ?? todayIn(tenant.time_zone);
  const spec: repo.AgingSpec = { asOf, basis: query.basis, thresholds: thresholdsFor(tenant.aging_bounds), group: query.by, segment: query.segment };
  const cursor = decodeCursor(query.cursor, ['int', 'text']);
  const rows = await repo.agingItems(db, ctx.tenantId, spec, {
    key: query.key,
    bucket: query.bucket,
    itemClass: query.type,
    limit: query.limit,
    after: cursor ? { days: Number(cursor[0]), number: String(cursor[1]) } : null,
  });
  return toPage(
    rows,
    query.limit,
    (r) => [r.days, r.number],
    (r) => ({
      type: r.item_type,
      id: r.doc_id,
      number: r.number,
      customer_id: r.customer_id,
      customer_code: r.customer_code,
      customer_name: r.customer_name,
      doc_date: r.doc_date,
      due_date: r.due_date,
      days: r.days,
      bucket: r.bucket,
      currency: r.currency,
      open: formatAmount(r.open, r.currency),
      disputed: r.disputed,
    }),
  );
}

const SCHEDULE_III_ROWS = [
  { key: 'undisputed_good', label: 'Undisputed trade receivables – considered good', disputed: false, doubtful: false },
  { key: 'undisputed_doubtful', label: 'Undisputed trade receivables – considered doubtful', disputed: false, doubtful: true },
  { key: 'disputed_good', label: 'Disputed trade receivables – considered good', disputed: true, doubtful: false },
  { key: 'disputed_doubtful', label: 'Disputed trade receivables – considered doubtful', disputed: true, doubtful: true },
];

/** India Schedule III trade receivables ageing at a date, in the base currency. */
export async function scheduleIIIReport(db: Executor, ctx: Ctx, asOfQuery?: string): Promise<z.output<typeof ScheduleIIIReport>> {
  const tenant = await requireTenant(db, ctx.tenantId);
  const asOf = asOfQuery ?? todayIn(tenant.time_zone);
  const base = tenant.base_currency;
  const [cells, fx] = await Promise.all([repo.scheduleIIICells(db, ctx.tenantId, asOf), converterOn(db, ctx.tenantId, base, asOf)]);
  const grid = SCHEDULE_III_ROWS.map(() => SCHEDULE_III_BUCKETS.map(() => 0n));
  for (const cell of cells) {
    const amount = fx.toBase(cell.amount, cell.currency);
    if (amount === null) continue;
    const row = SCHEDULE_III_ROWS.findIndex((r) => r.disputed === cell.disputed && r.doubtful === cell.doubtful);
    grid[row]![cell.bucket]! += amount;
  }
  const fmt = (v: bigint) => formatAmount(v, base);
  const columnTotals = SCHEDULE_III_BUCKETS.map((_, i) => grid.reduce((s, r) => s + r[i]!, 0n));
  return {
    as_of: asOf,
    currency: base,
    columns: SCHEDULE_III_BUCKETS.map(({ key, label }) => ({ key, label })),
    rows: SCHEDULE_III_ROWS.map((r, i) => ({ key: r.key, label: r.label, amounts: grid[i]!.map(fmt), total: fmt(grid[i]!.reduce((a, b) => a + b, 0n)) })),
    totals: columnTotals.map(fmt),
    total: fmt(columnTotals.reduce((a, b) => a + b, 0n)),
    missing_rates: [...fx.missing].sort(),
  };
}
