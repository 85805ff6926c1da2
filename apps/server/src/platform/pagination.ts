import { ValidationError } from './errors.ts';

export type CursorValue = string | number | null;

/** Keyset cursors: the sort key of the last row, opaque to the client. */
export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** What each value of a cursor must be, so a forged one is a 400 and never reaches a cast in SQL. */
export type CursorKind = 'date' | 'uuid' | 'int' | 'digits' | 'text';

const FITS: Record<CursorKind, (v: CursorValue) => boolean> = {
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
  uuid: (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  int: (v) => Number.isSafeInteger(v),
  digits: (v) => typeof v === 'string' && /^\d{1,19}$/.test(v),
  text: (v) => typeof v === 'string',
};

/** The values of a cursor this list returned, each of its kind; null for none. */
export function decodeCursor(cursor: string | undefined, shape: CursorKind[]): CursorValue[] | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === shape.length && values.every((v, i) => FITS[shape[i]!](v))) return values;
  } catch {
    // fall through
  }
  throw new ValidationError('cursor', 'is not a cursor this list returned');
}

/** Repos fetch limit + 1 rows; the extra row tells whether there is a next page. */
export function toPage<T, O>(rows: T[], limit: number, keyOf: (row: T) => CursorValue[], map: (row: T) => O) {
  const more = rows.length > limit;
  const data = (more ? rows.slice(0, limit) : rows).map(map);
  return { data, next_cursor: more ? encodeCursor(keyOf(rows[limit - 1]!)) : null };
}
