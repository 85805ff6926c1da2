import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ValidationError } from './errors.ts';
import { decodeCursor, encodeCursor } from './pagination.ts';

test('a cursor comes back as the values it was made of; a forged one, of the wrong shape or kind, is refused by name', () => {
  const key = ['2025-06-20', '01923b4e-7c1a-7d00-8000-0123456789ab', 42];
  assert.deepEqual(decodeCursor(encodeCursor(key), ['date', 'uuid', 'int']), key);
  assert.equal(decodeCursor(undefined, ['uuid']), null);
  for (const forged of [
    encodeCursor(['x', '01923b4e-7c1a-7d00-8000-0123456789ab', 42]),
    encodeCursor(['2025-06-20', 'not-a-uuid', 42]),
    encodeCursor(['2025-06-20', '01923b4e-7c1a-7d00-8000-0123456789ab', 4.5]),
    encodeCursor(['2025-06-20', '01923b4e-7c1a-7d00-8000-0123456789ab']),
    'garbage',
  ]) {
    assert.throws(() => decodeCursor(forged, ['date', 'uuid', 'int']), (e: unknown) => e instanceof ValidationError && e.details.field === 'cursor', forged);
  }
  assert.deepEqual(decodeCursor(encodeCursor(['12345']), ['digits']), ['12345']);
  assert.throws(() => decodeCursor(encodeCursor(['12; drop']), ['digits']), ValidationError);
});
