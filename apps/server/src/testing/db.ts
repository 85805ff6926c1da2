import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../platform/db.ts';
import { MIGRATIONS_DIR, migrate } from '../platform/migrate.ts';

/**
 * The database a test file runs against: PostgreSQL when DATABASE_URL is set (the CI runs the
 * suite both ways), otherwise an in-memory PGlite started from a migrated template. Tests share
 * one database and isolate themselves by creating their own tenant, which is exactly the
 * isolation the product promises.
 */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const database = await openDatabase({ databaseUrl: url, poolSize: 20 });
    try {
      await migrate(database.db);
    } catch (error) {
      // A test database left by an older edit of a migration: start it over (tests only).
      if (!String(error).includes('was changed after it was applied')) throw error;
      await sql`select pg_advisory_lock(7364519004)`.execute(database.db);
      try {
        // Another test process may have reset it while this one waited for the lock.
        const again = await migrate(database.db).then(() => true, () => false);
        if (!again) {
          await sql`drop schema public cascade`.execute(database.db);
          await sql`create schema public`.execute(database.db);
          await migrate(database.db);
        }
      } finally {
        await sql`select pg_advisory_unlock(7364519004)`.execute(database.db);
      }
    }
    return database;
  }
  const template = await pgliteTemplate();
  const database = await openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([template]) });
  await migrate(database.db);
  return database;
}

function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(MIGRATIONS_DIR).sort()) hash.update(file).update(fs.readFileSync(path.join(MIGRATIONS_DIR, file)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * initdb in PGlite takes ~4 s; loading a dump of an already-migrated database takes well under
 * one. The dump is cached per migration set, written atomically so parallel test files can race.
 */
async function pgliteTemplate(): Promise<Uint8Array<ArrayBuffer>> {
  const dir = path.join(os.tmpdir(), 'duely-test-templates');
  const file = path.join(dir, `pglite-${migrationsHash()}.tar.gz`);
  if (fs.existsSync(file)) return new Uint8Array(fs.readFileSync(file));
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(database.db);
    const dump = new Uint8Array(await (await database.dumpDataDir!()).arrayBuffer());
    fs.mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, dump);
    fs.renameSync(temp, file);
    return dump;
  } finally {
    await database.close();
  }
}
