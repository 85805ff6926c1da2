import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { formatAmount, gstinProblem } from '@duely/domain';
import { sql } from 'kysely';
import { verifyAudit } from '../../platform/audit.ts';
import { createTestTenant, useHarness } from '../../testing/harness.ts';
import { verifyLedger } from '../ledger/ledger.service.ts';
import { type DemoSummary, loadDemo } from './load.ts';

const h = useHarness();
const TODAY = '2026-11-23';

/** What must come out the same from the same seed: customer codes and the money of every document. */
async function digest(tenantId: string): Promise<string> {
  const db = h.database.db;
  const codes = await db
    .selectFrom('customers')
    .select(['code', 'name', 'gstin'])
    .where('tenant_id', '=', tenantId)
    .orderBy('code')
    .execute();
  const documents = await sql<{ kind: string; n: number; total: string; open: string }>`
    select kind, count(*)::int as n, sum(total)::text as total, sum(open_amount)::text as open
    from invoices where tenant_id = ${tenantId} group by kind order by kind`.execute(db);
  const receipts = await sql<{ n: number; amount: string; unapplied: string }>`
    select count(*)::int as n, sum(amount)::text as amount, sum(unapplied_amount)::text as unapplied
    from receipts where tenant_id = ${tenantId}`.execute(db);
  return createHash('sha256')
    .update(JSON.stringify([codes, documents.rows, receipts.rows]))
    .digest('hex');
}

async function scalar<T>(query: ReturnType<typeof sql<{ v: T }>>): Promise<T> {
  return (await query.execute(h.database.db)).rows[0]!.v;
}

describe('demo data', () => {
  let first: { tenantId: string; summary: DemoSummary };

  test('loads eighteen months of a distributor’s receivables that look real and keep the books sound', async (t) => {
    const tenant = await createTestTenant(h.database);
    const started = performance.now();
    let calls = 0;
    const summary = await loadDemo(h.database.db, {
      tenantId: tenant.id,
      today: TODAY,
      seed: 1,
      password: 'demo password 1',
      onProgress: () => calls++,
    });
    t.diagnostic(`load on ${h.database.kind}: ${Math.round(performance.now() - started)} ms`);
    first = { tenantId: tenant.id, summary };
    const id = tenant.id;
    assert.ok(calls > 100, 'progress is reported as it goes');
    assert.equal(summary.adminEmail, 'admin@duely.local');
    assert.equal(summary.adminPassword, 'demo password 1');

    const users = await h.database.db
      .selectFrom('users')
      .select(['email', 'roles'])
      .where('tenant_id', '=', id)
      .execute();
    assert.ok(users.some((u) => u.email === 'admin@duely.local' && u.roles.includes('admin')));
    for (const role of ['ar_manager', 'finance', 'viewer'])
      assert.ok(
        users.some((u) => u.roles.includes(role)),
        role,
      );
    assert.equal(users.filter((u) => u.roles.includes('collector')).length, 4);

    const customers = await h.database.db
      .selectFrom('customers')
      .select(['kind', 'gstin', 'collector_id', 'payment_terms_id'])
      .where('tenant_id', '=', id)
      .execute();
    const b2b = customers.filter((c) => c.kind === 'b2b');
    assert.ok(customers.length >= 60, `${customers.length} customers`);
    assert.ok(
      b2b.length >= 45 && b2b.every((c) => c.gstin && gstinProblem(c.gstin) === null),
      'B2B customers with valid GSTINs',
    );
    assert.ok(customers.length - b2b.length >= 10);
    assert.ok(customers.every((c) => c.collector_id && c.payment_terms_id));
    assert.equal(customers.length, summary.customers);

    const invoices = await scalar<number>(
      sql`select count(*)::int as v from invoices where tenant_id = ${id} and kind = 'invoice'`,
    );
    assert.ok(invoices >= 3000, `${invoices} invoices`);
    assert.equal(invoices, summary.invoices);
    assert.equal(
      await scalar<string>(
        sql`select sum(total)::text as v from invoices where tenant_id = ${id} and kind = 'invoice'`,
      ),
      summary.invoiced.replace('.', ''),
    );
    assert.ok(
      (await scalar<number>(
        sql`select count(*)::int as v from invoices where tenant_id = ${id} and kind = 'credit_note'`,
      )) > 0,
    );
    assert.ok(
      (await scalar<number>(
        sql`select count(*)::int as v from invoices where tenant_id = ${id} and kind = 'debit_note'`,
      )) > 0,
    );
    assert.ok(
      (await scalar<number>(
        sql`select count(*)::int as v from invoices where tenant_id = ${id} and supply_type = 'intra'`,
      )) > 0,
    );
    assert.ok(
      (await scalar<number>(
        sql`select count(*)::int as v from invoices where tenant_id = ${id} and supply_type = 'inter'`,
      )) > 0,
    );

    const methods = await sql<{
      method: string;
    }>`select distinct method from receipts where tenant_id = ${id}`.execute(h.database.db);
    for (const m of ['neft', 'rtgs', 'imps', 'upi', 'cheque', 'cash'])
      assert.ok(
        methods.rows.some((r) => r.method === m),
        `receipts by ${m}`,
      );
    assert.ok(
      (await scalar<number>(
        sql`select count(*)::int as v from allocations where tenant_id = ${id} and tds > 0`,
      )) > 0,
      'TDS deducted',
    );
    assert.ok(
      (await scalar<number>(
        sql`select count(*)::int as v from allocations where tenant_id = ${id} and discount > 0`,
      )) > 0,
      'early-payment discounts',
    );
    assert.ok(
      (await scalar<number>(
        sql`select count(*)::int as v from receipts where tenant_id = ${id} and status = 'active' and unapplied_amount > 0`,
      )) > 0,
      'cash on account',
    );
    const bounced = await sql<{ reason: string; charge: string | null }>`
      select r.reversal_reason as reason, d.total::text as charge from receipts r
      left join invoices d on d.tenant_id = r.tenant_id and d.id = r.bounce_charge_id
      where r.tenant_id = ${id} and r.status = 'reversed' and r.method = 'cheque'`.execute(h.database.db);
    assert.ok(bounced.rows.length >= 3, `${bounced.rows.length} bounced cheques`);
    assert.ok(bounced.rows.every((r) => r.reason.startsWith('Cheque returned') && r.charge === '59000'));

    const buckets = await sql<{ bucket: string }>`
      select distinct case when due_date >= ${TODAY}::date then 'current'
        when ${TODAY}::date - due_date <= 30 then '1-30' when ${TODAY}::date - due_date <= 60 then '31-60'
        when ${TODAY}::date - due_date <= 90 then '61-90' else '90+' end as bucket
      from invoices where tenant_id = ${id} and kind <> 'credit_note' and open_amount > 0`.execute(
      h.database.db,
    );
    assert.deepEqual(buckets.rows.map((r) => r.bucket).sort(), ['1-30', '31-60', '61-90', '90+', 'current']);

    const balance = await scalar<string>(sql`
      select ((select coalesce(sum(case when kind = 'credit_note' then -open_amount else open_amount end), 0) from invoices where tenant_id = ${id})
        - (select coalesce(sum(unapplied_amount), 0) from receipts where tenant_id = ${id}))::bigint::text as v`);
    assert.equal(
      formatAmount(BigInt(balance), 'INR'),
      summary.outstanding,
      'what customers owe is what the generator expected',
    );

    const ledger = await verifyLedger(h.database.db, id);
    assert.ok(ledger.ok, JSON.stringify(ledger.checks.filter((c) => !c.ok)).slice(0, 2000));
    const audit = await verifyAudit(h.database.db, id);
    assert.ok(audit.ok, JSON.stringify(audit.problems.slice(0, 5)));
  });

  test('the same seed and day load the same customers and amounts into another company', async (t) => {
    assert.ok(first, 'needs the first load');
    const tenant = await createTestTenant(h.database);
    const started = performance.now();
    const summary = await loadDemo(h.database.db, { tenantId: tenant.id, today: TODAY, seed: 1 });
    t.diagnostic(`second load on ${h.database.kind}: ${Math.round(performance.now() - started)} ms`);
    assert.equal(await digest(tenant.id), await digest(first.tenantId));
    assert.deepEqual(
      { ...summary, tenantId: '', adminPassword: '', users: [], durationMs: 0 },
      { ...first.summary, tenantId: '', adminPassword: '', users: [], durationMs: 0 },
    );
    assert.notEqual(
      summary.adminPassword,
      first.summary.adminPassword,
      'passwords are random, not part of the seed',
    );
  });

  test('refuses a company that already has customers, and a load that fails leaves nothing behind', async () => {
    assert.ok(first, 'needs the first load');
    await assert.rejects(
      loadDemo(h.database.db, { tenantId: first.tenantId, today: TODAY }),
      /already has customers/,
    );

    const tenant = await createTestTenant(h.database);
    const auditBefore = (await verifyAudit(h.database.db, tenant.id)).entries;
    await assert.rejects(
      loadDemo(h.database.db, {
        tenantId: tenant.id,
        today: TODAY,
        onProgress: (done) => {
          if (done >= 300) throw new Error('interrupted');
        },
      }),
      /interrupted/,
    );
    const left = await sql<{ customers: number; invoices: number; users: number }>`
      select (select count(*)::int from customers where tenant_id = ${tenant.id}) as customers,
        (select count(*)::int from invoices where tenant_id = ${tenant.id}) as invoices,
        (select count(*)::int from users where tenant_id = ${tenant.id}) as users`.execute(h.database.db);
    assert.deepEqual(left.rows[0], { customers: 0, invoices: 0, users: 1 });
    const audit = await verifyAudit(h.database.db, tenant.id);
    assert.ok(audit.ok);
    assert.equal(audit.entries, auditBefore);
  });
});
