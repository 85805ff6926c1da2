import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatAmount, parseAmount } from '@duely/domain';
import { sql } from 'kysely';
import { createCustomer, createInvoice } from '../../testing/fixtures.ts';
import { call, createTestTenant, useHarness } from '../../testing/harness.ts';

const h = useHarness();

async function pay(token: string, customerId: string, invoiceId: string, date: string, amount: string) {
  const res = await call(h.app, token, 'POST', '/receipts', {
    customer_id: customerId, receipt_date: date, amount, method: 'neft', reference: `UTR${Math.random().toString(36).slice(2, 12)}`,
    allocations: [{ invoice_id: invoiceId, amount }],
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

describe('provisions', () => {
  test('roll-rate matrix from the company’s own history reproduces the domain example: ECL 27,567.39', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    // History (2023): 1 lakh of sales due 31 Jan; paid at due, 15, 45 and 75 days late; 2,000 never.
    const history: [string, string | null][] = [['50000.00', '2023-01-31'], ['27000.00', '2023-02-15'], ['15000.00', '2023-03-17'], ['6000.00', '2023-04-16'], ['2000.00', null]];
    for (const [amount, paidOn] of history) {
      const inv = await createInvoice(h.app, t.token, c.id, amount, '0', { issue_date: '2023-01-01', due_date: '2023-01-31' });
      if (paidOn) await pay(t.token, c.id, inv.id, paidOn, amount);
    }
    // Open on 31 Dec 2025: 3 lakh current, 1.4 lakh 1–30, 60,000 31–60, 23,000 61–90, 5,000 90+
    // (the 2,000 never paid is part of the 90+).
    const open: [string, string][] = [['300000.00', '2026-01-15'], ['140000.00', '2025-12-15'], ['60000.00', '2025-11-15'], ['23000.00', '2025-10-15'], ['3000.00', '2025-08-01']];
    for (const [amount, due] of open) await createInvoice(h.app, t.token, c.id, amount, '0', { issue_date: '2025-07-01', due_date: due });

    const res = await call(h.app, t.token, 'GET', '/provisions?as_of=2025-12-31');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [all] = res.body.segments;
    assert.deepEqual(all.rates.map((r: any) => [r.reached, r.lost, r.computed_percent]), [
      ['100000.00', '2000.00', 2],
      ['50000.00', '2000.00', 4],
      ['23000.00', '2000.00', 8.7],
      ['8000.00', '2000.00', 25],
      ['2000.00', '2000.00', 100],
    ]);
    assert.deepEqual(all.balances, ['300000.00', '140000.00', '60000.00', '23000.00', '5000.00']);
    assert.deepEqual(all.provisions, ['6000.00', '5600.00', '5217.39', '5750.00', '5000.00']);
    assert.equal(res.body.total_provision, '27567.39');
    assert.deepEqual(res.body.history, { from: '2022-11-30', to: '2024-11-30', loss_horizon_days: 365 });

    // A month earlier (30 Nov) the open items were younger: the movement is the difference, and the
    // proposed entry books it.
    const { movement, proposed_entry } = res.body;
    assert.equal(movement.previous_as_of, '2025-11-30');
    const previous = (await call(h.app, t.token, 'GET', '/provisions?as_of=2025-11-30')).body.total_provision;
    assert.equal(movement.previous_provision, previous);
    const charge = formatAmount(parseAmount(res.body.total_provision, 'INR') - parseAmount(previous, 'INR'), 'INR');
    assert.equal(movement.charge, charge);
    assert.deepEqual(proposed_entry.map((l: any) => [l.account, l.debit, l.credit]), [['BAD_DEBT_EXPENSE', charge, '0.00'], ['ECL_ALLOWANCE', '0.00', charge]]);

    // Override 90+ to 50 % with a reason; without one it is refused.
    const noReason = await call(h.app, t.token, 'POST', '/provisions/overrides', { bucket: 4, percent: '50', reason: ' ' });
    assert.equal(noReason.status, 400);
    assert.match(JSON.stringify(noReason.body.error), /reason/);
    const tooMuch = await call(h.app, t.token, 'POST', '/provisions/overrides', { bucket: 4, percent: '150', reason: 'x' });
    assert.equal(tooMuch.status, 400);
    assert.equal((await call(h.app, t.token, 'POST', '/provisions/overrides', { bucket: 9, percent: '5', reason: 'x' })).status, 400);
    assert.equal((await call(h.app, t.token, 'POST', '/provisions/overrides', { bucket: 4, percent: '50', reason: 'x', effective_from: '2025-02-30' })).status, 400);
    const set = await call(h.app, t.token, 'POST', '/provisions/overrides', { bucket: 4, percent: '50', reason: 'Customer in insolvency talks; half expected back', effective_from: '2025-12-31' });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const overridden = (await call(h.app, t.token, 'GET', '/provisions?as_of=2025-12-31')).body;
    assert.deepEqual(
      [overridden.segments[0].rates[4].override_percent, overridden.segments[0].rates[4].override_from, overridden.segments[0].rates[4].applied_percent, overridden.segments[0].provisions[4], overridden.total_provision],
      ['50', '2025-12-31', 50, '2500.00', '25067.39'],
    );
    // Set on 31 December, it leaves 30 November as reported: the movement and the entry carry it.
    assert.equal((await call(h.app, t.token, 'GET', '/provisions?as_of=2025-11-30')).body.total_provision, previous);
    assert.equal(overridden.movement.previous_provision, previous);
    const lessBy2500 = formatAmount(parseAmount(charge, 'INR') - 250000n, 'INR');
    assert.equal(overridden.movement.charge, lessBy2500);
    // Ended from the next month end: December keeps it, January does not; ending it again there is a 404.
    assert.equal((await call(h.app, t.token, 'DELETE', '/provisions/overrides?bucket=4&effective_from=2026-01-31')).status, 200);
    assert.equal((await call(h.app, t.token, 'GET', '/provisions?as_of=2025-12-31')).body.total_provision, '25067.39');
    assert.equal((await call(h.app, t.token, 'GET', '/provisions?as_of=2026-01-31')).body.segments[0].rates[4].override_percent, null);
    assert.equal((await call(h.app, t.token, 'DELETE', '/provisions/overrides?bucket=4&effective_from=2026-01-31')).status, 404);
    assert.equal((await call(h.app, t.token, 'DELETE', '/provisions/overrides?bucket=4&effective_from=2025-11-30')).status, 404);
    // Taken back on the day it was set: as if it had never been.
    assert.equal((await call(h.app, t.token, 'DELETE', '/provisions/overrides?bucket=4&effective_from=2025-12-31')).status, 200);
    assert.equal((await call(h.app, t.token, 'GET', '/provisions?as_of=2025-12-31')).body.total_provision, '27567.39');

    // A specific provision takes a customer out of the matrix.
    const doubtful = await createCustomer(h.app, t.token, { name: 'Doubtful Traders' });
    await createInvoice(h.app, t.token, doubtful.id, '10000.00', '0', { issue_date: '2025-06-01', due_date: '2025-07-01' });
    assert.equal((await call(h.app, t.token, 'POST', '/provisions/specific', { customer_id: doubtful.id, percent: '100', reason: 'Cheques bounced, NCLT filing', effective_from: '2025-12-01' })).status, 200);
    const specific = (await call(h.app, t.token, 'GET', '/provisions?as_of=2025-12-31')).body;
    assert.deepEqual(specific.specific.map((s: any) => [s.code, s.percent, s.balance, s.provision]), [[doubtful.code, '100', '10000.00', '10000.00']]);
    assert.equal(specific.matrix_provision, '27567.39');
    assert.equal(specific.total_provision, '37567.39');
    // Before it took effect the customer sat in the matrix's 90+ bucket.
    const november = (await call(h.app, t.token, 'GET', '/provisions?as_of=2025-11-30')).body;
    assert.equal(november.specific.length, 0);

    const hist = await call(h.app, t.token, 'GET', '/provisions/history?as_of=2025-12-31&months=3');
    assert.equal(hist.status, 200, JSON.stringify(hist.body));
    assert.deepEqual(hist.body.months.map((m: any) => m.as_of), ['2025-10-31', '2025-11-30', '2025-12-31']);
    assert.equal(hist.body.months.at(-1).provision, '37567.39');
  });

  test('history holds only invoices whose year past due has run; the movement is split as the figures are', async () => {
    const t = await createTestTenant(h.database);
    const trader = await createCustomer(h.app, t.token, { name: 'Never Pays Traders' });
    const shopper = await createCustomer(h.app, t.token, { name: 'Prompt Shopper', kind: 'b2c' });
    // B2B: 10,000 due 31 Oct 2024 never paid (lost a year on), and 10,000 on 60-day terms issued
    // 20 Nov 2024, due 19 Jan 2025: unpaid, but its year past due runs only to 19 Jan 2026.
    await createInvoice(h.app, t.token, trader.id, '10000.00', '0', { issue_date: '2024-10-01', due_date: '2024-10-31' });
    await createInvoice(h.app, t.token, trader.id, '10000.00', '0', { issue_date: '2024-11-20', due_date: '2025-01-19' });
    // B2C: 10,000 paid at due; 5,000 open, due 15 December 2025.
    const paid = await createInvoice(h.app, t.token, shopper.id, '10000.00', '0', { issue_date: '2024-10-01', due_date: '2024-10-31' });
    await pay(t.token, shopper.id, paid.id, '2024-10-31', '10000.00');
    await createInvoice(h.app, t.token, shopper.id, '5000.00', '0', { issue_date: '2025-11-15', due_date: '2025-12-15' });

    const byKind = (await call(h.app, t.token, 'GET', '/provisions?as_of=2025-12-31&segment=kind')).body;
    const b2b = byKind.segments.find((s: any) => s.key === 'b2b');
    // Only the invoice lost a year on: every bucket it reached, it was lost from (counting the
    // 60-day one as reached and not lost would say 50 %).
    assert.deepEqual(b2b.rates.map((r: any) => [r.reached, r.lost, r.computed_percent]), Array.from({ length: 5 }, () => ['10000.00', '10000.00', 100]));
    const b2c = byKind.segments.find((s: any) => s.key === 'b2c');
    assert.deepEqual([b2c.rates[0].reached, b2c.rates[0].computed_percent], ['10000.00', 0]);

    // The movement compares like with like: last month's provision split by kind, as this month's is.
    const novemberByKind = (await call(h.app, t.token, 'GET', '/provisions?as_of=2025-11-30&segment=kind')).body;
    const novemberAll = (await call(h.app, t.token, 'GET', '/provisions?as_of=2025-11-30')).body;
    assert.notEqual(novemberByKind.total_provision, novemberAll.total_provision);
    assert.equal(byKind.movement.previous_provision, novemberByKind.total_provision);
    const all = (await call(h.app, t.token, 'GET', '/provisions?as_of=2025-12-31')).body;
    assert.equal(all.movement.previous_provision, novemberAll.total_provision);
  });

  test('an override set before overrides were dated stays in force on every date and shows no date', async () => {
    const t = await createTestTenant(h.database);
    // As migration 0013 leaves a row written before it.
    await sql`insert into provision_overrides (tenant_id, bucket, segment, percent, reason, effective_from)
      values (${t.id}, 0, '', 5, 'Set before overrides were dated', '1900-01-01')`.execute(h.database.db);
    for (const asOf of ['2001-03-31', '2025-12-31']) {
      const [rate] = (await call(h.app, t.token, 'GET', `/provisions?as_of=${asOf}`)).body.segments[0].rates;
      assert.deepEqual([rate.override_percent, rate.applied_percent, rate.override_from], ['5', 5, null], asOf);
    }
  });

  test('another company’s customer cannot get a specific provision; bad input names the field', async () => {
    const t = await createTestTenant(h.database);
    const other = await createTestTenant(h.database);
    const theirs = await createCustomer(h.app, other.token);
    assert.equal((await call(h.app, t.token, 'POST', '/provisions/specific', { customer_id: theirs.id, percent: '10', reason: 'x', effective_from: '2025-01-01' })).status, 404);
    const bad = await call(h.app, t.token, 'POST', '/provisions/specific', { customer_id: theirs.id, percent: 'ten', reason: 'x', effective_from: '2025-01-01' });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body.error), /percent/);
    assert.equal((await call(h.app, t.token, 'GET', '/provisions?segment=planet')).status, 400);
    const empty = await call(h.app, t.token, 'GET', '/provisions?segment=risk');
    assert.equal(empty.status, 200);
    assert.equal(empty.body.total_provision, '0.00');
  });
});
