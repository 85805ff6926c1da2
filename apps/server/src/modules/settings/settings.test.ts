import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCustomer, createInvoice } from '../../testing/fixtures.ts';
import { call, createTestTenant, useHarness } from '../../testing/harness.ts';

const h = useHarness();

test('settings: tolerances change what an allocation may write off; bad values name the field', async () => {
  const t = await createTestTenant(h.database);
  const s = await call(h.app, t.token, 'GET', '/settings');
  assert.equal(s.body.write_off_tolerance, '100.00');
  assert.equal(s.body.max_tds_percent, '20');
  const c = await createCustomer(h.app, t.token);
  const inv = await createInvoice(h.app, t.token, c.id, '1000.00', '0');
  const body = { customer_id: c.id, receipt_date: '2025-06-05', amount: '850.00', method: 'cash', allocations: [{ invoice_id: inv.id, amount: '850.00', write_off: '150.00' }] };
  assert.equal((await call(h.app, t.token, 'POST', '/receipts', body)).status, 400);
  const patched = await call(h.app, t.token, 'PATCH', '/settings', { write_off_tolerance: '200.00' });
  assert.equal(patched.status, 200);
  assert.equal((await call(h.app, t.token, 'POST', '/receipts', body)).status, 201);
  for (const [patch, field] of [[{ write_off_tolerance: '-1' }, 'write_off_tolerance'], [{ gstin: '24ABC' }, 'gstin'], [{ max_tds_percent: '250' }, 'max_tds_percent'], [{ gst_state_code: '99' }, 'gst_state_code']] as const) {
    const res = await call(h.app, t.token, 'PATCH', '/settings', patch);
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.details.field, field);
  }
});
