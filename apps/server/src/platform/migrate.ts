import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './db.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../migrations');
// Any constant will do; it only has to be the same in every process migrating this database.
const MIGRATION_LOCK = 7_364_519_003n;

export interface MigrationResult {
  applied: string[];
}

/**
 * Applies the forward-only .sql files not yet applied, in name order, in one transaction under
 * an advisory lock: two processes starting at once neither both migrate nor see half a schema.
 * A file edited after it was applied is an error, not silently skipped.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort();
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await sql`create table if not exists schema_migrations (
      name text primary key, checksum text not null, applied_at timestamptz not null default now())`.execute(trx);
    const done = new Map(
      (await trx.selectFrom('schema_migrations').select(['name', 'checksum']).execute()).map((r) => [r.name, r.checksum]),
    );
    const applied: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const checksum = createHash('sha256').update(text).digest('hex');
      const previous = done.get(file);
      if (previous) {
        if (previous !== checksum) throw new Error(`Migration ${file} was changed after it was applied`);
        continue;
      }
      await sql.raw(text).execute(trx);
      await trx.insertInto('schema_migrations').values({ name: file, checksum }).execute();
      applied.push(file);
    }
    return { applied };
  });
}
