import { AgingQuery } from '@duely/contracts/aging';
import { z } from 'zod';
import type { AppDeps } from '../../http/app.ts';
import type { Api } from '../../http/routes.ts';
import { agingDocument } from './aging-report.ts';
import { exportReport } from './export/index.ts';
import { DailyExportQuery, MonthlyExportQuery, StatementExportQuery, WeeklyExportQuery, exportPack } from './packs/index.ts';

const ExportQuery = AgingQuery.extend({ format: z.enum(['xlsx', 'pdf', 'csv']) });

export async function reportRoutes(api: Api, deps: AppDeps) {
  const { db } = deps.database;
  api.get(
    '/reports/aging/export',
    { config: { permission: 'reports.read' }, schema: { tags: ['reports'], querystring: ExportQuery, produces: ['application/octet-stream'] } },
    async (request, reply) => {
      const doc = await agingDocument(db, request.ctx, request.query);
      const file = await exportReport(doc, request.query.format);
      const asOf = doc.title.slice(-10);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="aging-${asOf}.${file.extension}"`)
        .send(file.body);
    },
  );

  const config = { permission: 'reports.read' } as const;
  const schema = { tags: ['reports'], produces: ['application/octet-stream'] };
  const attachment = (file: Awaited<ReturnType<typeof exportPack>>) => ({
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="${file.fileName}"`,
  });
  api.get('/reports/daily/export', { config, schema: { ...schema, querystring: DailyExportQuery } }, async (request, reply) => {
    const file = await exportPack(db, request.ctx, { kind: 'daily', date: request.query.date }, request.query.format);
    return reply.headers(attachment(file)).send(file.body);
  });
  api.get('/reports/weekly/export', { config, schema: { ...schema, querystring: WeeklyExportQuery } }, async (request, reply) => {
    const file = await exportPack(db, request.ctx, { kind: 'weekly', date: request.query.date }, request.query.format);
    return reply.headers(attachment(file)).send(file.body);
  });
  api.get('/reports/monthly/export', { config, schema: { ...schema, querystring: MonthlyExportQuery } }, async (request, reply) => {
    const file = await exportPack(db, request.ctx, { kind: 'monthly', month: request.query.month }, request.query.format);
    return reply.headers(attachment(file)).send(file.body);
  });
  api.get('/reports/statement/export', { config, schema: { ...schema, querystring: StatementExportQuery } }, async (request, reply) => {
    const { customer_id: customerId, from, to, format } = request.query;
    const file = await exportPack(db, request.ctx, { kind: 'statement', customerId, from, to }, format);
    return reply.headers(attachment(file)).send(file.body);
  });
}
