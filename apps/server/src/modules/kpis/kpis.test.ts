import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCustomer, createInvoice } from '../../testing/fixtures.ts';
import { call, createTestTenant, useHarness } from '../../testing/harness.ts';

const h = useHarness();

async function receipt(token: string, customerId: string, date: string, amount: string, allocations: { invoice_id: string; amount: string }[]) {
  const res = await call(h.app, token, 'POST', '/receipts', {
    customer_id: customerId, receipt_date: date, amount, method: 'neft', reference: `UTR${Math.random().toString(36).slice(2, 12)}`, allocations,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

describe('KPIs', () => {
  test('DSO countback reproduces the domain example: AR 21 lakh on sales of 7, 8 and 9 lakh → 76.71 days', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const jan = await createInvoice(h.app, t.token, c.id, '700000.00', '0', { issue_date: '2025-01-15', due_date: '2025-02-14' });
    await createInvoice(h.app, t.token, c.id, '800000.00', '0', { issue_date: '2025-02-15', due_date: '2025-03-17' });
    await createInvoice(h.app, t.token, c.id, '900000.00', '0', { issue_date: '2025-03-15', due_date: '2025-04-14' });
    await receipt(t.token, c.id, '2025-03-20', '300000.00', [{ invoice_id: jan.id, amount: '300000.00' }]);

    const res = await call(h.app, t.token, 'GET', '/kpis?from=2025-01-01&to=2025-03-31');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [series] = res.body.series;
    const march = series.months.at(-1);
    assert.deepEqual([march.month, march.closing_ar, march.credit_sales, march.collections], ['2025-03', '2100000.00', '900000.00', '300000.00']);
    assert.equal(march.dso_countback, 76.71);
    assert.equal(march.dso_simple, 72.33); // 21 lakh ÷ 9 lakh × 31 days
    // Not yet due on 31 March: the March invoice (9 lakh) → countback 31 days; ADD = 76.71 − 31.
    assert.equal(march.closing_current_ar, '900000.00');
    assert.equal(march.bpdso, 31);
    assert.equal(march.add, 45.71);
    assert.deepEqual(series.months.map((m: any) => m.month), ['2025-01', '2025-02', '2025-03']);

    // The same figures per collector (none assigned) and per segment (one B2B customer).
    for (const by of ['collector', 'segment']) {
      const split = await call(h.app, t.token, 'GET', `/kpis?from=2025-01-01&to=2025-03-31&by=${by}`);
      assert.equal(split.status, 200, JSON.stringify(split.body));
      assert.deepEqual(split.body.series.map((s: any) => s.label), [by === 'collector' ? 'Unassigned' : 'B2B']);
      assert.deepEqual(split.body.series[0].months.at(-1), march);
    }
  });

  test('countback reaches back past the usual few months of sales when AR is that old', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    await createInvoice(h.app, t.token, c.id, '100000.00', '0', { issue_date: '2024-10-10', due_date: '2024-11-09' });
    await createInvoice(h.app, t.token, c.id, '10000.00', '0', { issue_date: '2025-03-10', due_date: '2025-04-09' });
    const res = await call(h.app, t.token, 'GET', '/kpis?from=2025-03-01&to=2025-03-31');
    const [march] = res.body.series[0].months;
    assert.equal(march.closing_ar, '110000.00');
    // March 31 + Feb 28 + Jan 31 + Dec 31 + Nov 30 (no sales) + all of October's 31 days.
    assert.equal(march.dso_countback, 182);
  });

  test('the running month counts its days so far: sales to date over the days to date, in countback as in simple DSO', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const first = await createInvoice(h.app, t.token, c.id, '200000.00', '0', { issue_date: '2026-03-02', due_date: '2026-04-01' });
    await createInvoice(h.app, t.token, c.id, '100000.00', '0', { issue_date: '2026-03-06', due_date: '2026-04-05' });
    await receipt(t.token, c.id, '2026-03-09', '150000.00', [{ invoice_id: first.id, amount: '150000.00' }]);
    const res = await call(h.app, t.token, 'GET', '/kpis?from=2026-03-01&to=2026-03-10');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [march] = res.body.series[0].months;
    assert.deepEqual([march.end, march.days, march.credit_sales, march.closing_ar], ['2026-03-10', 10, '300000.00', '150000.00']);
    // 1.5 lakh of 3 lakh sold in 10 days: 5 days either way (not 15.5, as 31 days would give).
    assert.equal(march.dso_simple, 5);
    assert.equal(march.dso_countback, 5);
    // All of it not yet due on the 10th: best possible DSO is the same 5 days, nothing delinquent.
    assert.equal(march.bpdso, 5);
    assert.equal(march.add, 0);
  });

  test('a series of exactly 120 months is answered; 121 is a 400 naming to', async () => {
    const t = await createTestTenant(h.database);
    const ten = await call(h.app, t.token, 'GET', '/kpis?from=2016-01-01&to=2025-12-31');
    assert.equal(ten.status, 200, JSON.stringify(ten.body));
    assert.equal(ten.body.series[0].months.length, 120);
    const more = await call(h.app, t.token, 'GET', '/kpis?from=2015-12-01&to=2025-12-31');
    assert.equal(more.status, 400);
    assert.match(JSON.stringify(more.body.error), /to/);
    assert.match(JSON.stringify(more.body.error), /120 months/);
  });

  test('CEI reproduces the domain example: opening 6,200, sales 3,630, closing 6,340, current 3,590 → 55.9 %', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const march = await createInvoice(h.app, t.token, c.id, '6200.00', '0', { issue_date: '2025-03-01', due_date: '2025-03-31' });
    const april = await createInvoice(h.app, t.token, c.id, '3630.00', '0', { issue_date: '2025-04-10', due_date: '2025-05-10' });
    await receipt(t.token, c.id, '2025-04-20', '3490.00', [
      { invoice_id: march.id, amount: '3450.00' },
      { invoice_id: april.id, amount: '40.00' },
    ]);
    const res = await call(h.app, t.token, 'GET', '/kpis?from=2025-04-01&to=2025-04-30');
    const [m] = res.body.series[0].months;
    assert.deepEqual([m.opening_ar, m.credit_sales, m.closing_ar, m.closing_current_ar], ['6200.00', '3630.00', '6340.00', '3590.00']);
    assert.equal(Math.round(m.cei * 10) / 10, 55.9);
    assert.equal(res.body.series[0].cei_average, m.cei);
  });

  test('per collector: targets against collections, book at risk; payment delay and rating per customer', async () => {
    const t = await createTestTenant(h.database);
    const collector = await call(h.app, t.token, 'POST', '/users', { email: `c${Date.now()}@x.test`, name: 'Priya Shah', password: 'a long enough password', roles: ['collector'] });
    assert.equal(collector.status, 201, JSON.stringify(collector.body));
    const c = await createCustomer(h.app, t.token, { collector_id: collector.body.id });
    const paid = await createInvoice(h.app, t.token, c.id, '10000.00', '0', { issue_date: '2025-01-01', due_date: '2025-01-31' });
    await createInvoice(h.app, t.token, c.id, '10000.00', '0', { issue_date: '2025-01-29', due_date: '2025-02-28' });
    await createInvoice(h.app, t.token, c.id, '5000.00', '0', { issue_date: '2024-10-01', due_date: '2024-10-31' });
    await receipt(t.token, c.id, '2025-02-10', '10000.00', [{ invoice_id: paid.id, amount: '10000.00' }]);

    const bad = await call(h.app, t.token, 'POST', '/collection-targets', { targets: [{ collector_id: collector.body.id, month: '2025-13', amount: '1.00' }] });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body.error), /month/);
    // The same collector and month twice in one request: a 400 naming the second, nothing saved.
    const twice = await call(h.app, t.token, 'POST', '/collection-targets', {
      targets: [{ collector_id: collector.body.id, month: '2025-02', amount: '1.00' }, { collector_id: collector.body.id, month: '2025-02', amount: '2.00' }],
    });
    assert.equal(twice.status, 400, JSON.stringify(twice.body));
    assert.match(JSON.stringify(twice.body.error), /targets\[1\]\.month/);
    assert.equal((await call(h.app, t.token, 'GET', '/collectors/performance?month=2025-02')).body.collectors.find((x: any) => x.name === 'Priya Shah').target, null);
    const target = await call(h.app, t.token, 'POST', '/collection-targets', { targets: [{ collector_id: collector.body.id, month: '2025-02', amount: '40000.00' }] });
    assert.deepEqual(target.body, { saved: 1 });

    const email = collector.body.email as string;
    const badFile = await call(h.app, t.token, 'POST', '/collection-targets/import', {
      csv: `Collector,Month,Amount\n${email},2025-03,"50,000.00"\nnobody@x.test,2025-03,1\n${email},2025-3,1\n${email},2025-04,lots\n${email},2025-03,2\n${email},2025-05,-5000\n`,
    });
    assert.deepEqual(badFile.body.errors.map((e: any) => [e.line, e.column]), [[3, 'collector'], [4, 'month'], [5, 'amount'], [6, 'month'], [7, 'amount']]);
    assert.match(badFile.body.errors[4].reason, /negative/);
    assert.equal(badFile.body.saved, 0);
    const goodFile = await call(h.app, t.token, 'POST', '/collection-targets/import', { csv: `collector,month,amount\n${email},2025-03,"50,000.00"\n` });
    assert.deepEqual(goodFile.body, { saved: 1, rows: 1, errors: [] });
    assert.equal((await call(h.app, t.token, 'GET', '/collectors/performance?month=2025-03')).body.collectors.find((x: any) => x.name === 'Priya Shah').target, '50000.00');
    assert.equal((await call(h.app, t.token, 'POST', '/collection-targets/import', { csv: 'who,when\nx,y\n' })).status, 400);

    const perf = await call(h.app, t.token, 'GET', '/collectors/performance?month=2025-02');
    assert.equal(perf.status, 200, JSON.stringify(perf.body));
    const priya = perf.body.collectors.find((x: any) => x.name === 'Priya Shah');
    // On 28 Feb: the 5,000 invoice is 120 days past due (at risk), the 10,000 one due that day.
    assert.deepEqual(
      [priya.target, priya.collected, priya.rate, priya.open_ar, priya.overdue_ar, priya.at_risk_ar, priya.at_risk_rate, priya.customers],
      ['40000.00', '10000.00', 25, '15000.00', '5000.00', '5000.00', 33.33, 1],
    );

    // As of 30 March: paid 10 days late on 10,000; 10,000 open 30 days; 5,000 open 150 days.
    const behaviour = await call(h.app, t.token, 'GET', `/customers/${c.id}/payment-behaviour?as_of=2025-03-30`);
    assert.equal(behaviour.status, 200, JSON.stringify(behaviour.body));
    assert.equal(behaviour.body.average_delay_days, 46); // (10,000×10 + 10,000×30 + 5,000×150) ÷ 25,000
    assert.equal(behaviour.body.rating, 'B');
    assert.deepEqual(behaviour.body.months.find((m: any) => m.month === '2025-02'), { month: '2025-02', invoiced: '0.00', paid: '10000.00', average_delay_days: 10 });
    const other = await createTestTenant(h.database);
    assert.equal((await call(h.app, other.token, 'GET', `/customers/${c.id}/payment-behaviour`)).status, 404);

    const board = await call(h.app, t.token, 'GET', '/dashboard?as_of=2025-02-28');
    assert.equal(board.status, 200, JSON.stringify(board.body));
    assert.deepEqual([board.body.open_ar, board.body.overdue_ar, board.body.unapplied_cash], ['15000.00', '5000.00', '0.00']);
    assert.deepEqual(board.body.top_overdue.map((r: any) => [r.code, r.overdue, r.oldest_days]), [[c.code, '5000.00', 120]]);
    assert.equal(board.body.kpis.length, 12);
    assert.equal(board.body.kpis.at(-1).month, '2025-02');
    const priyaOn = (b: any) => b.collectors.find((x: any) => x.name === 'Priya Shah');
    assert.deepEqual([priyaOn(board.body).collected, priyaOn(board.body).open_ar], ['10000.00', '15000.00']);

    // As of 5 February the collectors' figures stop that day too: the receipt of the 10th is not
    // yet collected, and the invoice it paid is still in the book (and overdue).
    const early = await call(h.app, t.token, 'GET', '/dashboard?as_of=2025-02-05');
    assert.equal(early.status, 200, JSON.stringify(early.body));
    const p = priyaOn(early.body);
    assert.deepEqual([p.target, p.collected, p.rate, p.open_ar, p.overdue_ar, p.at_risk_ar], ['40000.00', '0.00', 0, '25000.00', '15000.00', '5000.00']);
    assert.equal(early.body.open_ar, p.open_ar);
  });

  test('AR not yet due at a month end counts a document voided later and payments only up to that day', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const voided = await createInvoice(h.app, t.token, c.id, '5000.00', '0', { issue_date: '2025-03-20', due_date: '2025-04-19' });
    const paid = await createInvoice(h.app, t.token, c.id, '3000.00', '0', { issue_date: '2025-03-25', due_date: '2025-04-24' });
    await receipt(t.token, c.id, '2025-04-10', '1000.00', [{ invoice_id: paid.id, amount: '1000.00' }]);
    assert.equal((await call(h.app, t.token, 'POST', `/invoices/${voided.id}/void`, { reason: 'Raised in error' })).status, 200);
    const res = await call(h.app, t.token, 'GET', '/kpis?from=2025-03-01&to=2025-04-30');
    const [march, april] = res.body.series[0].months;
    // On 31 March both were open and not due; the void (dated today) and the April payment came later.
    assert.deepEqual([march.closing_current_ar, march.closing_ar], ['8000.00', '8000.00']);
    assert.deepEqual([april.closing_current_ar, april.closing_ar], ['0.00', '7000.00']);
    // Voided documents never count as sales.
    assert.equal(march.credit_sales, '3000.00');
  });

  test('bad ranges are 400s naming the field', async () => {
    const t = await createTestTenant(h.database);
    for (const [query, field] of [['from=2025-05-01&to=2025-01-01', 'from'], ['from=2025-01-01', 'to'], ['from=2025-01-01&to=2025-02-31', 'to'], ['from=2000-01-01&to=2025-01-01', 'to']]) {
      const res = await call(h.app, t.token, 'GET', `/kpis?${query}`);
      assert.equal(res.status, 400, query);
      assert.match(JSON.stringify(res.body.error), new RegExp(field!), query);
    }
  });
});
