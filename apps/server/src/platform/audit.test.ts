import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createCustomer } from '../testing/fixtures.ts';
import { call, createTestTenant, useHarness } from '../testing/harness.ts';
import { verifyAudit } from './audit.ts';

const h = useHarness();

async function tenantWithHistory() {
  const t = await createTestTenant(h.database);
  const c = await createCustomer(h.app, t.token);
  await call(h.app, t.token, 'PATCH', `/customers/${c.id}`, { risk_class: 'high' });
  await call(h.app, t.token, 'PATCH', `/customers/${c.id}`, { risk_class: 'low' });
  const ok = await verifyAudit(h.database.db, t.id);
  assert.ok(ok.ok, JSON.stringify(ok.problems));
  assert.ok(ok.entries >= 6);
  return { t, customerId: c.id, entries: ok.entries };
}

test('every mutation is audited with who, what, before and after, and the request id', async () => {
  const { t, customerId } = await tenantWithHistory();
  const res = await call(h.app, t.token, 'GET', `/audit?entity_type=customer&entity_id=${customerId}`);
  assert.equal(res.status, 200);
  const [latest, middle, created] = res.body.data;
  assert.equal(created.action, 'customer.create');
  assert.equal(middle.action, 'customer.update');
  assert.equal(middle.before.risk_class, 'medium');
  assert.equal(middle.after.risk_class, 'high');
  assert.equal(latest.after.risk_class, 'low');
  assert.equal(latest.actor_type, 'token');
  assert.ok(latest.request_id);
});

test('an edited entry is detected', async () => {
  const { t } = await tenantWithHistory();
  await sql`update audit_log set after = jsonb_set(after, '{risk_class}', '"low"') where tenant_id = ${t.id} and seq = 5`.execute(h.database.db);
  const result = await verifyAudit(h.database.db, t.id);
  assert.equal(result.ok, false);
  assert.deepEqual(result.problems.map((p) => [p.seq, p.problem]), [['5', 'content does not match its hash (edited)']]);
});

test('a removed entry in the middle is detected', async () => {
  const { t } = await tenantWithHistory();
  await sql`delete from audit_log where tenant_id = ${t.id} and seq = 3`.execute(h.database.db);
  const result = await verifyAudit(h.database.db, t.id);
  assert.equal(result.ok, false);
  assert.ok(result.problems.some((p) => p.problem.includes('missing')));
  assert.ok(result.problems.some((p) => p.problem.includes('does not link')));
});

test('removing the newest entries is detected through the chain head', async () => {
  const { t, entries } = await tenantWithHistory();
  await sql`delete from audit_log where tenant_id = ${t.id} and seq = ${entries}`.execute(h.database.db);
  const result = await verifyAudit(h.database.db, t.id);
  assert.equal(result.ok, false);
  assert.match(result.problems[0]!.problem, /entries removed/);
});

test('re-hashing an edited entry still breaks the link from the next one', async () => {
  const { t } = await tenantWithHistory();
  await sql`update audit_log set hash = repeat('a', 64) where tenant_id = ${t.id} and seq = 4`.execute(h.database.db);
  const result = await verifyAudit(h.database.db, t.id);
  assert.ok(result.problems.some((p) => p.seq === '4'));
  assert.ok(result.problems.some((p) => p.seq === '5' && p.problem.includes('does not link')));
  const api = await call(h.app, t.token, 'GET', '/audit/verify');
  assert.equal(api.body.ok, false);
});
