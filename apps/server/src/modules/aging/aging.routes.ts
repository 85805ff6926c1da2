import { AgingItemPage, AgingItemsQuery, AgingQuery, AgingReport, ScheduleIIIQuery, ScheduleIIIReport } from '@duely/contracts/aging';
import type { AppDeps } from '../../http/app.ts';
import type { Api } from '../../http/routes.ts';
import { agingDrillDown, agingReport, scheduleIIIReport } from './aging.service.ts';

export async function agingRoutes(api: Api, deps: AppDeps) {
  const { db } = deps.database;
  const read = { permission: 'reports.read' } as const;

  api.get('/aging', { config: read, schema: { tags: ['aging'], querystring: AgingQuery, response: { 200: AgingReport } } }, (request) =>
    agingReport(db, request.ctx, request.query),
  );
  api.get('/aging/items', { config: read, schema: { tags: ['aging'], querystring: AgingItemsQuery, response: { 200: AgingItemPage } } }, (request) =>
    agingDrillDown(db, request.ctx, request.query),
  );
  api.get('/aging/schedule-iii', { config: read, schema: { tags: ['aging'], querystring: ScheduleIIIQuery, response: { 200: ScheduleIIIReport } } }, (request) =>
    scheduleIIIReport(db, request.ctx, request.query.as_of),
  );
}
