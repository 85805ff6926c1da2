import { Id, Ok } from '@duely/contracts/common';
import { AcceptMatchBody, CashAppRunBody, CashAppRunOut, IgnoreBody, ParkBody } from '@duely/contracts/bank';
import { z } from 'zod';
import type { AppDeps } from '../../http/app.ts';
import type { Api } from '../../http/routes.ts';
import * as service from './cashapp.service.ts';

export async function cashappRoutes(api: Api, deps: AppDeps) {
  const { db } = deps.database;
  const tags = ['cash application'];
  const Applied = z.object({ receipt_number: z.string(), learned: z.array(z.string()) });

  api.post('/cashapp/runs', { config: { permission: 'bank.write' }, schema: { tags, body: CashAppRunBody, response: { 200: CashAppRunOut } } }, (request) =>
    service.runCashApplication(db, request.ctx, { statementId: request.body.statement_id, bankAccountId: request.body.bank_account_id, rematch: request.body.rematch }),
  );

  api.post('/bank-lines/:id/accept', { config: { permission: 'bank.write' }, schema: { tags, params: Id, body: AcceptMatchBody, response: { 200: Applied } } }, async (request) => {
    const { receipt, learned } = await service.acceptMatch(db, request.ctx, request.params.id, request.body);
    return { receipt_number: receipt.number, learned };
  });

  api.post('/bank-lines/:id/park', { config: { permission: 'bank.write' }, schema: { tags, params: Id, body: ParkBody, response: { 200: Applied } } }, async (request) => {
    const { receipt, learned } = await service.parkLine(db, request.ctx, request.params.id, request.body.customer_id);
    return { receipt_number: receipt.number, learned };
  });

  const Identifier = z.object({ id: z.string().nullable(), kind: z.enum(['vpa', 'virtual_account', 'bank_account', 'name']), value: z.string() });
  api.post(
    '/customers/:id/payer-identifiers',
    { config: { permission: 'customers.write' }, schema: { tags, params: Id, body: z.object({ kind: z.enum(['vpa', 'virtual_account', 'bank_account', 'name']), value: z.string().trim().min(3).max(200) }), response: { 201: Identifier } } },
    async (request, reply) => reply.status(201).send(await service.addPayerIdentifier(db, request.ctx, request.params.id, request.body)),
  );
  api.get('/customers/:id/payer-identifiers', { config: { permission: 'customers.read' }, schema: { tags, params: Id, response: { 200: z.object({ data: z.array(Identifier.extend({ origin: z.enum(['setup', 'learned']) })) }) } } }, async (request) => ({
    data: await service.listPayerIdentifiers(db, request.ctx, request.params.id),
  }));

  api.post('/bank-lines/:id/ignore', { config: { permission: 'bank.write' }, schema: { tags, params: Id, body: IgnoreBody, response: { 200: Ok } } }, async (request) => {
    await service.ignoreLine(db, request.ctx, request.params.id, request.body.reason);
    return { ok: true as const };
  });
}
