import type { TenantSettingsPatch } from '@duely/contracts/settings';
import { GST_STATES, bpToPercent, bucketsFromBounds, formatAmount, gstinProblem, parseAmount, percentToBp } from '@duely/domain';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Executor, inTransaction } from '../../platform/db.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { Tenant } from '../../platform/schema.ts';
import { requireTenant } from '../customers/customers.service.ts';

export function toSettings(t: Tenant) {
  const fmt = (v: bigint) => formatAmount(v, t.base_currency);
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    base_currency: t.base_currency,
    time_zone: t.time_zone,
    fiscal_year_start_month: t.fiscal_year_start_month,
    gst_state_code: t.gst_state_code,
    gstin: t.gstin,
    write_off_tolerance: fmt(t.write_off_tolerance),
    bank_charge_tolerance: fmt(t.bank_charge_tolerance),
    max_tds_percent: bpToPercent(t.max_tds_bp),
    default_bounce_charge: fmt(t.default_bounce_charge),
    aging_bounds: t.aging_bounds,
    cashapp_auto_threshold: t.cashapp_auto_threshold,
  };
}

export async function getSettings(db: Executor, ctx: Ctx) {
  return toSettings(await requireTenant(db, ctx.tenantId));
}

/** Company settings: the tolerances the allocation rules use, GST registration, aging buckets, cash application's auto-apply threshold. */
export async function updateSettings(db: Executor, ctx: Ctx, patch: TenantSettingsPatch) {
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('tenants').selectAll().where('id', '=', ctx.tenantId).forUpdate().executeTakeFirstOrThrow();
    const currency = before.base_currency;
    const changes: Record<string, unknown> = {};
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.gstin !== undefined) {
      if (patch.gstin) {
        const problem = gstinProblem(patch.gstin);
        if (problem) throw new ValidationError('gstin', problem);
      }
      changes.gstin = patch.gstin || null;
    }
    if (patch.gst_state_code !== undefined) {
      if (patch.gst_state_code && !GST_STATES[patch.gst_state_code]) throw new ValidationError('gst_state_code', 'unknown GST state code');
      changes.gst_state_code = patch.gst_state_code;
    }
    for (const field of ['write_off_tolerance', 'bank_charge_tolerance', 'default_bounce_charge'] as const) {
      if (patch[field] !== undefined) changes[field] = parseAmount(patch[field]!, currency, field);
    }
    if (patch.aging_bounds !== undefined) {
      try {
        bucketsFromBounds(patch.aging_bounds);
      } catch (error) {
        throw new ValidationError('aging_bounds', (error as Error).message.replace(/^[a-z_]+: /, ''));
      }
      changes.aging_bounds = patch.aging_bounds;
    }
    if (patch.cashapp_auto_threshold !== undefined) changes.cashapp_auto_threshold = patch.cashapp_auto_threshold;
    if (patch.max_tds_percent !== undefined) changes.max_tds_bp = percentToBp(patch.max_tds_percent, 'max_tds_percent');
    const after = await trx.updateTable('tenants').set(changes).where('id', '=', ctx.tenantId).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'settings.update', entityType: 'tenant', entityId: ctx.tenantId, before, after });
    return toSettings(after);
  });
}
