import { addDays, addMonths, minDate, todayIn } from '@duely/domain';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { ValidationError } from '../../../platform/errors.ts';
import { converterOn, scheduleIIIReport } from '../../aging/aging.service.ts';
import { requireTenant } from '../../customers/customers.service.ts';
import { provisionReport } from '../../provisions/provisions.service.ts';
import type { ReportDocument } from '../export/index.ts';
import { displayDate } from '../export/display.ts';
import { displayMonth, documentOf, managementSections, provisionsSection, scheduleIIISection } from './shared.ts';

/**
 * The month's management pack, as of its last day (or today, for the running month): the
 * weekly view plus the expected credit loss provision and the Schedule III ageing.
 */
export async function monthlyPack(db: Executor, ctx: Ctx, month: string): Promise<ReportDocument> {
  const tenant = await requireTenant(db, ctx.tenantId);
  const today = todayIn(tenant.time_zone);
  if (month > today.slice(0, 7)) throw new ValidationError('month', `${month} has not started yet`);
  const asOf = minDate(addDays(addMonths(`${month}-01`, 1), -1), today);
  const fx = await converterOn(db, ctx.tenantId, tenant.base_currency, asOf);
  const sections = await managementSections(db, ctx, asOf, fx);
  const provisions = await provisionReport(db, ctx, { as_of: asOf, segment: 'none' });
  const schedule = await scheduleIIIReport(db, ctx, asOf);
  return documentOf(tenant, `Monthly collections pack, ${displayMonth(month)}`, `As of ${displayDate(asOf)}, in ${tenant.base_currency}`, [
    ...sections,
    provisionsSection(provisions),
    scheduleIIISection(schedule),
  ]);
}
