import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { systemCtx } from '../../platform/context.ts';
import { assertLedgerSound, createCustomer, createInvoice } from '../../testing/fixtures.ts';
import { call, createTestTenant, useHarness } from '../../testing/harness.ts';
import { importFile } from '../imports/imports.files.ts';
import { verifyLedger } from './ledger.service.ts';

const h = useHarness();
const IBM = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../test/fixtures/imports/ibm-ar/invoices.csv');

/** The kept balances, and the journal's own sums, per customer. */
async function keptAndJournal(tenantId: string) {
  const kept = await sql<{ customer_id: string; balance: bigint }>`
    select customer_id, balance from ar_balances where tenant_id = ${tenantId} and balance <> 0 order by customer_id`.execute(h.database.db);
  const journal = await sql<{ customer_id: string; balance: bigint }>`
    select customer_id, sum(debit - credit)::bigint as balance from journal_lines
    where tenant_id = ${tenantId} and account = 'AR' group by 1 having sum(debit - credit) <> 0 order by 1`.execute(h.database.db);
  return { kept: kept.rows, journal: journal.rows };
}

describe('ledger', () => {
  test('the kept AR balance follows every posting, one at a time or a batch at once', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const a = await createInvoice(h.app, t.token, c.id, '10000.00', '18', { issue_date: '2025-01-01' });
    await createInvoice(h.app, t.token, c.id, '500.00', '0', { issue_date: '2025-01-05' });
    const paid = await call(h.app, t.token, 'POST', '/receipts', {
      customer_id: c.id, receipt_date: '2025-02-01', amount: '12000.00', method: 'neft', reference: 'UTR000KEPT1',
      allocations: [{ invoice_id: a.id, amount: '11800.00' }],
    });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    // ₹11,800 + ₹500 invoiced, ₹12,000 received: ₹300 still owed.
    const { kept, journal } = await keptAndJournal(t.id);
    assert.deepEqual(kept, [{ customer_id: c.id, balance: 30000n }]);
    assert.deepEqual(kept, journal);

    const other = await createTestTenant(h.database);
    const report = await importFile(h.database.db, systemCtx(other.id, 'cli'), { kind: 'invoices', source: { path: IBM, fileName: 'invoices.csv' }, preset: 'ibm', dryRun: false });
    assert.equal(report.error_count, 0);
    const imported = await keptAndJournal(other.id);
    assert.ok(imported.kept.length > 0, 'some IBM customers still owe');
    assert.deepEqual(imported.kept, imported.journal);
    await assertLedgerSound(h.database, t.id);
    await assertLedgerSound(h.database, other.id);
  });

  test('journal lines are never changed or removed, and verify names a kept balance or an allocation date that drifted', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const invoice = await createInvoice(h.app, t.token, c.id, '100.00', '0', { issue_date: '2025-03-01' });
    await assert.rejects(
      sql`update journal_lines set debit = debit + 1 where tenant_id = ${t.id}`.execute(h.database.db),
      /journal lines are never changed or removed/,
    );
    await assert.rejects(sql`delete from journal_lines where tenant_id = ${t.id}`.execute(h.database.db), /never changed or removed/);
    assert.deepEqual((await keptAndJournal(t.id)).kept, [{ customer_id: c.id, balance: 10000n }]);

    await sql`update ar_balances set balance = balance + 1 where tenant_id = ${t.id}`.execute(h.database.db);
    const check = (await verifyLedger(h.database.db, t.id)).checks.find((x) => x.name === 'kept_balances')!;
    assert.equal(check.ok, false);
    assert.deepEqual(check.problems, [{ customer_id: c.id, currency: 'INR', kept: '10001', journal: '10000' }]);

    // An allocation carries its receipt's date and its invoice's issue date, as verify checks.
    const paid = await call(h.app, t.token, 'POST', '/receipts', {
      customer_id: c.id, receipt_date: '2025-03-10', amount: '40.00', method: 'neft', reference: 'UTR000DATES',
      allocations: [{ invoice_id: invoice.id, amount: '40.00' }],
    });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    const [allocation] = (await sql<{ id: string; source_date: string; invoice_issue_date: string }>`
      select id, source_date, invoice_issue_date from allocations where tenant_id = ${t.id}`.execute(h.database.db)).rows;
    assert.deepEqual([allocation!.source_date, allocation!.invoice_issue_date], ['2025-03-10', '2025-03-01']);
    await sql`update allocations set source_date = '2025-03-09' where tenant_id = ${t.id}`.execute(h.database.db);
    const dates = (await verifyLedger(h.database.db, t.id)).checks.find((x) => x.name === 'allocation_dates')!;
    assert.equal(dates.ok, false);
    assert.deepEqual(dates.problems, [{ id: allocation!.id, source_date: '2025-03-09', paid_by_date: '2025-03-10', invoice_issue_date: '2025-03-01', issued: '2025-03-01' }]);
  });
  test('the kept credit sales follow invoices, credit notes, voids and imports, and verify names a day that drifted', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const kept = async (tenantId = t.id) =>
      (await sql<{ day: string; amount: bigint }>`
        select day::text as day, amount from daily_sales where tenant_id = ${tenantId} and amount <> 0 order by day`.execute(h.database.db)).rows;
    const a = await createInvoice(h.app, t.token, c.id, '1000.00', '18', { issue_date: '2025-03-01' });
    await createInvoice(h.app, t.token, c.id, '500.00', '0', { issue_date: '2025-03-01' });
    const v = await createInvoice(h.app, t.token, c.id, '200.00', '0', { issue_date: '2025-03-02' });
    const cn = await call(h.app, t.token, 'POST', '/credit-notes', {
      customer_id: c.id, issue_date: '2025-03-05', against_invoice_id: a.id, apply_to_invoice: true, reason: 'Rate difference',
      lines: [{ description: 'Rate difference', quantity: '1', unit_price: '100.00', tax_rate: '18' }],
    });
    assert.equal(cn.status, 201, JSON.stringify(cn.body));
    assert.deepEqual(await kept(), [
      { day: '2025-03-01', amount: 168000n },
      { day: '2025-03-02', amount: 20000n },
      { day: '2025-03-05', amount: -11800n },
    ]);
    // Paying an invoice changes its open amount, not the sale.
    const paid = await call(h.app, t.token, 'POST', '/receipts', { customer_id: c.id, receipt_date: '2025-03-10', amount: '500.00', method: 'cash', allocate_oldest_first: true });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    // A void takes the sale out of its issue day, whenever it happens.
    assert.equal((await call(h.app, t.token, 'POST', `/invoices/${v.id}/void`, { reason: 'Raised twice' })).status, 200);
    assert.deepEqual(await kept(), [
      { day: '2025-03-01', amount: 168000n },
      { day: '2025-03-05', amount: -11800n },
    ]);
    await assertLedgerSound(h.database, t.id);

    const other = await createTestTenant(h.database);
    const report = await importFile(h.database.db, systemCtx(other.id, 'cli'), { kind: 'invoices', source: { path: IBM, fileName: 'invoices.csv' }, preset: 'ibm', dryRun: false });
    assert.equal(report.error_count, 0);
    const scanned = await sql<{ day: string; amount: bigint }>`
      select issue_date::text as day, sum(total)::bigint as amount from invoices where tenant_id = ${other.id} group by 1 order by 1`.execute(h.database.db);
    assert.ok(scanned.rows.length > 100);
    assert.deepEqual(await kept(other.id), scanned.rows);

    await sql`update daily_sales set amount = amount + 1 where tenant_id = ${t.id} and day = '2025-03-05'`.execute(h.database.db);
    const check = (await verifyLedger(h.database.db, t.id)).checks.find((x) => x.name === 'kept_sales')!;
    assert.equal(check.ok, false);
    assert.deepEqual(check.problems, [{ day: '2025-03-05', currency: 'INR', kept: '-11799', invoices: '-11800' }]);
  });

  test('the kept AR movement per day follows invoices, receipts, a bounced cheque and imports, and verify names a day that drifted', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const kept = async (tenantId = t.id) =>
      (await sql<{ day: string; amount: bigint }>`
        select day::text as day, amount from daily_ar where tenant_id = ${tenantId} and amount <> 0 order by day`.execute(h.database.db)).rows;
    const journal = async (tenantId: string) =>
      (await sql<{ day: string; amount: bigint }>`
        select entry_date::text as day, sum(debit - credit)::bigint as amount from journal_lines
        where tenant_id = ${tenantId} and account = 'AR' group by 1 having sum(debit - credit) <> 0 order by 1`.execute(h.database.db)).rows;
    const a = await createInvoice(h.app, t.token, c.id, '1000.00', '18', { issue_date: '2025-03-01' });
    await createInvoice(h.app, t.token, c.id, '500.00', '0', { issue_date: '2025-03-01' });
    const paid = await call(h.app, t.token, 'POST', '/receipts', {
      customer_id: c.id, receipt_date: '2025-03-10', amount: '1180.00', method: 'cheque', reference: '000451',
      allocations: [{ invoice_id: a.id, amount: '1180.00' }],
    });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    assert.deepEqual(await kept(), [
      { day: '2025-03-01', amount: 168000n },
      { day: '2025-03-10', amount: -118000n },
    ]);
    // The cheque bounces on the 14th: the receipt comes off AR that day, with a ₹250 charge.
    const bounced = await call(h.app, t.token, 'POST', `/receipts/${(paid.body as { id: string }).id}/reverse`, {
      reversed_on: '2025-03-14', reason: 'Cheque returned: insufficient funds', bounce_charge: '250.00',
    });
    assert.equal(bounced.status, 200, JSON.stringify(bounced.body));
    assert.deepEqual(await kept(), await journal(t.id));
    assert.deepEqual((await kept()).find((d) => d.day === '2025-03-14'), { day: '2025-03-14', amount: 143000n });
    await assertLedgerSound(h.database, t.id);

    const other = await createTestTenant(h.database);
    const report = await importFile(h.database.db, systemCtx(other.id, 'cli'), { kind: 'invoices', source: { path: IBM, fileName: 'invoices.csv' }, preset: 'ibm', dryRun: false });
    assert.equal(report.error_count, 0);
    const imported = await kept(other.id);
    assert.ok(imported.length > 100);
    assert.deepEqual(imported, await journal(other.id));

    await sql`update daily_ar set amount = amount - 1 where tenant_id = ${t.id} and day = '2025-03-10'`.execute(h.database.db);
    const check = (await verifyLedger(h.database.db, t.id)).checks.find((x) => x.name === 'kept_ar_movement')!;
    assert.equal(check.ok, false);
    assert.deepEqual(check.problems, [{ day: '2025-03-10', currency: 'INR', kept: '-118001', journal: '-118000' }]);
  });
  test('the kept open debits follow invoices, payments, credit notes, a void, a bounce and imports, and verify names a customer that drifted', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const usd = await createCustomer(h.app, t.token, { currency: 'USD', kind: 'b2c', state_code: null, gstin: null });
    const kept = async (tenantId = t.id) =>
      (await sql<{ customer_id: string; currency: string; amount: bigint; items: bigint }>`
        select customer_id, currency::text as currency, amount, items from open_debits
        where tenant_id = ${tenantId} and (amount <> 0 or items <> 0) order by 1, 2`.execute(h.database.db)).rows;
    const counted = async (tenantId = t.id) =>
      (await sql<{ customer_id: string; currency: string; amount: bigint; items: bigint }>`
        select customer_id, currency::text as currency, sum(open_amount)::bigint as amount, count(*)::bigint as items from invoices
        where tenant_id = ${tenantId} and open_amount > 0 and kind <> 'credit_note' group by 1, 2 order by 1, 2`.execute(h.database.db)).rows;
    const ofCustomer = async (id: string) => (await kept()).find((r) => r.customer_id === id);

    const a = await createInvoice(h.app, t.token, c.id, '1000.00', '18', { issue_date: '2025-03-01' });
    const b = await createInvoice(h.app, t.token, c.id, '500.00', '0', { issue_date: '2025-03-02' });
    const v = await createInvoice(h.app, t.token, c.id, '200.00', '0', { issue_date: '2025-03-03' });
    await createInvoice(h.app, t.token, usd.id, '100.00', '0', { issue_date: '2025-03-01' });
    assert.deepEqual(await ofCustomer(c.id), { customer_id: c.id, currency: 'INR', amount: 188000n, items: 3n });
    assert.deepEqual(await ofCustomer(usd.id), { customer_id: usd.id, currency: 'USD', amount: 10000n, items: 1n });

    // A part payment lowers the amount, not the count; a credit note used in full on B closes it.
    const part = await call(h.app, t.token, 'POST', '/receipts', {
      customer_id: c.id, receipt_date: '2025-03-10', amount: '180.00', method: 'cheque', reference: '000452',
      allocations: [{ invoice_id: a.id, amount: '180.00' }],
    });
    assert.equal(part.status, 201, JSON.stringify(part.body));
    const cn = await call(h.app, t.token, 'POST', '/credit-notes', {
      customer_id: c.id, issue_date: '2025-03-12', against_invoice_id: b.id, apply_to_invoice: true, reason: 'Returned goods',
      lines: [{ description: 'Returned goods', quantity: '1', unit_price: '500.00', tax_rate: '0' }],
    });
    assert.equal(cn.status, 201, JSON.stringify(cn.body));
    assert.deepEqual(await ofCustomer(c.id), { customer_id: c.id, currency: 'INR', amount: 120000n, items: 2n });
    // A void takes the document out; the cheque's bounce puts what it paid back on A.
    assert.equal((await call(h.app, t.token, 'POST', `/invoices/${v.id}/void`, { reason: 'Raised twice' })).status, 200);
    const bounced = await call(h.app, t.token, 'POST', `/receipts/${(part.body as { id: string }).id}/reverse`, {
      reversed_on: '2025-03-14', reason: 'Cheque returned: insufficient funds',
    });
    assert.equal(bounced.status, 200, JSON.stringify(bounced.body));
    assert.deepEqual(await ofCustomer(c.id), { customer_id: c.id, currency: 'INR', amount: 118000n, items: 1n });
    // A flag that is no part of the total changes nothing kept.
    await sql`update invoices set disputed = true where tenant_id = ${t.id}`.execute(h.database.db);
    assert.deepEqual(await kept(), await counted());
    await assertLedgerSound(h.database, t.id);

    const other = await createTestTenant(h.database);
    const report = await importFile(h.database.db, systemCtx(other.id, 'cli'), { kind: 'invoices', source: { path: IBM, fileName: 'invoices.csv' }, preset: 'ibm', dryRun: false });
    assert.equal(report.error_count, 0);
    const imported = await kept(other.id);
    assert.ok(imported.length > 40, `${imported.length} customers with open debits`);
    assert.deepEqual(imported, await counted(other.id));

    await sql`update open_debits set items = items + 1 where tenant_id = ${t.id} and customer_id = ${usd.id}`.execute(h.database.db);
    const check = (await verifyLedger(h.database.db, t.id)).checks.find((x) => x.name === 'kept_open_debits')!;
    assert.equal(check.ok, false);
    assert.deepEqual(check.problems, [{ customer_id: usd.id, currency: 'USD', kept: '10000', kept_items: '2', invoices: '10000', invoice_items: '1' }]);
  });
});
