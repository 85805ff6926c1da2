import { Id, page } from '@duely/contracts/common';
import { CreditNoteInput, DebitNoteInput, InvoiceDetail, InvoiceInput, InvoiceListQuery, InvoiceOut, VoidBody } from '@duely/contracts/invoices';
import { AllocateBody } from '@duely/contracts/receipts';
import type { AppDeps } from '../../http/app.ts';
import type { Api } from '../../http/routes.ts';
import { allocateCreditNote } from '../payments/payments.service.ts';
import * as service from './invoices.service.ts';

export async function invoiceRoutes(api: Api, deps: AppDeps) {
  const { db } = deps.database;
  const tags = ['invoices'];

  api.get('/invoices', { config: { permission: 'invoices.read' }, schema: { tags, querystring: InvoiceListQuery, response: { 200: page(InvoiceOut) } } }, (request) =>
    service.listInvoices(db, request.ctx, request.query),
  );

  api.get('/invoices/:id', { config: { permission: 'invoices.read' }, schema: { tags, params: Id, response: { 200: InvoiceDetail } } }, (request) =>
    service.getInvoice(db, request.ctx, request.params.id),
  );

  api.post('/invoices', { config: { permission: 'invoices.write' }, schema: { tags, body: InvoiceInput, response: { 201: InvoiceDetail } } }, async (request, reply) => {
    const { id } = await service.createInvoice(db, request.ctx, request.body);
    return reply.status(201).send(await service.getInvoice(db, request.ctx, id));
  });

  api.post('/debit-notes', { config: { permission: 'invoices.write' }, schema: { tags, body: DebitNoteInput, response: { 201: InvoiceDetail } } }, async (request, reply) => {
    const { id } = await service.createDebitNote(db, request.ctx, request.body);
    return reply.status(201).send(await service.getInvoice(db, request.ctx, id));
  });

  api.post('/credit-notes', { config: { permission: 'invoices.write' }, schema: { tags, body: CreditNoteInput, response: { 201: InvoiceDetail } } }, async (request, reply) => {
    const { id } = await service.createCreditNote(db, request.ctx, request.body);
    return reply.status(201).send(await service.getInvoice(db, request.ctx, id));
  });

  api.post('/credit-notes/:id/allocations', { config: { permission: 'receipts.write' }, schema: { tags, params: Id, body: AllocateBody, response: { 200: InvoiceDetail } } }, async (request) => {
    await allocateCreditNote(db, request.ctx, request.params.id, request.body);
    return service.getInvoice(db, request.ctx, request.params.id);
  });

  api.post('/invoices/:id/void', { config: { permission: 'invoices.void' }, schema: { tags, params: Id, body: VoidBody, response: { 200: InvoiceDetail } } }, async (request) => {
    await service.voidDocument(db, request.ctx, request.params.id, request.body.reason);
    return service.getInvoice(db, request.ctx, request.params.id);
  });
}
