import { after, before } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../http/app.ts';
import { systemCtx } from '../platform/context.ts';
import type { Database } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { createApiToken, createTenant, createUser } from '../modules/identity/identity.service.ts';
import { openTestDatabase } from './db.ts';

export interface TestTenant {
  id: string;
  slug: string;
  adminId: string;
  adminEmail: string;
  password: string;
  token: string;
}

/** A fresh tenant with an admin and an API token: each test's private world in a shared database. */
export async function createTestTenant(database: Database, overrides: { baseCurrency?: string; gstStateCode?: string | null } = {}): Promise<TestTenant> {
  const slug = `t-${newId().slice(-12)}`;
  const tenant = await createTenant(database.db, { slug, name: `Test ${slug}`, ...overrides });
  const ctx = systemCtx(tenant.id);
  const password = 'correct horse battery';
  const adminEmail = `admin@${slug}.test`;
  const admin = await createUser(database.db, ctx, { email: adminEmail, name: 'Admin', password, roles: ['admin'] });
  const { token } = await createApiToken(database.db, ctx, { name: 'tests', userId: admin.id });
  return { id: tenant.id, slug, adminId: admin.id, adminEmail, password, token };
}

export interface Harness {
  database: Database;
  app: FastifyInstance;
}

/**
 * Opens the test database and an app once per test file (node:test `before`/`after`), so each
 * file pays for one PGlite start. Returned object is filled in when `before` has run.
 */
export function useHarness(): Harness {
  const harness = {} as Harness;
  before(async () => {
    harness.database = await openTestDatabase();
    harness.app = await buildApp({
      database: harness.database,
      config: { sessionHours: 1, cookieSecure: false, logLevel: 'silent' },
      webDist: null,
    });
    await harness.app.ready();
  });
  after(async () => {
    await harness.app?.close();
    await harness.database?.close();
  });
  return harness;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** Calls the API as the given token. Bodies are JSON; the parsed response comes back. */
export async function call<T = any>(
  app: FastifyInstance,
  token: string | null,
  method: InjectOptions['method'],
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  const response = await app.inject({
    method,
    url: url.startsWith('/api/') ? url : `/api/v1${url}`,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
  });
  let body: unknown = response.body;
  try {
    body = response.body ? JSON.parse(response.body) : null;
  } catch {
    // not JSON: leave as text
  }
  return { status: response.statusCode, body: body as T, headers: response.headers };
}
