import { Id } from '@duely/contracts/common';
import { Statement, StatementQuery } from '@duely/contracts/receipts';
import { z } from 'zod';
import type { AppDeps } from '../../http/app.ts';
import type { Api } from '../../http/routes.ts';
import { statementOfAccount, verifyLedger } from './ledger.service.ts';

const Verification = z.object({
  tenant_id: z.string(),
  ok: z.boolean(),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string(), problems: z.array(z.unknown()) })),
});

export async function ledgerRoutes(api: Api, deps: AppDeps) {
  const { db } = deps.database;

  api.get('/customers/:id/statement', { config: { permission: 'ledger.read' }, schema: { tags: ['ledger'], params: Id, querystring: StatementQuery, response: { 200: Statement } } }, (request) =>
    statementOfAccount(db, request.ctx, request.params.id, request.query.from, request.query.to),
  );

  api.get('/ledger/verify', { config: { permission: 'ledger.read' }, schema: { tags: ['ledger'], response: { 200: Verification } } }, (request) =>
    verifyLedger(db, request.ctx.tenantId),
  );
}
