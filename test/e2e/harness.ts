import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildApp } from '../../apps/server/src/http/app.ts';
import type { Database } from '../../apps/server/src/platform/db.ts';
import { openTestDatabase } from '../../apps/server/src/testing/db.ts';
import { createTestTenant, type TestTenant } from '../../apps/server/src/testing/harness.ts';

export type { TestTenant };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST = path.join(root, 'apps/web/dist');

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p) => p && fs.existsSync(p));
  if (!found) throw new Error('Chromium not found: install Debian\'s "chromium" or set CHROMIUM_PATH');
  return found;
}

export interface E2E {
  database: Database;
  app: FastifyInstance;
  baseUrl: string;
  browser: Browser;
}

/**
 * One database, one server on a free port and one Chromium per test file (node:test before/after).
 * Each test makes its own tenant, so tests in a file do not see each other's data.
 */
export function useE2E(): E2E {
  const e2e = {} as E2E;
  before(async () => {
    if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
      throw new Error('apps/web/dist is missing: run `npm run build:web` (scripts/test.mjs does it for you)');
    }
    e2e.database = await openTestDatabase();
    e2e.app = await buildApp({
      database: e2e.database,
      config: { sessionHours: 1, cookieSecure: false, logLevel: 'silent' },
      webDist: WEB_DIST,
    });
    await e2e.app.listen({ host: '127.0.0.1', port: 0 });
    const address = e2e.app.server.address() as AddressInfo;
    e2e.baseUrl = `http://127.0.0.1:${address.port}`;
    e2e.browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });
  after(async () => {
    await e2e.browser?.close();
    await e2e.app?.close();
    await e2e.database?.close();
  });
  return e2e;
}

export function newTenant(e2e: E2E): Promise<TestTenant> {
  return createTestTenant(e2e.database);
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions and console errors seen so far; a healthy page has none. */
  errors: string[];
}

/** A fresh browser context (own cookies) and page, recording any page error. */
export async function openPage(e2e: E2E): Promise<TestPage> {
  const context = await e2e.browser.newContext({
    baseURL: e2e.baseUrl,
    viewport: { width: 1400, height: 900 },
    locale: 'en-IN',
    timezoneId: 'Asia/Kolkata',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    // Failed API calls are logged by Chromium as console errors; the tests assert on those themselves.
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text()))
      errors.push(`console: ${msg.text()}`);
  });
  return { page, context, errors };
}

/** Signs in through the login page as the tenant's admin and waits for the app shell. */
export async function login(page: Page, tenant: TestTenant, startAt = '/customers') {
  await page.goto(startAt);
  await page.getByLabel('Email').fill(tenant.adminEmail);
  await page.getByLabel('Password').fill(tenant.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('company-name').waitFor();
}

/** Calls the API over real HTTP with the tenant's API token (seeding; never a mock). */
export async function api<T = any>(
  e2e: E2E,
  tenant: TestTenant,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${e2e.baseUrl}/api/v1${url}`, {
    method,
    headers: {
      authorization: `Bearer ${tenant.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

async function created<T>(e2e: E2E, tenant: TestTenant, url: string, body: unknown): Promise<T> {
  const res = await api<T>(e2e, tenant, 'POST', url, body);
  assert.equal(res.status, 201, `POST ${url}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface SeededCustomer {
  id: string;
  code: string;
  name: string;
  balance: string;
}

export function seedCustomer(
  e2e: E2E,
  tenant: TestTenant,
  fields: Record<string, unknown> = {},
): Promise<SeededCustomer> {
  return created(e2e, tenant, '/customers', {
    code: `C${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
    name: 'Shree Ganesh Traders',
    kind: 'b2b',
    state_code: '24',
    city: 'Ahmedabad',
    ...fields,
  });
}

export interface SeededInvoice {
  id: string;
  number: string;
  total: string;
  open_amount: string;
  taxable_amount: string;
}

/** One-line invoice: taxable `amount` at `rate` % GST. */
export function seedInvoice(
  e2e: E2E,
  tenant: TestTenant,
  customerId: string,
  amount: string,
  rate = '18',
  extra: Record<string, unknown> = {},
): Promise<SeededInvoice> {
  return created(e2e, tenant, '/invoices', {
    customer_id: customerId,
    issue_date: '2025-06-01',
    lines: [
      { description: 'HDPE granules', hsn_sac: '390120', quantity: '1', unit_price: amount, tax_rate: rate },
    ],
    ...extra,
  });
}

export function seedReceipt(
  e2e: E2E,
  tenant: TestTenant,
  body: Record<string, unknown>,
): Promise<{ id: string; number: string; unapplied_amount: string }> {
  return created(e2e, tenant, '/receipts', { method: 'neft', receipt_date: '2025-06-20', ...body });
}

/** "₹1,77,000.00" as the web app prints INR, for asserting on what a person sees. */
export function inr(decimal: string): string {
  const [whole, fraction = '00'] = decimal.replace('-', '').split('.');
  const w = whole!;
  const last3 = w.slice(-3);
  const rest = w.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  return `${decimal.startsWith('-') ? '-' : ''}₹${rest ? `${rest},` : ''}${last3}.${fraction.padEnd(2, '0')}`;
}
