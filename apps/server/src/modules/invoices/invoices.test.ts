import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLedgerSound, balanceOf, createCustomer, createInvoice } from '../../testing/fixtures.ts';
import { call, createTestTenant, useHarness } from '../../testing/harness.ts';

const h = useHarness();

describe('invoices', () => {
  test('GST: CGST+SGST inside the state, IGST across; numbered per financial year; posted to the journal', async () => {
    const t = await createTestTenant(h.database);
    const local = await createCustomer(h.app, t.token, { state_code: '24' });
    const other = await createCustomer(h.app, t.token, { state_code: '27', city: 'Mumbai' });
    const res = await call(h.app, t.token, 'POST', '/invoices', {
      customer_id: local.id,
      issue_date: '2026-03-31',
      lines: [
        { description: 'PP woven sacks', hsn_sac: '630533', quantity: '2.5', unit_price: '1000.01', discount: '0.02', tax_rate: '12' },
        { description: 'Freight', hsn_sac: '996511', quantity: '1', unit_price: '333.33', tax_rate: '18' },
      ],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const inv = res.body;
    assert.equal(inv.number, 'INV/25-26/00001');
    assert.equal(inv.supply_type, 'intra');
    // line 1: 2500.03 − 0.02 = 2500.01; 6 % = 150.0006 → 150.00 each; line 2: 333.33, 9 % = 30.00
    assert.equal(inv.taxable_amount, '2833.34');
    assert.equal(inv.cgst, '180.00');
    assert.equal(inv.sgst, '180.00');
    assert.equal(inv.igst, '0.00');
    assert.equal(inv.total, '3193.34');
    assert.equal(inv.due_date, '2026-04-30', 'net 30 by default');
    assert.equal(inv.lines.length, 2);
    assert.equal(inv.lines[0].tax_rate, '12');

    const next = await createInvoice(h.app, t.token, other.id, '1000.00', '18', { issue_date: '2026-04-01' });
    assert.equal(next.number, 'INV/26-27/00001', 'a new financial year starts a new series');
    const igst = (await call(h.app, t.token, 'GET', `/invoices/${next.id}`)).body;
    assert.equal(igst.supply_type, 'inter');
    assert.equal(igst.igst, '180.00');
    assert.equal(await balanceOf(h.app, t.token, local.id), '3193.34');
    await assertLedgerSound(h.database, t.id);
  });

  test('instalment terms split the invoice; due date from the last instalment', async () => {
    const t = await createTestTenant(h.database);
    const terms = await call(h.app, t.token, 'POST', '/payment-terms', {
      code: 'THIRDS',
      name: 'Three monthly instalments',
      net_days: 90,
      instalments: [{ percent: '33.33', days: 30 }, { percent: '33.33', days: 60 }, { percent: '33.34', days: 90 }],
    });
    assert.equal(terms.status, 201, JSON.stringify(terms.body));
    const c = await createCustomer(h.app, t.token, { payment_terms_id: terms.body.id });
    const inv = await createInvoice(h.app, t.token, c.id, '1000.00', '0', { issue_date: '2025-01-01' });
    const detail = (await call(h.app, t.token, 'GET', `/invoices/${inv.id}`)).body;
    assert.equal(detail.due_date, '2025-04-01');
    assert.deepEqual(detail.instalments.map((p: any) => [p.due_date, p.amount]), [['2025-01-31', '333.30'], ['2025-03-02', '333.30'], ['2025-04-01', '333.40']]);
  });

  test('credit note applied to its invoice; debit note adds to the balance', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const inv = await createInvoice(h.app, t.token, c.id, '10000.00');
    const cn = await call(h.app, t.token, 'POST', '/credit-notes', {
      customer_id: c.id,
      against_invoice_id: inv.id,
      issue_date: '2025-06-10',
      reason: 'Short supply of 2 bags',
      lines: [{ description: 'Short supply', quantity: '1', unit_price: '1000.00', tax_rate: '18' }],
    });
    assert.equal(cn.status, 201, JSON.stringify(cn.body));
    assert.equal(cn.body.number, 'CN/25-26/00001');
    assert.equal(cn.body.open_amount, '0.00', 'fully applied to the invoice');
    const after = (await call(h.app, t.token, 'GET', `/invoices/${inv.id}`)).body;
    assert.equal(after.open_amount, '10620.00');
    assert.equal(after.status, 'partially_paid');
    assert.equal(after.allocations[0].source, 'credit_note');

    const dn = await call(h.app, t.token, 'POST', '/debit-notes', {
      customer_id: c.id,
      against_invoice_id: inv.id,
      issue_date: '2025-06-12',
      lines: [{ description: 'Price revision', quantity: '1', unit_price: '500.00', tax_rate: '18' }],
    });
    assert.equal(dn.status, 201);
    assert.equal(dn.body.number, 'DN/25-26/00001');
    assert.equal(await balanceOf(h.app, t.token, c.id), '11210.00');
    await assertLedgerSound(h.database, t.id);
  });

  test('void only while nothing is applied; void mirrors the journal', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const a = await createInvoice(h.app, t.token, c.id, '100.00');
    const b = await createInvoice(h.app, t.token, c.id, '200.00');
    const voided = await call(h.app, t.token, 'POST', `/invoices/${a.id}/void`, { reason: 'Raised twice' });
    assert.equal(voided.status, 200);
    assert.equal(voided.body.status, 'void');
    assert.equal(voided.body.open_amount, '0.00');
    const again = await call(h.app, t.token, 'POST', `/invoices/${a.id}/void`, { reason: 'again' });
    assert.equal(again.status, 409);
    await call(h.app, t.token, 'POST', '/receipts', { customer_id: c.id, receipt_date: '2025-06-05', amount: '50.00', method: 'cash', allocations: [{ invoice_id: b.id, amount: '50.00' }] });
    const blocked = await call(h.app, t.token, 'POST', `/invoices/${b.id}/void`, { reason: 'wrong' });
    assert.equal(blocked.status, 409);
    assert.equal(blocked.body.error.code, 'has_allocations');
    assert.equal(await balanceOf(h.app, t.token, c.id), '186.00');
    await assertLedgerSound(h.database, t.id);
  });

  test('bad invoices are refused with the field named, and nothing is written', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const line = { description: 'x', quantity: '1', unit_price: '10.00', tax_rate: '18' };
    const base = { customer_id: c.id, issue_date: '2025-06-01', lines: [line] };
    const cases: [object, string][] = [
      [{ ...base, issue_date: '2025-02-30' }, 'issue_date'],
      [{ ...base, due_date: '2025-05-01' }, 'due_date'],
      [{ ...base, lines: [] }, 'lines'],
      [{ ...base, lines: [{ ...line, unit_price: '-10' }] }, 'lines.0.unit_price'],
      [{ ...base, lines: [{ ...line, unit_price: '10.001' }] }, 'lines[0].unit_price'],
      [{ ...base, lines: [{ ...line, unit_price: 10 }] }, 'lines.0.unit_price'],
      [{ ...base, lines: [{ ...line, unit_price: '9999999999999999' }] }, 'lines[0].unit_price'],
      [{ ...base, lines: [{ ...line, quantity: '0' }] }, 'lines[0].quantity'],
      [{ ...base, lines: [{ ...line, tax_rate: '101' }] }, 'lines[0].tax_rate'],
      [{ ...base, lines: [{ ...line, unit_price: '0' }] }, 'lines'],
      [{ ...base, customer_id: '0190f3a0-0000-7000-8000-000000000000' }, 'customer_id'],
      [{ ...base, number: "INV'; DELETE FROM invoices;--" }, 'number'],
      [{ ...base, irn: 'xyz' }, 'irn'],
    ];
    for (const [body, field] of cases) {
      const res = await call(h.app, t.token, 'POST', '/invoices', body);
      assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.details.field, field, JSON.stringify(res.body));
    }
    const ok = await createInvoice(h.app, t.token, c.id, '10.00', '18', { number: 'MAN-1' });
    const dup = await call(h.app, t.token, 'POST', '/invoices', { ...base, number: 'MAN-1' });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.details.field, 'number');
    const list = await call(h.app, t.token, 'GET', '/invoices');
    assert.deepEqual(list.body.data.map((i: any) => i.id), [ok.id]);
    const series = await createInvoice(h.app, t.token, c.id, '10.00');
    assert.equal(series.number, 'INV/25-26/00001', 'failed attempts gave their numbers back');
    await assertLedgerSound(h.database, t.id);
  });

  test('100 concurrent invoice creations get 100 consecutive numbers', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const results = await Promise.all(
      Array.from({ length: 100 }, () => call(h.app, t.token, 'POST', '/invoices', { customer_id: c.id, issue_date: '2025-07-01', lines: [{ description: 'x', unit_price: '1.00' }] })),
    );
    assert.ok(results.every((r) => r.status === 201), JSON.stringify(results.find((r) => r.status !== 201)?.body));
    const numbers = results.map((r) => Number(r.body.number.split('/')[2])).sort((a, b) => a - b);
    assert.deepEqual(numbers, Array.from({ length: 100 }, (_, i) => i + 1));
    await assertLedgerSound(h.database, t.id);
  });

  test('list filters: status, customer, search, dates; unpaid sorted by due date', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const a = await createInvoice(h.app, t.token, c.id, '100.00', '0', { issue_date: '2025-01-01' });
    const b = await createInvoice(h.app, t.token, c.id, '100.00', '0', { issue_date: '2025-02-01' });
    await call(h.app, t.token, 'POST', '/receipts', { customer_id: c.id, receipt_date: '2025-03-01', amount: '100.00', method: 'cash', allocations: [{ invoice_id: a.id, amount: '100.00' }] });
    const unpaid = await call(h.app, t.token, 'GET', `/invoices?status=unpaid&customer_id=${c.id}`);
    assert.deepEqual(unpaid.body.data.map((i: any) => i.id), [b.id]);
    assert.ok(unpaid.body.data[0].days_overdue > 0);
    assert.deepEqual((await call(h.app, t.token, 'GET', '/invoices?status=paid')).body.data.map((i: any) => i.id), [a.id]);
    assert.equal((await call(h.app, t.token, 'GET', '/invoices?from=2025-01-15')).body.data.length, 1);
    assert.equal((await call(h.app, t.token, 'GET', `/invoices?q=${encodeURIComponent(b.number)}`)).body.data.length, 1);
    assert.equal((await call(h.app, t.token, 'GET', '/invoices?status=bogus')).status, 400);
  });
});
