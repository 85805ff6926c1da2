import { AgingQuery } from '@duely/contracts/aging';
import { z } from 'zod';
import type { AppDeps } from '../../http/app.ts';
import type { Api } from '../../http/routes.ts';
import { agingDocument } from './aging-report.ts';
import { exportReport } from './export/index.ts';

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
}
