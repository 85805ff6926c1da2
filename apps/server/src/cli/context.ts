import { loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../platform/db.ts';
import { migrate } from '../platform/migrate.ts';
import { ensureDefaultTenant, resolveTenant } from '../modules/identity/identity.service.ts';

export interface GlobalOptions {
  json?: boolean;
  tenant?: string;
}

/** Opens the configured database (PostgreSQL if DATABASE_URL, else PGlite in the data dir), migrated. */
export async function openConfigured() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const { applied } = await migrate(database.db);
    const { tenant, created } = await ensureDefaultTenant(database.db);
    return { config, database, applied, defaultTenant: tenant, defaultTenantCreated: created };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export async function withDatabase<T>(fn: (opened: Awaited<ReturnType<typeof openConfigured>>) => Promise<T>): Promise<T> {
  const opened = await openConfigured();
  try {
    return await fn(opened);
  } finally {
    await opened.database.close();
  }
}

export function tenantFor(database: Database, options: GlobalOptions) {
  return resolveTenant(database.db, options.tenant);
}

export function print(options: GlobalOptions, human: string, data: unknown) {
  if (options.json) process.stdout.write(`${JSON.stringify(data, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
  else process.stdout.write(`${human}\n`);
}
