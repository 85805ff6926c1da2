import type { TargetIn } from '@duely/contracts/kpis';
import { parseAmount } from '@duely/domain';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Executor, inTransaction } from '../../platform/db.ts';
import { ValidationError } from '../../platform/errors.ts';
import { requireTenant } from '../customers/customers.service.ts';

/** Sets each collector's target for a month (replacing one already set), in the base currency. */
export async function setCollectionTargets(db: Executor, ctx: Ctx, targets: z.output<typeof TargetIn>[]) {
  return inTransaction(db, async (trx) => {
    const tenant = await requireTenant(trx, ctx.tenantId);
    const ids = [...new Set(targets.map((t) => t.collector_id))];
    const users = await trx.selectFrom('users').select('id').where('tenant_id', '=', ctx.tenantId).where('id', 'in', ids).execute();
    const known = new Set(users.map((u) => u.id));
    const rows = targets.map((t, i) => {
      if (!known.has(t.collector_id)) throw new ValidationError(`targets[${i}].collector_id`, 'no such user in this company');
      return { tenant_id: ctx.tenantId, collector_id: t.collector_id, month: `${t.month}-01`, amount: parseAmount(t.amount, tenant.base_currency, `targets[${i}].amount`) };
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

export async function targetsForMonth(db: Executor, tenantId: string, month: string) {
  const rows = await db
    .selectFrom('collection_targets')
    .select(['collector_id', 'amount'])
    .where('tenant_id', '=', tenantId)
    .where('month', '=', `${month}-01`)
    .execute();
  return new Map(rows.map((r) => [r.collector_id, r.amount]));
}
