import pg from 'pg';

export const PG_ADMIN = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** BENCH_PG_DB lets a second bench (or a profile) run beside one already using duely_bench. */
export const PG_BENCH_DB = process.env.BENCH_PG_DB ?? 'duely_bench';
export const benchPgUrl = () => PG_ADMIN.replace(/\/[^/]*$/, `/${PG_BENCH_DB}`);

/** Drops and re-creates the bench database, so every phase starts from nothing. */
export async function freshPgDatabase() {
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`drop database if exists ${PG_BENCH_DB} with (force)`);
  await admin.query(`create database ${PG_BENCH_DB}`);
  await admin.end();
}
