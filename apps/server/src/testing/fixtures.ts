import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../platform/db.ts';
import { verifyAudit } from '../platform/audit.ts';
import { verifyLedger } from '../modules/ledger/ledger.service.ts';
import { call } from './harness.ts';

/** The invariants every scenario must leave intact: ledger sound, audit chain whole. */
export async function assertLedgerSound(database: Database, tenantId: string) {
  const ledger = await verifyLedger(database.db, tenantId);
  assert.ok(ledger.ok, `ledger: ${JSON.stringify(ledger.checks.filter((c) => !c.ok))}`);
  const audit = await verifyAudit(database.db, tenantId);
  assert.ok(audit.ok, `audit: ${JSON.stringify(audit.problems)}`);
}

export async function createCustomer(app: FastifyInstance, token: string, overrides: Record<string, unknown> = {}) {
  const res = await call(app, token, 'POST', '/customers', {
    code: `C${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
    name: 'Shree Ganesh Traders',
    kind: 'b2b',
    state_code: '24',
    city: 'Ahmedabad',
    ...overrides,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; code: string; balance: string };
}

/** An invoice of one line: taxable `amount` at `rate` % GST. */
export async function createInvoice(app: FastifyInstance, token: string, customerId: string, amount: string, rate = '18', extra: Record<string, unknown> = {}) {
  const res = await call(app, token, 'POST', '/invoices', {
    customer_id: customerId,
    issue_date: '2025-06-01',
    lines: [{ description: 'HDPE granules', hsn_sac: '390120', quantity: '1', unit_price: amount, tax_rate: rate }],
    ...extra,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; number: string; total: string; open_amount: string; taxable_amount: string };
}

export async function balanceOf(app: FastifyInstance, token: string, customerId: string) {
  return (await call(app, token, 'GET', `/customers/${customerId}`)).body.balance as string;
}
