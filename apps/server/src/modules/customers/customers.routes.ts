import { Id, Ok, page } from '@duely/contracts/common';
import {
  ContactInput,
  ContactOut,
  ContactPatch,
  CustomerDetail,
  CustomerInput,
  CustomerListQuery,
  CustomerOut,
  CustomerPatch,
  PaymentTermsInput,
  PaymentTermsOut,
} from '@duely/contracts/customers';
import type { AppDeps } from '../../http/app.ts';
import type { Api } from '../../http/routes.ts';
import { listPaymentTerms } from './customers.repo.ts';
import * as service from './customers.service.ts';

export async function customerRoutes(api: Api, deps: AppDeps) {
  const { db } = deps.database;
  const tags = ['customers'];

  api.get('/customers', { config: { permission: 'customers.read' }, schema: { tags, querystring: CustomerListQuery, response: { 200: page(CustomerOut) } } }, (request) =>
    service.listCustomers(db, request.ctx, request.query),
  );

  api.post('/customers', { config: { permission: 'customers.write' }, schema: { tags, body: CustomerInput, response: { 201: CustomerDetail } } }, async (request, reply) => {
    const id = await service.createCustomer(db, request.ctx, request.body);
    return reply.status(201).send(await service.getCustomer(db, request.ctx, id));
  });

  api.get('/customers/:id', { config: { permission: 'customers.read' }, schema: { tags, params: Id, response: { 200: CustomerDetail } } }, (request) =>
    service.getCustomer(db, request.ctx, request.params.id),
  );

  api.patch('/customers/:id', { config: { permission: 'customers.write' }, schema: { tags, params: Id, body: CustomerPatch, response: { 200: CustomerDetail } } }, async (request) => {
    await service.updateCustomer(db, request.ctx, request.params.id, request.body);
    return service.getCustomer(db, request.ctx, request.params.id);
  });

  api.post('/customers/:id/contacts', { config: { permission: 'customers.write' }, schema: { tags, params: Id, body: ContactInput, response: { 201: ContactOut } } }, async (request, reply) =>
    reply.status(201).send(await service.addContact(db, request.ctx, request.params.id, request.body)),
  );

  api.patch('/contacts/:id', { config: { permission: 'customers.write' }, schema: { tags, params: Id, body: ContactPatch, response: { 200: ContactOut } } }, (request) =>
    service.updateContact(db, request.ctx, request.params.id, request.body),
  );

  api.delete('/contacts/:id', { config: { permission: 'customers.write' }, schema: { tags, params: Id, response: { 200: Ok } } }, async (request) => {
    await service.deleteContact(db, request.ctx, request.params.id);
    return { ok: true as const };
  });

  api.get('/payment-terms', { config: { permission: 'customers.read' }, schema: { tags: ['settings'], response: { 200: page(PaymentTermsOut) } } }, async (request) => ({
    data: (await listPaymentTerms(db, request.ctx.tenantId)).map(service.toPaymentTermsOut),
    next_cursor: null,
  }));

  api.post('/payment-terms', { config: { permission: 'settings.manage' }, schema: { tags: ['settings'], body: PaymentTermsInput, response: { 201: PaymentTermsOut } } }, async (request, reply) =>
    reply.status(201).send(await service.createPaymentTerms(db, request.ctx, request.body)),
  );
}
