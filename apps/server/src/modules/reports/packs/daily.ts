import { addDays, formatMoney } from '@duely/domain';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { type BaseConverter, agingReport, converterOn } from '../../aging/aging.service.ts';
import { requireTenant } from '../../customers/customers.service.ts';
import { displayDate } from '../export/display.ts';
import type { ReportDocument, ReportSection } from '../export/index.ts';
import * as repo from './packs.repo.ts';
import { byAmountDesc, documentOf, methodLabel, missingRatesNote, noteMoney, overdueOf, receiptsByCollectorSection, receiptsByMethodSection } from './shared.ts';

export const TOP_MOVEMENTS = 20;

/** Days a payee has to send the written demand after a cheque bounces (Negotiable Instruments Act s.138). */
const S138_NOTICE_DAYS = 30;

/**
 * The day's collections: receipts by collector and by method, each receipt, the day's reversals
 * (bounced cheques, returned NACH) and the customers whose overdue amount moved most since the day
 * before. Amounts in the base currency at the rates in force that day.
 */
export async function dailyCollectionReport(db: Executor, ctx: Ctx, date: string): Promise<ReportDocument> {
  const tenant = await requireTenant(db, ctx.tenantId);
  const base = tenant.base_currency;
  const fx = await converterOn(db, ctx.tenantId, base, date);
  const receipts = await repo.receiptsBetween(db, ctx.tenantId, date, date);
  const reversals = await repo.reversalsOn(db, ctx.tenantId, date);
  const unapplied = await repo.unappliedOn(db, ctx.tenantId, date, receipts.map((r) => r.id));
  const received = receipts.reduce((s, r) => s + (fx.toBase(r.amount, r.currency) ?? 0n), 0n);
  const reversed = reversals.reduce((s, r) => s + (fx.toBase(r.amount, r.currency) ?? 0n), 0n);
  const net = `Received ${noteMoney(received, base)}; reversed today ${noteMoney(reversed, base)}; net ${noteMoney(received - reversed, base)}.`;

  const foreign = receipts.some((r) => r.currency !== base);
  const receiptRows = receipts.map((r) => ({
    number: r.number,
    code: r.customer_code,
    name: r.customer_name,
    collector: r.collector_name ?? 'Unassigned',
    method: methodLabel(r.method),
    reference: r.reference,
    ...(foreign ? { original: formatMoney(r.amount, r.currency) } : {}),
    amount: fx.toBase(r.amount, r.currency),
    unapplied: fx.toBase(unapplied.get(r.id) ?? 0n, r.currency),
    status: r.status === 'reversed' ? `Reversed ${displayDate(r.reversed_on!)}` : 'Active',
  }));
  const receiptsSection: ReportSection = {
    name: 'Receipts',
    title: `Receipts dated ${displayDate(date)}`,
    note: missingRatesNote([...fx.missing].sort(), date),
    columns: [
      { key: 'number', label: 'Receipt', type: 'text' },
      { key: 'code', label: 'Code', type: 'text' },
      { key: 'name', label: 'Customer', type: 'text' },
      { key: 'collector', label: 'Collector', type: 'text' },
      { key: 'method', label: 'Method', type: 'text' },
      { key: 'reference', label: 'Reference / UTR', type: 'text' },
      ...(foreign ? [{ key: 'original', label: 'Amount in currency', type: 'text' as const }] : []),
      { key: 'amount', label: 'Amount', type: 'money' },
      { key: 'unapplied', label: 'Unapplied', type: 'money' },
      { key: 'status', label: 'Status', type: 'text' },
    ],
    rows: receiptRows,
    totals: { number: 'Total', amount: received, unapplied: receiptRows.reduce((s, r) => s + (r.unapplied ?? 0n), 0n) },
  };

  return documentOf(tenant, `Daily collection report for ${displayDate(date)}`, `Receipts and reversals of the day, in ${base}`, [
    receiptsByCollectorSection(receipts, fx, `Receipts of ${displayDate(date)} by collector`, net),
    receiptsByMethodSection(receipts, fx, `Receipts of ${displayDate(date)} by method`),
    receiptsSection,
    reversalsSection(reversals, date, fx),
    await overdueMovementsSection(db, ctx, date),
  ]);
}

function reversalsSection(reversals: Awaited<ReturnType<typeof repo.reversalsOn>>, date: string, fx: BaseConverter): ReportSection {
  const rows = reversals.map((r) => ({
    number: r.number,
    received: r.receipt_date,
    code: r.customer_code,
    name: r.customer_name,
    method: methodLabel(r.method),
    reference: r.reference,
    amount: fx.toBase(r.amount, r.currency),
    reason: r.reversal_reason,
    charge: r.bounce_charge === null ? null : fx.toBase(r.bounce_charge, r.currency),
    notice_by: r.method === 'cheque' ? addDays(date, S138_NOTICE_DAYS) : null,
  }));
  return {
    name: 'Reversals',
    title: `Receipts reversed on ${displayDate(date)} (bounced cheques, returned debits)`,
    note: rows.some((r) => r.notice_by)
      ? `For a bounced cheque the written demand under s.138 of the Negotiable Instruments Act must go within ${S138_NOTICE_DAYS} days of the bank's return memo (counted here from the reversal date).`
      : undefined,
    columns: [
      { key: 'number', label: 'Receipt', type: 'text' },
      { key: 'received', label: 'Received', type: 'date' },
      { key: 'code', label: 'Code', type: 'text' },
      { key: 'name', label: 'Customer', type: 'text' },
      { key: 'method', label: 'Method', type: 'text' },
      { key: 'reference', label: 'Reference / UTR', type: 'text' },
      { key: 'amount', label: 'Amount', type: 'money' },
      { key: 'reason', label: 'Reason', type: 'text' },
      { key: 'charge', label: 'Bounce charge', type: 'money' },
      { key: 'notice_by', label: 'Demand notice by', type: 'date' },
    ],
    rows,
    totals: { number: 'Total', amount: rows.reduce((s, r) => s + (r.amount ?? 0n), 0n), charge: rows.reduce((s, r) => s + (r.charge ?? 0n), 0n) },
  };
}

/** Customers whose overdue amount changed most from the day before: newly due, paid, bounced. */
async function overdueMovementsSection(db: Executor, ctx: Ctx, date: string): Promise<ReportSection> {
  const previous = addDays(date, -1);
  const query = { basis: 'due', by: 'customer', segment: 'kind', limit: 100_000 } as const;
  const before = await agingReport(db, ctx, { ...query, as_of: previous });
  const after = await agingReport(db, ctx, { ...query, as_of: date });
  const base = after.base_currency;
  const customers = new Map<string, { code: string | null; name: string; before: bigint; after: bigint }>();
  for (const [report, side] of [[before, 'before'], [after, 'after']] as const) {
    for (const row of report.rows) {
      const key = row.key ?? '';
      const c = customers.get(key) ?? { code: row.code, name: row.label, before: 0n, after: 0n };
      c[side] = overdueOf(row, base);
      customers.set(key, c);
    }
  }
  const abs = (v: bigint) => (v < 0n ? -v : v);
  const moved = [...customers.values()]
    .map((c) => ({ ...c, change: c.after - c.before }))
    .filter((c) => c.change !== 0n)
    .sort((a, b) => byAmountDesc(abs(a.change), abs(b.change)) || (a.code ?? '').localeCompare(b.code ?? ''))
    .slice(0, TOP_MOVEMENTS);
  const totalBefore = overdueOf(before.totals, base);
  const totalAfter = overdueOf(after.totals, base);
  return {
    name: 'Overdue movements',
    title: `Largest changes in overdue amount, ${displayDate(previous)} to ${displayDate(date)}`,
    note: `Top ${TOP_MOVEMENTS} customers by the size of the change; the last line is every customer.`,
    columns: [
      { key: 'code', label: 'Code', type: 'text' },
      { key: 'name', label: 'Customer', type: 'text' },
      { key: 'before', label: `Overdue ${displayDate(previous)}`, type: 'money' },
      { key: 'after', label: `Overdue ${displayDate(date)}`, type: 'money' },
      { key: 'change', label: 'Change', type: 'money' },
    ],
    rows: moved.map((c) => ({ code: c.code, name: c.name, before: c.before, after: c.after, change: c.change })),
    totals: { code: 'Total', name: 'All customers', before: totalBefore, after: totalAfter, change: totalAfter - totalBefore },
  };
}
