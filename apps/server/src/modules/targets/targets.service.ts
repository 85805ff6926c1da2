import type { TargetIn } from '@duely/contracts/kpis';
import { parseAmount } from '@duely/domain';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Executor, inTransaction } from '../../platform/db.ts';
import { ValidationError } from '../../platform/errors.ts';
import { readSmallCsv } from '../../platform/small-csv.ts';
import { requireTenant } from '../customers/customers.service.ts';

/** Sets each collector's target for a month (replacing one already set), in the base currency. */
export async function setCollectionTargets(db: Executor, ctx: Ctx, targets: z.output<typeof TargetIn>[]) {
  return inTransaction(db, async (trx) => {
    const tenant = await requireTenant(trx, ctx.tenantId);
    const ids = [...new Set(targets.map((t) => t.collector_id))];
    const users = await trx.selectFrom('users').select('id').where('tenant_id', '=', ctx.tenantId).where('id', 'in', ids).execute();
    const known = new Set(users.map((u) => u.id));
    // One upsert sets every row: PostgreSQL refuses a statement that would update one row twice.
    const first = new Map<string, number>();
    const rows = targets.map((t, i) => {
      if (!known.has(t.collector_id)) throw new ValidationError(`targets[${i}].collector_id`, 'no such user in this company');
      const key = `${t.collector_id}:${t.month}`;
      const earlier = first.get(key);
      if (earlier !== undefined) throw new ValidationError(`targets[${i}].month`, `the same collector and month as targets[${earlier}]`);
      first.set(key, i);
      return { tenant_id: ctx.tenantId, collector_id: t.collector_id, month: `${t.month}-01`, amount: targetAmount(t.amount, tenant.base_currency, `targets[${i}].amount`) };
    });
    await trx
      .insertInto('collection_targets')
      .values(rows)
      .onConflict((oc) => oc.columns(['tenant_id', 'collector_id', 'month']).doUpdateSet((eb) => ({ amount: eb.ref('excluded.amount'), updated_at: new Date() })))
      .execute();
    await recordAudit(trx, ctx, { action: 'collection_targets.set', entityType: 'collection_targets', entityId: ctx.tenantId, after: { targets } });
    return { saved: rows.length };
  });
}

/** A target in minor units: a decimal amount, never below zero (the table refuses one). */
function targetAmount(value: string, currency: string, field: string): bigint {
  const amount = parseAmount(value, currency, field);
  if (amount < 0n) throw new ValidationError(field, 'a target cannot be negative');
  return amount;
}

export async function targetsForMonth(db: Executor, tenantId: string, month: string) {
  const rows = await db
    .selectFrom('collection_targets')
    .select(['collector_id', 'amount'])
    .where('tenant_id', '=', tenantId)
    .where('month', '=', `${month}-01`)
    .execute();
  return new Map(rows.map((r) => [r.collector_id, r.amount]));
}

export interface TargetImportError {
  line: number;
  column: string;
  reason: string;
}

/**
 * Targets from a CSV with the columns collector (email), month (YYYY-MM) and amount, header
 * required, in any order. Every bad row is reported with its line; any error and nothing is saved.
 */
export async function importCollectionTargets(db: Executor, ctx: Ctx, csv: string, options: { dryRun?: boolean } = {}) {
  const rows = readSmallCsv(csv, { collector: ['collector', 'email', 'collector_email'], month: ['month'], amount: ['amount', 'target'] });
  const tenant = await requireTenant(db, ctx.tenantId);
  const users = await db.selectFrom('users').select(['id', 'email']).where('tenant_id', '=', ctx.tenantId).execute();
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  const errors: TargetImportError[] = [];
  const targets: z.output<typeof TargetIn>[] = [];
  const seen = new Set<string>();
  for (const { line, row } of rows) {
    const email = row.collector.toLowerCase();
    const month = row.month;
    const amount = row.amount.replace(/,/g, '');
    const collectorId = byEmail.get(email);
    if (!collectorId) {
      errors.push({ line, column: 'collector', reason: `no user "${email}" in this company` });
      continue;
    }
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
      errors.push({ line, column: 'month', reason: `"${month}" is not a month as YYYY-MM` });
      continue;
    }
    try {
      targetAmount(amount, tenant.base_currency, 'amount');
    } catch (error) {
      // targetAmount's own rule (ValidationError) or no amount at all (the parser's InvalidValue)
      const problem = error instanceof ValidationError ? 'is negative; a target cannot be' : 'is not an amount';
      errors.push({ line, column: 'amount', reason: `"${row.amount}" ${problem}` });
      continue;
    }
    if (seen.has(`${collectorId}:${month}`)) {
      errors.push({ line, column: 'month', reason: `a second target for ${email} in ${month}` });
      continue;
    }
    seen.add(`${collectorId}:${month}`);
    targets.push({ collector_id: collectorId, month, amount });
  }
  if (errors.length || options.dryRun || targets.length === 0) return { saved: 0, rows: targets.length, errors };
  const { saved } = await setCollectionTargets(db, ctx, targets);
  return { saved, rows: targets.length, errors };
}
