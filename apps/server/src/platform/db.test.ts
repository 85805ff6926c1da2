import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { createCustomer } from '../testing/fixtures.ts';
import { createTestTenant, useHarness } from '../testing/harness.ts';
import { type Executor, inReportSnapshot } from './db.ts';

const h = useHarness();

describe('report snapshots', () => {
  test('every query of a report sees the same moment, side by side or one by one, whatever commits meanwhile', async () => {
    const t = await createTestTenant(h.database);
    await createCustomer(h.app, t.token);
    const count = (db: Executor) =>
      sql<{ n: bigint }>`select count(*) as n from customers where tenant_id = ${t.id}`.execute(db).then((r) => r.rows[0]!.n);
    const seen = await inReportSnapshot(h.database.db, async (trx, atOnce) => {
      const first = await count(trx);
      // A customer created by another connection after the snapshot was taken (on PGlite, which
      // has one connection, that would wait for the report: there the report is the only writer).
      if (h.database.kind === 'postgres') await createCustomer(h.app, t.token);
      const [a, b, c] = await atOnce(count, count, async (db) => {
        const settings = await sql<{ jit: string; work_mem: string }>`select current_setting('jit') as jit, current_setting('work_mem') as work_mem`.execute(db);
        return settings.rows[0]!;
      });
      return { first, a, b, c };
    });
    assert.deepEqual(seen, { first: 1n, a: 1n, b: 1n, c: { jit: 'off', work_mem: '64MB' } });
    if (h.database.kind === 'postgres') {
      const after = await sql<{ n: bigint }>`select count(*) as n from customers where tenant_id = ${t.id}`.execute(h.database.db);
      assert.equal(after.rows[0]!.n, 2n, 'the customer was created, only after the report began');
    }
  });
});
