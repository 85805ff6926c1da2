import fs from 'node:fs';
import { BankLineOut, BankLineQuery, StatementImportOut } from '@duely/contracts/bank';
import { page } from '@duely/contracts/common';
import { BankAccountInput, BankAccountOut } from '@duely/contracts/customers';
import { z } from 'zod';
import type { AppDeps } from '../../http/app.ts';
import type { Api } from '../../http/routes.ts';
import { ValidationError } from '../../platform/errors.ts';
import { receiveUpload } from '../imports/imports.routes.ts';
import * as service from './bank.service.ts';

export async function bankRoutes(api: Api, deps: AppDeps) {
  const { db } = deps.database;
  const tags = ['bank'];

  api.get('/bank-accounts', { config: { permission: 'receipts.read' }, schema: { tags, response: { 200: page(BankAccountOut) } } }, async (request) => ({
    data: await service.listBankAccounts(db, request.ctx),
    next_cursor: null,
  }));

  // Adding an account the company's money lands in is a settings change, not day-to-day work.
  api.post('/bank-accounts', { config: { permission: 'settings.manage' }, schema: { tags, body: BankAccountInput, response: { 201: BankAccountOut } } }, async (request, reply) =>
    reply.status(201).send(await service.createBankAccount(db, request.ctx, request.body)),
  );

  /** Upload a statement file (multipart: file, optional bank_account_id); all or nothing. */
  api.post('/bank-statements', { config: { permission: 'bank.write' }, schema: { tags, consumes: ['multipart/form-data'], response: { 200: StatementImportOut } } }, async (request) => {
    const upload = await receiveUpload(request);
    try {
      const bankAccountId = upload.fields.bank_account_id || undefined;
      if (bankAccountId && !z.string().uuid().safeParse(bankAccountId).success) {
        throw new ValidationError('bank_account_id', 'must be a UUID');
      }
      return await service.importStatementFile(db, request.ctx, { source: { path: upload.filePath, fileName: upload.fileName }, bankAccountId });
    } finally {
      fs.rmSync(upload.filePath, { force: true });
    }
  });

  api.get('/bank-lines', { config: { permission: 'bank.read' }, schema: { tags, querystring: BankLineQuery, response: { 200: page(BankLineOut).extend({ total: z.number().int() }) } } }, async (request) =>
    service.listLines(db, request.ctx, request.query),
  );
}
