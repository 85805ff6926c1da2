import assert from 'node:assert/strict';
import type { InvoiceRecord } from '@duely/domain/imports/records';
import { ImportFileError } from './errors.ts';
import type { TableRow } from './table.ts';

/** Shared by the readers' tests: fixture paths, draining rows, expecting a file error. */
export const fixture = (...parts: string[]) =>
  new URL(`../../../../../../test/fixtures/imports/${parts.join('/')}`, import.meta.url).pathname;

export async function all(rows: AsyncIterable<TableRow>): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

export async function fileError(promise: Promise<unknown>): Promise<ImportFileError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ImportFileError, `expected ImportFileError, got ${(error as Error).stack}`);
    return error;
  }
  assert.fail('expected an ImportFileError');
}

const minor = (amount: string) => BigInt(amount.replace('.', ''));

/** Nine debits of 4,81,889.50 and two credits of 6,180.00, as build-fixtures.ts makes them. */
export function assertTallyTotals(records: InvoiceRecord[]) {
  const invoices = records.filter((r) => r.kind === 'invoice');
  const credits = records.filter((r) => r.kind === 'credit_note');
  assert.equal(invoices.length, 9);
  assert.equal(credits.length, 2);
  assert.equal(
    invoices.reduce((s, r) => s + minor(r.total), 0n),
    48188950n,
  );
  assert.equal(
    credits.reduce((s, r) => s + minor(r.total), 0n),
    618000n,
  );
  assert.ok(records.every((r) => r.open_amount === r.total));
  assert.deepEqual(
    credits.map((r) => r.number),
    ['ADV/21-22/009', 'CN/21-22/014'],
  );
}
