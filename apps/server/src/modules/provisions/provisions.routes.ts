import { Ok } from '@duely/contracts/common';
import { ProvisionHistory, ProvisionHistoryQuery, ProvisionOverrideDelete, ProvisionOverrideIn, ProvisionQuery, ProvisionReport, SpecificProvisionIn } from '@duely/contracts/provisions';
import type { AppDeps } from '../../http/app.ts';
import type { Api } from '../../http/routes.ts';
import { provisionHistory, provisionReport, removeProvisionOverride, setProvisionOverride, setSpecificProvision } from './provisions.service.ts';

export async function provisionRoutes(api: Api, deps: AppDeps) {
  const { db } = deps.database;
  const tags = ['provisions'];
  api.get('/provisions', { config: { permission: 'reports.read' }, schema: { tags, querystring: ProvisionQuery, response: { 200: ProvisionReport } } }, (request) =>
    provisionReport(db, request.ctx, request.query),
  );
  api.get('/provisions/history', { config: { permission: 'reports.read' }, schema: { tags, querystring: ProvisionHistoryQuery, response: { 200: ProvisionHistory } } }, (request) =>
    provisionHistory(db, request.ctx, request.query),
  );
  api.post('/provisions/overrides', { config: { permission: 'provisions.manage' }, schema: { tags, body: ProvisionOverrideIn, response: { 200: Ok } } }, (request) =>
    setProvisionOverride(db, request.ctx, request.body),
  );
  api.delete('/provisions/overrides', { config: { permission: 'provisions.manage' }, schema: { tags, querystring: ProvisionOverrideDelete, response: { 200: Ok } } }, (request) =>
    removeProvisionOverride(db, request.ctx, request.query.bucket, request.query.segment, request.query.effective_from),
  );
  api.post('/provisions/specific', { config: { permission: 'provisions.manage' }, schema: { tags, body: SpecificProvisionIn, response: { 200: Ok } } }, (request) =>
    setSpecificProvision(db, request.ctx, request.body),
  );
}
