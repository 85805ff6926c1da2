import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, type Transaction, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

// int8 → bigint (money, counts): never a JS number. date → the 'YYYY-MM-DD' text as stored, not
// a JS Date at local midnight. numeric stays a decimal string (pg's default).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => BigInt(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Anything that runs queries: the pool-backed Kysely or an open transaction. */
export type Executor = Db | Trx;

export interface Database {
  db: Db;
  pool: pg.Pool;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a gzipped tarball (test templates, backups). */
  dumpDataDir?: () => Promise<Blob>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; 'memory://' for a throwaway database. */
  dataDir?: string;
  /** A PGlite data directory dump (from dumpDataDir) to start from: how tests skip initdb. */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 10_000,
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    serverDatabases.add(db);
    return { db, pool, kind: 'postgres', close: () => db.destroy() };
  }
  return openPglite(options.dataDir ?? 'memory://', options.loadDataDir);
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const releaseLock = dataDir.startsWith('memory://') ? () => {} : lockDataDir(dataDir);
  try {
    const lite = await PGlite.create(dataDir, loadDataDir ? { loadDataDir } : {});
    // One connection: PGlite is single-session. A query on the pool while a transaction holds
    // the connection would wait forever; the timeout turns that mistake into an error.
    const pool = new pg.Pool({ ...(createPgConfig(lite) as unknown as pg.PoolConfig), max: 1, connectionTimeoutMillis: 60_000 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      pool,
      kind: 'pglite',
      dumpDataDir: () => lite.dumpDataDir('gzip') as Promise<Blob>,
      async close() {
        await db.destroy();
        await lite.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/**
 * PGlite has no lock of its own on its directory; two processes opening it would corrupt it.
 * A pid file, taken over only when its process is gone, keeps it to one.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'duely.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockFile, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(`The database in ${dataDir} is in use by process ${holder}; stop it first.`);
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Runs `fn` in one transaction, or inside the caller's when `executor` already is one, so use
 * cases compose (an import calls createInvoice inside its own all-or-nothing transaction).
 * Serialization failures and deadlocks are retried: the work is re-run from the start.
 */
export async function inTransaction<T>(executor: Executor, fn: (trx: Trx) => Promise<T>): Promise<T> {
  if (executor.isTransaction) return fn(executor as Trx);
  for (let attempt = 1; ; attempt++) {
    try {
      return await (executor as Db).transaction().execute(fn);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}

/** Databases on a PostgreSQL server, whose pool has connections to spare (PGlite has one). */
const serverDatabases = new WeakSet<object>();

/** Runs report queries at once, each on a connection of its own, all in the report's snapshot. */
export type RunAtOnce = <T extends unknown[]>(...queries: { [K in keyof T]: (db: Executor) => Promise<T[K]> }) => Promise<T>;

/**
 * Runs a report's queries in one read-only snapshot, so every figure of it is of the same moment
 * even while receipts are being posted. Reports aggregate hundreds of thousands of rows in one
 * statement: they get the memory to hash them instead of spilling to disk; no JIT, whose compile
 * time (~100 ms per statement on PostgreSQL 15) costs more than it saves at this size; and the
 * planner is told index pages are not far dearer than table pages (the default 4 assumes a
 * spinning disk), so it reads open items from their covering index, in customer order.
 * `atOnce` runs independent queries side by side on a PostgreSQL server, each in a transaction
 * that imports this one's snapshot; on PGlite, or inside a caller's transaction, one by one.
 */
export async function inReportSnapshot<T>(executor: Executor, fn: (trx: Trx, atOnce: RunAtOnce) => Promise<T>): Promise<T> {
  const oneByOne = (trx: Executor): RunAtOnce =>
    (async (...queries: ((db: Executor) => Promise<unknown>)[]) => {
      const results: unknown[] = [];
      for (const query of queries) results.push(await query(trx));
      return results;
    }) as RunAtOnce;
  if (executor.isTransaction) return fn(executor as Trx, oneByOne(executor));
  const db = executor as Db;
  const fanOut = serverDatabases.has(db);
  const reportTransaction = () => db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only');
  const settings = sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true),
    set_config('random_page_cost', least(current_setting('random_page_cost')::float8, 1.1)::text, true)`;
  return reportTransaction().execute(async (trx) => {
    await settings.execute(trx);
    if (!fanOut) return fn(trx, oneByOne(trx));
    // Exported on first use: most reports never run queries side by side. A repeatable-read
    // transaction exports the snapshot it took at its first statement, whenever it is asked.
    let snapshot: Promise<string> | null = null;
    const exported = () => (snapshot ??= sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx).then((r) => r.rows[0]!.id));
    const atOnce = (async (...queries: ((db: Executor) => Promise<unknown>)[]) => {
      if (queries.length < 2) return oneByOne(trx)(...queries);
      const id = await exported();
      return Promise.all(
        queries.map((query, i) =>
          i === 0
            ? query(trx)
            : reportTransaction().execute(async (other) => {
                // must be the transaction's first statement; the id is PostgreSQL's own text
                await sql`set transaction snapshot ${sql.lit(id)}`.execute(other);
                await settings.execute(other);
                return query(other);
              }),
        ),
      );
    }) as RunAtOnce;
    return fn(trx, atOnce);
  });
}

/**
 * Runs `statement` with a planner setting changed, then puts the setting back, so later
 * statements of the same report transaction plan as before. Transaction-local (set_config's
 * is_local): outside a transaction it would not reach the statement.
 */
export async function withPlannerSetting<T>(trx: Executor, name: string, value: string, statement: () => Promise<T>): Promise<T> {
  const before = await sql<{ previous: string }>`select current_setting(${name}) as previous, set_config(${name}, ${value}, true)`.execute(trx);
  const result = await statement();
  await sql`select set_config(${name}, ${before.rows[0]!.previous}, true)`.execute(trx);
  return result;
}

export const LEDGER_TABLES = ['customers', 'contacts', 'invoices', 'invoice_lines', 'receipts', 'allocations', 'journal_lines', 'ar_balances', 'daily_sales', 'daily_ar', 'open_debits', 'audit_log'] as const;

/**
 * Refreshes the planner's statistics after a bulk write. Without them PostgreSQL plans for the
 * tables as they were (often empty) and picks nested loops over what are now millions of rows;
 * PGlite has no autovacuum, so nothing else would ever refresh them. ANALYZE may run inside a
 * transaction and counts that transaction's own rows.
 */
export async function refreshStatistics(executor: Executor, tables: readonly string[] = LEDGER_TABLES) {
  await sql.raw(`analyze ${tables.join(', ')}`).execute(executor);
}

/**
 * After a bulk write has committed: statistics as above, and the visibility map, which lets the
 * reports read open items from their covering indexes without visiting the table. PostgreSQL's
 * autovacuum would get there in its own time; PGlite has none, so without this it never would.
 * VACUUM cannot run in a transaction: pass the pool-backed database.
 */
export async function settleTables(db: Db, tables: readonly string[] = LEDGER_TABLES) {
  await sql.raw(`vacuum (analyze) ${tables.join(', ')}`).execute(db);
}
