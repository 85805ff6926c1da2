import { addDays } from '@duely/domain';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { converterOn } from '../../aging/aging.service.ts';
import { requireTenant } from '../../customers/customers.service.ts';
import { displayDate } from '../export/display.ts';
import type { ReportDocument } from '../export/index.ts';
import * as repo from './packs.repo.ts';
import { documentOf, managementSections, noteMoney, receiptsByCollectorSection } from './shared.ts';

/**
 * The week ending on `date`: the week's collections by collector, then the management view on
 * that day — aging, KPI trend, targets, top debtors, disputes.
 */
export async function weeklyPack(db: Executor, ctx: Ctx, date: string): Promise<ReportDocument> {
  const tenant = await requireTenant(db, ctx.tenantId);
  const base = tenant.base_currency;
  const from = addDays(date, -6);
  const fx = await converterOn(db, ctx.tenantId, base, date);
  const receipts = await repo.receiptsBetween(db, ctx.tenantId, from, date);
  const bounced = receipts.filter((r) => r.reversed_on !== null && r.reversed_on <= date);
  const bouncedAmount = bounced.reduce((s, r) => s + (fx.toBase(r.amount, r.currency) ?? 0n), 0n);
  const week = receiptsByCollectorSection(
    receipts,
    fx,
    `Receipts of the week ${displayDate(from)} to ${displayDate(date)} by collector`,
    bounced.length ? `Of these, ${bounced.length} (${noteMoney(bouncedAmount, base)}) were reversed by ${displayDate(date)}.` : undefined,
  );
  const sections = await managementSections(db, ctx, date, fx, 'Collected in the month: receipts dated in it less receipts reversed in it, as recorded today.');
  return documentOf(tenant, `Weekly collections pack, week ending ${displayDate(date)}`, `As of ${displayDate(date)}, in ${base}`, [week, ...sections]);
}
