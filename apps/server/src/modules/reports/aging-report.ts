import type { AgingQuery } from '@duely/contracts/aging';
import { parseAmount } from '@duely/domain';
import type { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { agingReport, scheduleIIIReport } from '../aging/aging.service.ts';
import { requireTenant } from '../customers/customers.service.ts';
import type { CellValue, ReportColumn, ReportDocument } from './export/index.ts';

const signed = (value: string, currency: string) => (value.startsWith('-') ? -parseAmount(value.slice(1), currency) : parseAmount(value, currency));

/**
 * The aging report as a document for export: the aging table (with a stacked bar chart of the
 * largest rows), unused credits and unapplied cash by age, and the Schedule III ageing.
 */
export async function agingDocument(db: Executor, ctx: Ctx, query: z.output<typeof AgingQuery>): Promise<ReportDocument> {
  const tenant = await requireTenant(db, ctx.tenantId);
  const report = await agingReport(db, ctx, query);
  const schedule = await scheduleIIIReport(db, ctx, report.as_of);
  const base = report.base_currency;
  const perCurrency = query.by === 'currency';
  const bucketColumns: ReportColumn[] = report.buckets.map((b, i) => ({ key: `b${i}`, label: b.label, type: 'money' }));
  const moneyColumns: ReportColumn[] = [...bucketColumns, { key: 'total', label: 'Total', type: 'money' }, { key: 'credits', label: 'Credits', type: 'money' }, { key: 'unapplied', label: 'Unapplied', type: 'money' }, { key: 'net', label: 'Net', type: 'money' }];
  const amounts = (r: { buckets: string[]; total: string; credits: string; unapplied: string; net: string; currency: string }) => {
    const cells: Record<string, CellValue> = {};
    r.buckets.forEach((v, i) => (cells[`b${i}`] = signed(v, r.currency)));
    for (const k of ['total', 'credits', 'unapplied', 'net'] as const) cells[k] = signed(r[k], r.currency);
    return cells;
  };
  const groupLabel = { customer: 'Customer', collector: 'Collector', segment: 'Segment', currency: 'Currency', tenant: 'Company' }[query.by];
  const columns: ReportColumn[] = [
    ...(query.by === 'customer' ? [{ key: 'code', label: 'Code', type: 'text' as const }] : []),
    { key: 'label', label: groupLabel, type: 'text' },
    ...(perCurrency ? [] : moneyColumns),
    { key: 'items', label: 'Items', type: 'integer' },
  ];
  const sections: ReportDocument['sections'] = [];
  if (perCurrency) {
    // Each currency's amounts in its own money columns: one section per currency keeps them apart.
    for (const row of report.rows) {
      sections.push({
        name: `Aging ${row.currency}`,
        title: `Aging in ${row.currency}`,
        columns: [{ key: 'label', label: 'Currency', type: 'text' }, ...moneyColumns.map((c) => ({ ...c, currency: row.currency })), { key: 'items', label: 'Items', type: 'integer' }],
        rows: [{ label: row.label, ...amounts(row), items: row.items }],
      });
    }
  } else {
    sections.push({
      name: 'Aging',
      title: `Aging by ${groupLabel.toLowerCase()}`,
      note: report.rows_total > report.rows.length ? `Largest ${report.rows.length} of ${report.rows_total} rows; totals cover all.` : undefined,
      columns,
      rows: report.rows.map((r) => ({ code: r.code, label: r.label, ...amounts(r), items: r.items })),
      totals: { code: null, label: 'Total', ...amounts(report.totals), items: report.totals.items },
      chart: { kind: 'bar', title: 'Largest balances by bucket', category: 'label', series: bucketColumns.map((c) => c.key), stacked: true },
    });
  }
  sections.push({
    name: 'Credits by age',
    title: 'Unused credit notes and unapplied receipts by age since their date',
    columns: [{ key: 'bucket', label: 'Age', type: 'text' }, { key: 'credits', label: 'Credit notes', type: 'money' }, { key: 'unapplied', label: 'Unapplied receipts', type: 'money' }],
    rows: report.buckets.map((b, i) => ({ bucket: b.label, credits: signed(report.credit_aging.credits[i]!, base), unapplied: signed(report.credit_aging.unapplied[i]!, base) })),
  });
  sections.push({
    name: 'Schedule III',
    title: `Schedule III trade receivables ageing as at ${schedule.as_of} (from due date)`,
    columns: [{ key: 'label', label: 'Particulars', type: 'text' }, ...schedule.columns.map((c, i) => ({ key: `c${i}`, label: c.label, type: 'money' as const })), { key: 'total', label: 'Total', type: 'money' }],
    rows: schedule.rows.map((r) => ({ label: r.label, ...Object.fromEntries(r.amounts.map((v, i) => [`c${i}`, signed(v, base)])), total: signed(r.total, base) })),
    totals: { label: 'Total', ...Object.fromEntries(schedule.totals.map((v, i) => [`c${i}`, signed(v, base)])), total: signed(schedule.total, base) },
  });
  return {
    title: `Aging as of ${report.as_of}`,
    subtitle: `${report.basis === 'due' ? 'Days past due date' : 'Days since document date'}, in ${base}${report.missing_rates.length ? `; no rate for ${report.missing_rates.join(', ')} (left out)` : ''}`,
    tenantName: tenant.name,
    currency: base,
    generatedAt: new Date().toISOString(),
    sections,
  };
}
