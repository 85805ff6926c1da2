import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { addDays, parseAmount } from '@duely/domain';
import { sql } from 'kysely';
import { systemCtx } from '../../platform/context.ts';
import { assertLedgerSound, createCustomer, createInvoice } from '../../testing/fixtures.ts';
import { call, createTestTenant, useHarness } from '../../testing/harness.ts';
import { importFile } from '../imports/imports.files.ts';
import { agingReport } from './aging.service.ts';
import { openItemsAsOf, openItemsAsOfByScan } from './open-items.sql.ts';

const h = useHarness();
const IBM = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../test/fixtures/imports/ibm-ar/invoices.csv');

async function aging(token: string, query: string) {
  const res = await call(h.app, token, 'GET', `/aging?${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

/** Both ways of finding what was open on a date, row for row, for every date in the list. */
async function assertDeltaEqualsScan(tenantId: string, dates: string[]) {
  for (const asOf of dates) {
    const delta = await sql<{ doc_id: string; open: bigint }>`select doc_id, open from ${openItemsAsOf(tenantId, asOf)} o order by doc_id`.execute(h.database.db);
    const scan = await sql<{ doc_id: string; open: bigint }>`select doc_id, open from ${openItemsAsOfByScan(tenantId, asOf)} o order by doc_id`.execute(h.database.db);
    assert.deepEqual(delta.rows, scan.rows, `open items differ as of ${asOf}`);
  }
}

/** Σ of every customer's open items on a date equals what the AR journal says on that date. */
async function assertAgingMatchesLedger(tenantId: string, token: string, asOf: string) {
  const report = await aging(token, `as_of=${asOf}&by=customer`);
  const ledger = await sql<{ customer_id: string; balance: bigint }>`
    select customer_id, sum(debit - credit)::bigint as balance from journal_lines
    where tenant_id = ${tenantId} and account = 'AR' and entry_date <= ${asOf}::date group by 1 having sum(debit - credit) <> 0`.execute(h.database.db);
  const byCustomer = new Map(report.rows.filter((r: any) => r.net !== '0.00').map((r: any) => [r.key, parseAmount(r.net.replace('-', ''), 'INR') * (r.net.startsWith('-') ? -1n : 1n)]));
  assert.deepEqual(byCustomer, new Map(ledger.rows.map((r) => [r.customer_id, r.balance])), `aging ≠ AR ledger as of ${asOf}`);
}

describe('aging', () => {
  test('as of any date: partial payments, credit notes, a bounced cheque and a void count only from their own dates', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    // Three invoices of ₹11,800 (₹10,000 + 18 % GST), due 30 days after issue.
    const a = await createInvoice(h.app, t.token, c.id, '10000.00', '18', { issue_date: '2025-01-01', due_date: '2025-01-31' });
    const b = await createInvoice(h.app, t.token, c.id, '10000.00', '18', { issue_date: '2025-02-01', due_date: '2025-03-03' });
    const v = await createInvoice(h.app, t.token, c.id, '10000.00', '18', { issue_date: '2025-03-01', due_date: '2025-03-31' });
    // 2025-03-10: ₹5,000 by NEFT on A (partial); 2025-03-20: a ₹1,180 credit note applied to B.
    const neft = await call(h.app, t.token, 'POST', '/receipts', {
      customer_id: c.id, receipt_date: '2025-03-10', amount: '6000.00', method: 'neft', reference: 'UTR0001',
      allocations: [{ invoice_id: a.id, amount: '5000.00' }],
    });
    assert.equal(neft.status, 201, JSON.stringify(neft.body));
    const cn = await call(h.app, t.token, 'POST', '/credit-notes', {
      customer_id: c.id, issue_date: '2025-03-20', against_invoice_id: b.id, apply_to_invoice: false, reason: 'Rate difference',
      lines: [{ description: 'Rate difference', quantity: '1', unit_price: '1000.00', tax_rate: '18' }],
    });
    assert.equal(cn.status, 201, JSON.stringify(cn.body));
    const applied = await call(h.app, t.token, 'POST', `/credit-notes/${cn.body.id}/allocations`, { allocation_date: '2025-03-25', allocations: [{ invoice_id: b.id, amount: '1180.00' }] });
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    // 2025-04-05: a cheque pays A in full, bounces on 2025-04-12.
    const cheque = await call(h.app, t.token, 'POST', '/receipts', {
      customer_id: c.id, receipt_date: '2025-04-05', amount: '6800.00', method: 'cheque', reference: '004512',
      allocations: [{ invoice_id: a.id, amount: '6800.00' }],
    });
    assert.equal(cheque.status, 201, JSON.stringify(cheque.body));
    assert.equal((await call(h.app, t.token, 'POST', `/receipts/${cheque.body.id}/reverse`, { reversed_on: '2025-04-12', reason: 'Cheque returned: funds insufficient' })).status, 200);
    // V is voided today: every past date still shows it open.
    assert.equal((await call(h.app, t.token, 'POST', `/invoices/${v.id}/void`, { reason: 'Raised twice' })).status, 200);

    const before = await aging(t.token, 'as_of=2025-03-15&by=customer');
    assert.deepEqual(before.buckets.map((b: any) => b.label), ['Current', '1–30', '31–60', '61–90', '90+']);
    const row = before.rows[0];
    // As of 15 March: A 43 days past due with ₹6,800 open; B 12 days past due; V not yet due.
    assert.deepEqual(row.buckets, ['11800.00', '11800.00', '6800.00', '0.00', '0.00']);
    assert.equal(row.unapplied, '1000.00');
    assert.equal(row.credits, '0.00');
    assert.equal(row.net, '29400.00');

    // As of 8 April the cheque had paid A; the credit note had been used on B.
    const paid = (await aging(t.token, 'as_of=2025-04-08')).rows[0];
    assert.deepEqual(paid.buckets, ['0.00', '11800.00', '10620.00', '0.00', '0.00']);
    // As of 13 April the bounce re-opened A.
    const bounced = (await aging(t.token, 'as_of=2025-04-13')).rows[0];
    assert.deepEqual(bounced.buckets, ['0.00', '11800.00', '10620.00', '6800.00', '0.00']);
    // By document date instead: A is 102 days old, B 71, V 43.
    const byAge = (await aging(t.token, 'as_of=2025-04-13&basis=document')).rows[0];
    assert.deepEqual(byAge.buckets, ['0.00', '0.00', '11800.00', '10620.00', '6800.00']);
    // Before anything was issued there is nothing.
    assert.equal((await aging(t.token, 'as_of=2024-12-31')).rows.length, 0);

    // Drill-down: the 61–90 cell of 13 April is invoice A.
    const cell = await call(h.app, t.token, 'GET', `/aging/items?as_of=2025-04-13&key=${c.id}&bucket=3`);
    assert.equal(cell.status, 200, JSON.stringify(cell.body));
    assert.deepEqual(cell.body.data.map((i: any) => [i.number, i.days, i.open]), [[a.number, 72, '6800.00']]);
    const credits = await call(h.app, t.token, 'GET', '/aging/items?as_of=2025-03-15&type=unapplied');
    assert.deepEqual(credits.body.data.map((i: any) => [i.number, i.open]), [[neft.body.number, '1000.00']]);

    const dates = ['2024-12-31', '2025-01-01', '2025-02-15', '2025-03-10', '2025-03-24', '2025-03-25', '2025-04-05', '2025-04-11', '2025-04-12', '2030-01-01'];
    await assertDeltaEqualsScan(t.id, dates);
    for (const d of dates) {
      await assertAgingMatchesLedger(t.id, t.token, d);
      for (const basis of ['due', 'document'] as const) {
        const query = { as_of: d, basis, by: 'customer' as const, segment: 'kind' as const };
        assert.deepEqual(await agingReport(h.database.db, systemCtx(t.id), query), await agingReport(h.database.db, systemCtx(t.id), query, { byScan: true }), `report as of ${d}`);
      }
    }
    await assertLedgerSound(h.database, t.id);
  });

  test('IBM sample: aging as of 2013-07-12 and 2012-07-12 equals, bucket by bucket, sums taken straight from the CSV', async () => {
    const t = await createTestTenant(h.database);
    const ctx = systemCtx(t.id, 'cli');
    const report = await importFile(h.database.db, ctx, { kind: 'invoices', source: { path: IBM, fileName: 'invoices.csv' }, preset: 'ibm', dryRun: false });
    assert.equal(report.error_count, 0);

    for (const asOf of ['2013-07-12', '2012-07-12']) {
      const expected = agingFromCsv(asOf);
      const byTenant = await aging(t.token, `as_of=${asOf}&by=tenant`);
      assert.deepEqual(byTenant.totals.buckets, expected.buckets.map(toDecimal), `buckets as of ${asOf}`);
      const byCustomer = await aging(t.token, `as_of=${asOf}&by=customer`);
      const csvByCode = new Map([...expected.byCustomer].map(([code, v]) => [code, toDecimal(v)]));
      assert.deepEqual(new Map(byCustomer.rows.map((r: any) => [r.code, r.total])), csvByCode, `per customer as of ${asOf}`);
      const byDocument = await aging(t.token, `as_of=${asOf}&by=tenant&basis=document`);
      assert.deepEqual(byDocument.totals.buckets, expected.byDocumentDate.map(toDecimal), `document-date buckets as of ${asOf}`);
      await assertAgingMatchesLedger(t.id, t.token, asOf);
    }
    await assertDeltaEqualsScan(t.id, ['2012-01-01', '2012-07-12', '2012-12-31', '2013-07-12', addDays('2013-07-12', 365)]);
  });

  test('bad queries are 400s naming the field; another tenant sees none of the items', async () => {
    const t = await createTestTenant(h.database);
    for (const [query, field] of [['as_of=2025-02-30', 'as_of'], ['basis=weekly', 'basis'], ['by=planet', 'by'], ['segment=zodiac', 'segment']]) {
      const res = await call(h.app, t.token, 'GET', `/aging?${query}`);
      assert.equal(res.status, 400, query);
      assert.match(JSON.stringify(res.body.error), new RegExp(field!));
    }
    const bad = await call(h.app, t.token, 'GET', '/aging/items?bucket=99');
    assert.equal(bad.status, 400);
    const settings = await call(h.app, t.token, 'PATCH', '/settings', { aging_bounds: [60, 30] });
    assert.equal(settings.status, 400);
    assert.match(JSON.stringify(settings.body.error), /aging_bounds/);

    const c = await createCustomer(h.app, t.token);
    await createInvoice(h.app, t.token, c.id, '100.00', '0', { issue_date: '2025-01-01' });
    const other = await createTestTenant(h.database);
    assert.equal((await aging(other.token, 'as_of=2025-06-01')).rows.length, 0);
    assert.equal((await call(h.app, other.token, 'GET', `/aging/items?as_of=2025-06-01&key=${c.id}`)).body.data.length, 0);
    assert.equal((await call(h.app, t.token, 'GET', `/aging/items?as_of=2025-06-01&key=${c.id}`)).body.data.length, 1);
  });

  test('buckets follow the tenant setting; foreign currencies convert at the rate in force on the date, missing rates are named', async () => {
    const t = await createTestTenant(h.database);
    assert.equal((await call(h.app, t.token, 'PATCH', '/settings', { aging_bounds: [15, 45] })).status, 200);
    const inr = await createCustomer(h.app, t.token);
    const usd = await createCustomer(h.app, t.token, { currency: 'USD', kind: 'b2c', state_code: null, gstin: null });
    await createInvoice(h.app, t.token, inr.id, '1000.00', '0', { issue_date: '2025-01-01', due_date: '2025-01-10' });
    await createInvoice(h.app, t.token, usd.id, '100.00', '0', { issue_date: '2025-01-01', due_date: '2025-01-31' });
    const noRate = await aging(t.token, 'as_of=2025-02-10&by=currency');
    assert.deepEqual(noRate.buckets.map((b: any) => b.label), ['Current', '1–15', '16–45', '45+']);
    assert.deepEqual(noRate.missing_rates, ['USD']);
    assert.deepEqual(noRate.totals.buckets, ['0.00', '0.00', '1000.00', '0.00']);
    // In base currency the dollar customer has no row until there is a rate, and the report says why.
    const noRateByCustomer = await aging(t.token, 'as_of=2025-02-10&by=customer');
    assert.deepEqual(noRateByCustomer.missing_rates, ['USD']);
    assert.deepEqual(noRateByCustomer.rows.map((r: any) => r.key), [inr.id]);
    assert.equal(noRateByCustomer.totals.items, 1);

    const imported = await call(h.app, t.token, 'POST', '/exchange-rates/import', { csv: 'currency,date,rate\nUSD,2025-01-01,85.5\nUSD,2025-02-01,86.1234\n' });
    assert.deepEqual(imported.body, { saved: 2, rows: 2, errors: [] });
    const badImport = await call(h.app, t.token, 'POST', '/exchange-rates/import', { csv: 'currency,date,rate\nUSD,2025-03-01,86\nXYZ,2025-01-01,1\nEUR,2025-13-01,90\nEUR,2025-01-01,-2\n' });
    assert.deepEqual(badImport.body.errors.map((e: any) => [e.line, e.column]), [[3, 'currency'], [4, 'date'], [5, 'rate']]);
    assert.equal(badImport.body.saved, 0);
    const baseRate = await call(h.app, t.token, 'POST', '/exchange-rates', { rates: [{ currency: 'INR', rate_date: '2025-01-01', rate: '1' }] });
    assert.equal(baseRate.status, 400);
    assert.match(JSON.stringify(baseRate.body.error), /rates\[0\]\.currency/);
    const zeroRate = await call(h.app, t.token, 'POST', '/exchange-rates', { rates: [{ currency: 'EUR', rate_date: '2025-01-01', rate: '0' }] });
    assert.equal(zeroRate.status, 400);
    assert.match(JSON.stringify(zeroRate.body.error), /rate/);
    const rates = (await call(h.app, t.token, 'GET', '/exchange-rates')).body.data;
    assert.equal(rates.length, 2, 'nothing from the bad file was saved');

    const report = await aging(t.token, 'as_of=2025-02-10&by=currency');
    assert.deepEqual(report.missing_rates, []);
    const usdRow = report.rows.find((r: any) => r.key === 'USD');
    assert.deepEqual(usdRow.buckets, ['0.00', '100.00', '0.00', '0.00']);
    // $100 at ₹86.1234 (the 1 February rate) = ₹8,612.34
    assert.deepEqual(report.totals.buckets, ['0.00', '8612.34', '1000.00', '0.00']);
    const january = await aging(t.token, 'as_of=2025-01-20&by=tenant');
    assert.deepEqual(january.totals.buckets, ['8550.00', '1000.00', '0.00', '0.00']);
    // Each customer's cells convert apart and the rows add up to the totals.
    const byCustomer = await aging(t.token, 'as_of=2025-02-10&by=customer');
    assert.deepEqual(byCustomer.missing_rates, []);
    assert.deepEqual(byCustomer.rows.map((r: any) => [r.key, r.currency, r.buckets]), [
      [usd.id, 'INR', ['0.00', '8612.34', '0.00', '0.00']],
      [inr.id, 'INR', ['0.00', '0.00', '1000.00', '0.00']],
    ]);
    for (const by of ['customer', 'tenant', 'currency', 'segment'] as const) {
      const query = { as_of: '2025-02-10', basis: 'due' as const, by, segment: 'kind' as const };
      assert.deepEqual(await agingReport(h.database.db, systemCtx(t.id), query), await agingReport(h.database.db, systemCtx(t.id), query, { byScan: true }), by);
    }
  });

  test('amounts far past 2^31 paise add up exactly, paid after the date too', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    // ₹30 crore and ₹45 crore invoices: 3,00,00,00,000 paise and more, past what an int holds.
    const big = await createInvoice(h.app, t.token, c.id, '300000000.00', '0', { issue_date: '2025-01-01', due_date: '2025-01-31' });
    await createInvoice(h.app, t.token, c.id, '450000000.00', '0', { issue_date: '2025-02-01', due_date: '2025-03-03' });
    const paid = await call(h.app, t.token, 'POST', '/receipts', {
      customer_id: c.id, receipt_date: '2025-04-01', amount: '123456789.01', method: 'rtgs', reference: 'UTR000BIG01',
      allocations: [{ invoice_id: big.id, amount: '123456789.01' }],
    });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    const before = await aging(t.token, 'as_of=2025-03-15&by=customer');
    assert.deepEqual(before.rows[0].buckets, ['0.00', '450000000.00', '300000000.00', '0.00', '0.00']);
    const after = await aging(t.token, 'as_of=2025-04-15&by=tenant');
    assert.deepEqual(after.totals.buckets, ['0.00', '0.00', '450000000.00', '176543210.99', '0.00']);
    assert.equal(after.totals.net, '626543210.99');
    for (const asOf of ['2025-03-15', '2025-04-15']) {
      const query = { as_of: asOf, basis: 'due' as const, by: 'customer' as const, segment: 'kind' as const };
      assert.deepEqual(await agingReport(h.database.db, systemCtx(t.id), query), await agingReport(h.database.db, systemCtx(t.id), query, { byScan: true }));
    }
  });

  test('documents past the oldest bound come from the kept totals: either side of the bound, issued after the date, paid after it', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const asOf = '2025-06-30';
    // Due 92, 91, 90 and 89 days before the date, each issued 30 days before its due date.
    for (const [days, amount] of [[92, '100.00'], [91, '200.00'], [90, '300.00'], [89, '400.00']] as const) {
      const due = addDays(asOf, -days);
      await createInvoice(h.app, t.token, c.id, amount, '0', { issue_date: addDays(due, -30), due_date: due });
    }
    await createInvoice(h.app, t.token, c.id, '500.00', '0', { issue_date: '2025-07-05', due_date: '2025-08-04' });
    const old = await createInvoice(h.app, t.token, c.id, '1000.00', '0', { issue_date: '2025-01-01', due_date: '2025-01-31' });
    const paid = await call(h.app, t.token, 'POST', '/receipts', {
      customer_id: c.id, receipt_date: '2025-07-10', amount: '250.00', method: 'neft', reference: 'UTR0091',
      allocations: [{ invoice_id: old.id, amount: '250.00' }],
    });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    const byDue = (await aging(t.token, `as_of=${asOf}&by=customer`)).rows[0];
    assert.deepEqual(byDue.buckets, ['0.00', '0.00', '0.00', '700.00', '1300.00']);
    assert.equal(byDue.items, 5);
    // By document date every one of them is past 90 days old.
    const byAge = (await aging(t.token, `as_of=${asOf}&by=customer&basis=document`)).rows[0];
    assert.deepEqual(byAge.buckets, ['0.00', '0.00', '0.00', '0.00', '2000.00']);
    // Ten days on, all four are past 90 days; the later invoice is current, the old one part paid.
    assert.deepEqual((await aging(t.token, 'as_of=2025-07-10&by=tenant')).totals.buckets, ['500.00', '0.00', '0.00', '0.00', '1750.00']);
    for (const d of [addDays(asOf, -1), asOf, '2025-07-04', '2025-07-05', '2025-07-10', '2025-09-01']) {
      for (const basis of ['due', 'document'] as const) {
        for (const by of ['customer', 'tenant', 'collector'] as const) {
          const query = { as_of: d, basis, by, segment: 'kind' as const };
          assert.deepEqual(await agingReport(h.database.db, systemCtx(t.id), query), await agingReport(h.database.db, systemCtx(t.id), query, { byScan: true }), `${by} ${basis} ${d}`);
        }
      }
    }
  });

  test('Schedule III: outstanding from the due date in calendar periods, disputed apart', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    await createInvoice(h.app, t.token, c.id, '100.00', '0', { issue_date: '2024-08-01', due_date: '2024-08-31' });
    await createInvoice(h.app, t.token, c.id, '200.00', '0', { issue_date: '2023-01-01', due_date: '2023-01-31' });
    const disputed = await createInvoice(h.app, t.token, c.id, '300.00', '0', { issue_date: '2021-01-01', due_date: '2021-01-31' });
    await sql`update invoices set disputed = true where id = ${disputed.id}`.execute(h.database.db);
    const res = await call(h.app, t.token, 'GET', '/aging/schedule-iii?as_of=2025-02-28');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    // 31 Aug 2024 + 6 months is 28 Feb 2025: not less than six months on 28 Feb.
    assert.deepEqual(res.body.rows.map((r: any) => [r.key, r.amounts]), [
      ['undisputed_good', ['0.00', '100.00', '0.00', '200.00', '0.00']],
      ['undisputed_doubtful', ['0.00', '0.00', '0.00', '0.00', '0.00']],
      ['disputed_good', ['0.00', '0.00', '0.00', '0.00', '300.00']],
      ['disputed_doubtful', ['0.00', '0.00', '0.00', '0.00', '0.00']],
    ]);
    assert.equal(res.body.total, '600.00');
  });

  test('aging via the full scan and via today’s open amounts agree on the report itself', async () => {
    const t = await createTestTenant(h.database);
    await importFile(h.database.db, systemCtx(t.id, 'cli'), { kind: 'invoices', source: { path: IBM, fileName: 'invoices.csv' }, preset: 'ibm', dryRun: false });
    for (const by of ['customer', 'segment', 'collector', 'currency'] as const) {
      const query = { as_of: '2012-10-01', basis: 'due' as const, by, segment: 'risk' as const };
      assert.deepEqual(await agingReport(h.database.db, systemCtx(t.id), query), await agingReport(h.database.db, systemCtx(t.id), query, { byScan: true }));
    }
  });
});

/** Aging of the IBM CSV computed with no code of ours: open = invoiced on or before, settled after. */
function agingFromCsv(asOf: string) {
  const lines = fs.readFileSync(IBM, 'utf8').trim().split(/\r?\n/).slice(1);
  const iso = (mdy: string) => {
    const [m, d, y] = mdy.split('/');
    return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  };
  const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  const bucket = (d: number) => (d <= 0 ? 0 : d <= 30 ? 1 : d <= 60 ? 2 : d <= 90 ? 3 : 4);
  const buckets = [0n, 0n, 0n, 0n, 0n];
  const byDocumentDate = [0n, 0n, 0n, 0n, 0n];
  const byCustomer = new Map<string, bigint>();
  for (const line of lines) {
    const cols = line.split(',');
    const invoiced = iso(cols[4]!);
    const settled = cols[8] ? iso(cols[8]) : null;
    if (invoiced > asOf || (settled !== null && settled <= asOf)) continue;
    const [whole, frac = ''] = cols[6]!.split('.');
    const minor = BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0'));
    buckets[bucket(days(iso(cols[5]!), asOf))]! += minor;
    byDocumentDate[bucket(days(invoiced, asOf))]! += minor;
    byCustomer.set(cols[1]!, (byCustomer.get(cols[1]!) ?? 0n) + minor);
  }
  return { buckets, byDocumentDate, byCustomer };
}

function toDecimal(minor: bigint) {
  const sign = minor < 0n ? '-' : '';
  const abs = minor < 0n ? -minor : minor;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
