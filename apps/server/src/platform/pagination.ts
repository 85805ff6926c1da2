import { ValidationError } from './errors.ts';

export type CursorValue = string | number | null;

/** Keyset cursors: the sort key of the last row, opaque to the client. */
export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): CursorValue[] | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && values.every((v) => v === null || ['string', 'number'].includes(typeof v))) {
      return values;
    }
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
