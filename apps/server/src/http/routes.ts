import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { agingRoutes } from '../modules/aging/aging.routes.ts';
import { exchangeRateRoutes } from '../modules/exchange-rates/exchange-rates.routes.ts';
import { kpiRoutes } from '../modules/kpis/kpis.routes.ts';
import { targetRoutes } from '../modules/targets/targets.routes.ts';
import { reportRoutes } from '../modules/reports/reports.routes.ts';
import { provisionRoutes } from '../modules/provisions/provisions.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { invoiceRoutes } from '../modules/invoices/invoices.routes.ts';
import { ledgerRoutes } from '../modules/ledger/ledger.routes.ts';
import { paymentRoutes } from '../modules/payments/payments.routes.ts';
import { settingsRoutes } from '../modules/settings/settings.routes.ts';
import { importRoutes } from '../modules/imports/imports.routes.ts';
import { customerRoutes } from '../modules/customers/customers.routes.ts';
import { identityRoutes } from '../modules/identity/identity.routes.ts';
import { bankRoutes } from '../modules/bank/bank.routes.ts';
import { cashappRoutes } from '../modules/cashapp/cashapp.routes.ts';
import type { AppDeps } from './app.ts';

export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Every capability's routes, mounted under /api/v1. */
export async function routes(api: Api, deps: AppDeps) {
  await identityRoutes(api, deps);
  await customerRoutes(api, deps);
  await invoiceRoutes(api, deps);
  await paymentRoutes(api, deps);
  await ledgerRoutes(api, deps);
  await auditRoutes(api, deps);
  await settingsRoutes(api, deps);
  await importRoutes(api, deps);
  await agingRoutes(api, deps);
  await exchangeRateRoutes(api, deps);
  await kpiRoutes(api, deps);
  await targetRoutes(api, deps);
  await reportRoutes(api, deps);
  await provisionRoutes(api, deps);
  await bankRoutes(api, deps);
  await cashappRoutes(api, deps);
}
