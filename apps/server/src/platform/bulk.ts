import { type Insertable, type RawBuilder, sql } from 'kysely';
import type { Executor } from './db.ts';
import type { DB } from './schema.ts';

/**
 * The PostgreSQL type of each column written, for the array its values travel in. An array
 * column is sent as text and cast row by row ('text::text[]'): unnest would flatten a 2-D array.
 */
export type ColumnTypes<T extends keyof DB> = { [K in keyof Insertable<DB[T]> & string]?: string };

/**
 * `(a, b, …) select … from unnest($1::ta[], $2::tb[], …)`, to follow `insert into <table>`: many
 * rows sent as one array per column. PostgreSQL parses and plans a dozen parameters instead of a
 * VALUES list of thousands, and the driver and Kysely build no node per value: on the cash
 * bench an audit batch of 1,500 rows took 62–74 ms this way against 88–105 ms as VALUES. No
 * parameter limit cuts a batch in pieces either. Only the columns in `types` are written; the
 * others take their defaults.
 */
export function unnestRows<T extends keyof DB>(
  types: ColumnTypes<T>,
  rows: readonly Insertable<DB[T]>[],
): RawBuilder<unknown> {
  const columns = Object.keys(types) as (keyof Insertable<DB[T]> & string)[];
  // A field the types forgot would be dropped without a word: refused instead.
  const unlisted = Object.keys(rows[0] ?? {}).find((key) => !(key in types));
  if (unlisted) throw new Error(`unnestRows: no column type for ${unlisted}`);
  const typed = columns.map((column) => types[column]!.split('::') as [string, string?]);
  const arrays = columns.map((column, i) => {
    const values = rows.map((row) => (row as Record<string, unknown>)[column] ?? null);
    return sql`${values}::${sql.raw(typed[i]![0])}[]`;
  });
  const outputs = typed.map(([, cast], i) => sql.raw(cast ? `c${i}::${cast}` : `c${i}`));
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  return sql`(${sql.join(columns.map((c) => sql.ref(c)))}) select ${sql.join(outputs)} from unnest(${sql.join(arrays)}) as u(${sql.raw(aliases)})`;
}

/** Inserts `rows` into `table` as one statement (unnestRows). */
export async function insertRows<T extends keyof DB & string>(
  db: Executor,
  table: T,
  types: ColumnTypes<T>,
  rows: readonly Insertable<DB[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`insert into ${sql.table(table)} ${unnestRows(types, rows)}`.execute(db);
}
