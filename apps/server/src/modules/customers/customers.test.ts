import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { call, createTestTenant, useHarness } from '../../testing/harness.ts';

const h = useHarness();

const acme = {
  code: 'ACME-AHD',
  name: 'Acme Polymers Pvt Ltd',
  kind: 'b2b',
  gstin: '24AAPFU0939F1Z1',
  city: 'Ahmedabad',
  credit_limit: '500000.00',
  tags: ['plastics'],
  contacts: [{ name: 'Rakesh Shah', role: 'Accounts', email: 'rakesh@acme.example', phone: '+91 98250 12345', is_primary: true, language: 'gu' }],
};

describe('customers', () => {
  test('create with contacts, GSTIN implies PAN and state; read back with zero balance', async () => {
    const t = await createTestTenant(h.database);
    const { gstinCheckDigit } = await import('@duely/domain');
    const gstin = `24AAPFU0939F1Z${gstinCheckDigit('24AAPFU0939F1Z')}`;
    const res = await call(h.app, t.token, 'POST', '/customers', { ...acme, gstin });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.pan, 'AAPFU0939F');
    assert.equal(res.body.state_code, '24');
    assert.equal(res.body.currency, 'INR');
    assert.equal(res.body.time_zone, 'Asia/Kolkata');
    assert.equal(res.body.credit_limit, '500000.00');
    assert.equal(res.body.balance, '0.00');
    assert.equal(res.body.contacts.length, 1);
    assert.equal(res.body.contacts[0].language, 'gu');

    const got = await call(h.app, t.token, 'GET', `/customers/${res.body.id}`);
    assert.equal(got.body.name, acme.name);

    const patched = await call(h.app, t.token, 'PATCH', `/customers/${res.body.id}`, { risk_class: 'high', credit_limit: null });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.risk_class, 'high');
    assert.equal(patched.body.credit_limit, null);

    const dup = await call(h.app, t.token, 'POST', '/customers', { ...acme, gstin: null });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.details.field, 'code');
  });

  test('bad input names the field and writes nothing', async () => {
    const t = await createTestTenant(h.database);
    const cases: [object, string][] = [
      [{ ...acme, gstin: '24AAPFU0939F1ZX' }, 'gstin'],
      [{ ...acme, gstin: null, pan: 'BAD' }, 'pan'],
      [{ ...acme, gstin: null, currency: 'XYZ' }, 'currency'],
      [{ ...acme, gstin: null, credit_limit: '-5' }, 'credit_limit'],
      [{ ...acme, gstin: null, credit_limit: 1000 }, 'credit_limit'],
      [{ ...acme, gstin: null, kind: 'b2x' }, 'kind'],
      [{ ...acme, gstin: null, code: "x'; drop table customers; --" }, 'code'],
      [{ ...acme, gstin: null, time_zone: 'Mars/Olympus' }, 'time_zone'],
      [{ ...acme, gstin: null, collector_id: '0190f3a0-0000-7000-8000-000000000000' }, 'collector_id'],
      [{ ...acme, gstin: null, contacts: [{ name: 'X', email: 'not-an-email' }] }, 'contacts.0.email'],
      [{ ...acme, gstin: null, credit_limit: '99999999999999999.99' }, 'credit_limit'],
    ];
    for (const [body, field] of cases) {
      const res = await call(h.app, t.token, 'POST', '/customers', body);
      assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, 'validation_failed');
      assert.equal(res.body.error.details.field, field, JSON.stringify(res.body));
    }
    const list = await call(h.app, t.token, 'GET', '/customers');
    assert.equal(list.body.data.length, 0);
  });

  test('script injection is stored as text, not interpreted', async () => {
    const t = await createTestTenant(h.database);
    const name = '<script>alert(1)</script> & Sons';
    const res = await call(h.app, t.token, 'POST', '/customers', { ...acme, gstin: null, name });
    assert.equal(res.status, 201);
    const list = await call(h.app, t.token, 'GET', `/customers?q=${encodeURIComponent('<script>')}`);
    assert.equal(list.body.data[0].name, name);
    const pct = await call(h.app, t.token, 'GET', `/customers?q=${encodeURIComponent('%')}`);
    assert.equal(pct.body.data.length, 0, '% is searched literally');
  });

  test('list: search, filters and cursor pagination', async () => {
    const t = await createTestTenant(h.database);
    for (let i = 0; i < 7; i++) {
      const res = await call(h.app, t.token, 'POST', '/customers', {
        code: `C${i}`,
        name: `Customer ${String.fromCharCode(71 - i)}`,
        kind: i % 2 ? 'b2c' : 'b2b',
        risk_class: i < 2 ? 'high' : 'low',
      });
      assert.equal(res.status, 201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await call(h.app, t.token, 'GET', `/customers?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.status, 200);
      seen.push(...res.body.data.map((c: any) => c.name));
      cursor = res.body.next_cursor;
    } while (cursor);
    assert.deepEqual(seen, ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((c) => `Customer ${c}`));
    assert.equal((await call(h.app, t.token, 'GET', '/customers?risk_class=high')).body.data.length, 2);
    assert.equal((await call(h.app, t.token, 'GET', '/customers?kind=b2c')).body.data.length, 3);
    assert.equal((await call(h.app, t.token, 'GET', '/customers?q=customer%20g')).body.data.length, 1);
    assert.equal((await call(h.app, t.token, 'GET', '/customers?overdue=true')).body.data.length, 0);
    const badCursor = await call(h.app, t.token, 'GET', '/customers?cursor=garbage');
    assert.equal(badCursor.status, 400);
    assert.equal(badCursor.body.error.details.field, 'cursor');
    const badLimit = await call(h.app, t.token, 'GET', '/customers?limit=100000');
    assert.equal(badLimit.status, 400);
  });

  test('payment terms with instalments and discount', async () => {
    const t = await createTestTenant(h.database);
    const res = await call(h.app, t.token, 'POST', '/payment-terms', {
      code: '2-10-N30',
      name: '2 % 10, net 30',
      net_days: 30,
      discount_percent: '2',
      discount_days: 10,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const split = await call(h.app, t.token, 'POST', '/payment-terms', {
      code: 'HALF',
      name: '50/50',
      net_days: 60,
      instalments: [
        { percent: '50', days: 30 },
        { percent: '40', days: 60 },
      ],
    });
    assert.equal(split.status, 400);
    assert.equal(split.body.error.details.field, 'instalments');
    const list = await call(h.app, t.token, 'GET', '/payment-terms');
    assert.equal(list.body.data.length, 1);
  });
});
