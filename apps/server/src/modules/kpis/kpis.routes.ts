import { Id, IsoDate } from '@duely/contracts/common';
import { CollectorPerformance, CollectorPerformanceQuery, Dashboard, KpiQuery, KpiReport, PaymentBehaviour } from '@duely/contracts/kpis';
import { z } from 'zod';
import type { AppDeps } from '../../http/app.ts';
import type { Api } from '../../http/routes.ts';
import { dashboard } from '../dashboard/dashboard.service.ts';
import { collectorPerformance } from './collectors.service.ts';
import { kpiReport, paymentBehaviour } from './kpis.service.ts';

export async function kpiRoutes(api: Api, deps: AppDeps) {
  const { db } = deps.database;
  const read = { permission: 'reports.read' } as const;
  const asOf = z.object({ as_of: IsoDate.optional() });

  api.get('/kpis', { config: read, schema: { tags: ['kpis'], querystring: KpiQuery, response: { 200: KpiReport } } }, (request) => kpiReport(db, request.ctx, request.query));
  api.get('/collectors/performance', { config: read, schema: { tags: ['kpis'], querystring: CollectorPerformanceQuery, response: { 200: CollectorPerformance } } }, (request) =>
    collectorPerformance(db, request.ctx, request.query.month),
  );
  api.get('/customers/:id/payment-behaviour', { config: read, schema: { tags: ['kpis'], params: Id, querystring: asOf, response: { 200: PaymentBehaviour } } }, (request) =>
    paymentBehaviour(db, request.ctx, request.params.id, request.query.as_of),
  );
  api.get('/dashboard', { config: read, schema: { tags: ['kpis'], querystring: asOf, response: { 200: Dashboard } } }, (request) => dashboard(db, request.ctx, request.query.as_of));
}
