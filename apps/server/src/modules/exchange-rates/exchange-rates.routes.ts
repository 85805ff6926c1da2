import { Currency } from '@duely/contracts/common';
import { ExchangeRateIn, ExchangeRateList } from '@duely/contracts/aging';
import { z } from 'zod';
import type { AppDeps } from '../../http/app.ts';
import type { Api } from '../../http/routes.ts';
import { importExchangeRates, listExchangeRates, setExchangeRates } from './exchange-rates.service.ts';

const ImportBody = z.object({ csv: z.string().min(1).max(5_000_000), dry_run: z.boolean().default(false) });
const ImportResult = z.object({
  saved: z.number().int(),
  rows: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), column: z.string(), reason: z.string() })),
});

export async function exchangeRateRoutes(api: Api, deps: AppDeps) {
  const { db } = deps.database;
  api.get(
    '/exchange-rates',
    { config: { permission: 'reports.read' }, schema: { tags: ['exchange rates'], querystring: z.object({ currency: Currency.optional() }), response: { 200: ExchangeRateList } } },
    (request) => listExchangeRates(db, request.ctx, request.query.currency),
  );
  api.post(
    '/exchange-rates',
    { config: { permission: 'rates.manage' }, schema: { tags: ['exchange rates'], body: z.object({ rates: z.array(ExchangeRateIn).min(1).max(10_000) }), response: { 200: z.object({ saved: z.number().int() }) } } },
    (request) => setExchangeRates(db, request.ctx, request.body.rates),
  );
  api.post(
    '/exchange-rates/import',
    { config: { permission: 'rates.manage' }, schema: { tags: ['exchange rates'], body: ImportBody, response: { 200: ImportResult } } },
    // A file with bad rows is a report (200, errors listed, nothing saved), like every import.
    (request) => importExchangeRates(db, request.ctx, request.body.csv, { dryRun: request.body.dry_run }),
  );
}
