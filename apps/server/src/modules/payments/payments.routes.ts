import { Id, page } from '@duely/contracts/common';
import { AllocateBody, ReceiptDetail, ReceiptInput, ReceiptListQuery, ReceiptOut, ReverseAllocationBody, ReverseReceiptBody } from '@duely/contracts/receipts';
import { Ok } from '@duely/contracts/common';
import type { AppDeps } from '../../http/app.ts';
import type { Api } from '../../http/routes.ts';
import * as service from './payments.service.ts';

export async function paymentRoutes(api: Api, deps: AppDeps) {
  const { db } = deps.database;
  const tags = ['receipts'];

  api.get('/receipts', { config: { permission: 'receipts.read' }, schema: { tags, querystring: ReceiptListQuery, response: { 200: page(ReceiptOut) } } }, (request) =>
    service.listReceipts(db, request.ctx, request.query),
  );

  api.get('/receipts/:id', { config: { permission: 'receipts.read' }, schema: { tags, params: Id, response: { 200: ReceiptDetail } } }, (request) =>
    service.getReceipt(db, request.ctx, request.params.id),
  );

  api.post('/receipts', { config: { permission: 'receipts.write' }, schema: { tags, body: ReceiptInput, response: { 201: ReceiptDetail } } }, async (request, reply) => {
    const { id } = await service.createReceipt(db, request.ctx, request.body);
    return reply.status(201).send(await service.getReceipt(db, request.ctx, id));
  });

  api.post('/receipts/:id/allocations', { config: { permission: 'receipts.write' }, schema: { tags, params: Id, body: AllocateBody, response: { 200: ReceiptDetail } } }, async (request) => {
    await service.allocateReceipt(db, request.ctx, request.params.id, request.body);
    return service.getReceipt(db, request.ctx, request.params.id);
  });

  api.post('/receipts/:id/reverse', { config: { permission: 'receipts.reverse' }, schema: { tags, params: Id, body: ReverseReceiptBody, response: { 200: ReceiptDetail } } }, async (request) => {
    await service.reverseReceipt(db, request.ctx, request.params.id, request.body);
    return service.getReceipt(db, request.ctx, request.params.id);
  });

  api.post('/allocations/:id/reverse', { config: { permission: 'receipts.reverse' }, schema: { tags, params: Id, body: ReverseAllocationBody, response: { 200: Ok } } }, async (request) => {
    await service.reverseAllocation(db, request.ctx, request.params.id, request.body);
    return { ok: true as const };
  });
}
