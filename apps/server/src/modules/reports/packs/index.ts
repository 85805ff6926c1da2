import { IsoDate, Uuid } from '@duely/contracts/common';
import { todayIn } from '@duely/domain';
import { z } from 'zod';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { findCustomer } from '../../customers/customers.repo.ts';
import { requireTenant } from '../../customers/customers.service.ts';
import { agingDocument } from '../aging-report.ts';
import { type ExportedReport, exportReport } from '../export/index.ts';
import { dailyCollectionReport } from './daily.ts';
import { monthlyPack } from './monthly.ts';
import { statementPack } from './statement.ts';
import { weeklyPack } from './weekly.ts';

export { dailyCollectionReport } from './daily.ts';
export { monthlyPack } from './monthly.ts';
export { statementPack } from './statement.ts';
export { weeklyPack } from './weekly.ts';

/** Query strings of the export routes; the CLI checks its options against the same schemas. */
export const ExportFormat = z.enum(['xlsx', 'pdf', 'csv']);
export const DailyExportQuery = z.object({ format: ExportFormat, date: IsoDate.optional().describe("Defaults to today in the tenant's time zone") });
export const WeeklyExportQuery = z.object({ format: ExportFormat, date: IsoDate.optional().describe("Last day of the week; defaults to today in the tenant's time zone") });
export const MonthlyExportQuery = z.object({
  format: ExportFormat,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM').optional().describe('Defaults to the running month'),
});
export const StatementExportQuery = z.object({ format: ExportFormat, customer_id: Uuid, from: IsoDate, to: IsoDate });

export type PackRequest =
  | { kind: 'daily' | 'weekly' | 'aging'; date?: string | undefined }
  | { kind: 'monthly'; month?: string | undefined }
  | { kind: 'statement'; customerId: string; from: string; to: string };

export const PACK_KINDS = ['daily', 'weekly', 'monthly', 'statement', 'aging'] as const;

/** Letters, digits, dot, dash and underscore: safe in a content-disposition header and on any disk. */
const safeName = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_');

/** The report as a file, and the name it is offered under. */
export async function exportPack(db: Executor, ctx: Ctx, request: PackRequest, format: z.output<typeof ExportFormat>): Promise<ExportedReport & { fileName: string }> {
  const { document, stem } = await packDocument(db, ctx, request);
  const file = await exportReport(document, format);
  return { ...file, fileName: `${safeName(stem)}.${file.extension}` };
}

async function packDocument(db: Executor, ctx: Ctx, request: PackRequest) {
  if (request.kind === 'statement') {
    const document = await statementPack(db, ctx, request.customerId, request.from, request.to);
    // Named by the customer's code, which a person recognises, not by the UUID.
    const customer = await findCustomer(db, ctx.tenantId, request.customerId);
    return { document, stem: `statement-${customer!.code}-${request.from}-to-${request.to}` };
  }
  const tenant = await requireTenant(db, ctx.tenantId);
  const today = todayIn(tenant.time_zone);
  switch (request.kind) {
    case 'daily': {
      const date = request.date ?? today;
      return { document: await dailyCollectionReport(db, ctx, date), stem: `daily-collections-${date}` };
    }
    case 'weekly': {
      const date = request.date ?? today;
      return { document: await weeklyPack(db, ctx, date), stem: `weekly-pack-${date}` };
    }
    case 'monthly': {
      const month = request.month ?? today.slice(0, 7);
      return { document: await monthlyPack(db, ctx, month), stem: `monthly-pack-${month}` };
    }
    case 'aging': {
      const asOf = request.date ?? today;
      const document = await agingDocument(db, ctx, { as_of: asOf, basis: 'due', by: 'customer', segment: 'kind', limit: 1000 });
      return { document, stem: `aging-${asOf}` };
    }
  }
}
