import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  api,
  inr,
  login,
  newTenant,
  openPage,
  seedCustomer,
  seedInvoice,
  seedReceipt,
  useE2E,
} from './harness.ts';

const e2e = useE2E();

describe('receipts', () => {
  test('record from the customer page: oldest first, TDS at a rate, live totals, a double click records once', async () => {
    const t = await newTenant(e2e);
    const c = await seedCustomer(e2e, t, { code: 'SGT-01', name: 'Shree Ganesh Traders' });
    const older = await seedInvoice(e2e, t, c.id, '10000.00', '18', {
      issue_date: '2025-05-01',
      due_date: '2025-05-31',
    });
    const newer = await seedInvoice(e2e, t, c.id, '20000.00', '18', {
      issue_date: '2025-06-01',
      due_date: '2025-07-01',
    });
    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t, `/customers/${c.id}`);
      await page.getByRole('link', { name: 'Record receipt' }).click();
      await page.getByRole('heading', { name: 'Record receipt' }).waitFor();
      await page.getByTestId('picked-customer').filter({ hasText: 'Shree Ganesh Traders' }).waitFor();
      const grid = page.getByTestId('allocation-grid');
      await grid.waitFor();
      assert.deepEqual(
        await grid
          .locator('tbody th[scope=row]')
          .evaluateAll((ths) => ths.map((th) => th.firstChild?.textContent)),
        [older.number, newer.number],
      );

      await page.getByLabel(/Amount received/).fill('20,000');
      await page.getByLabel('Method').selectOption('upi');
      await page.getByLabel('UTR / RRN').fill('512345678901');
      await page.getByRole('button', { name: 'Oldest first' }).click();
      assert.equal(await page.getByLabel(`Amount to apply for ${older.number}`).inputValue(), '11800.00');
      assert.equal(await page.getByLabel(`Amount to apply for ${newer.number}`).inputValue(), '8200.00');
      assert.equal(await page.getByTestId('total-applied').locator('.money').textContent(), inr('20000.00'));
      assert.equal(await page.getByTestId('total-unapplied').locator('.money').textContent(), inr('0.00'));

      // 2 % TDS on the older invoice's taxable value (10,000 → 200): cash on it drops to 11,600.
      await page.getByLabel(`Apply to ${newer.number}`).uncheck();
      await page.getByLabel('TDS rate in percent').fill('2');
      await page.getByRole('button', { name: 'Apply TDS to ticked' }).click();
      assert.equal(await page.getByLabel(`TDS for ${older.number}`).inputValue(), '200.00');
      assert.equal(await page.getByLabel(`Amount to apply for ${older.number}`).inputValue(), '11600.00');
      await page.getByLabel(`Apply to ${newer.number}`).check();
      assert.equal(await page.getByLabel(`Amount to apply for ${newer.number}`).inputValue(), '8400.00');
      assert.equal(await page.getByTestId('total-deductions').locator('.money').textContent(), inr('200.00'));
      assert.equal(await page.getByTestId('total-unapplied').locator('.money').textContent(), inr('0.00'));

      // Too much on one line is caught before it is sent.
      await page.getByLabel(`Amount to apply for ${newer.number}`).fill('30000');
      await page.getByText('amount plus deductions exceed the open amount').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Save receipt' }).isDisabled(), true);
      await page.getByLabel(`Amount to apply for ${newer.number}`).fill('8400');

      await page.getByRole('button', { name: 'Save receipt' }).dblclick();
      await page.getByRole('heading', { name: /^Receipt RCT/ }).waitFor();
      await page.getByText('Receipt recorded.').waitFor();
      const rows = page.getByTestId('allocation-row');
      await rows.first().waitFor();
      assert.equal(await rows.count(), 2);
      assert.equal(await page.getByTestId('receipt-unapplied').textContent(), inr('0.00'));

      const receipts = await api(e2e, t, 'GET', `/receipts?customer_id=${c.id}`);
      assert.equal(receipts.body.data.length, 1, 'a double click records the receipt once');
      assert.equal((await api(e2e, t, 'GET', `/invoices/${older.id}`)).body.status, 'paid');
      assert.equal((await api(e2e, t, 'GET', `/invoices/${newer.id}`)).body.open_amount, '15200.00');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a bounced cheque is reversed with a bounce charge; the invoice re-opens', async () => {
    const t = await newTenant(e2e);
    const c = await seedCustomer(e2e, t, { code: 'JPR-01', name: 'Jaipur Handicrafts' });
    const inv = await seedInvoice(e2e, t, c.id, '5000.00', '0', { issue_date: '2025-06-01' });
    const r = await seedReceipt(e2e, t, {
      customer_id: c.id,
      method: 'cheque',
      reference: '004512',
      amount: '5000.00',
      allocations: [{ invoice_id: inv.id, amount: '5000.00' }],
    });
    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t, `/receipts/${r.id}`);
      await page.getByRole('heading', { name: new RegExp(`Receipt ${r.number}`) }).waitFor();
      await page.getByRole('button', { name: 'Reverse receipt…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Reason').fill('Cheque returned: insufficient funds');
      await dialog.getByLabel(/bounce fee/).check();
      await dialog.getByLabel(/Bounce charge/).fill('590');
      await dialog.getByRole('button', { name: 'Reverse receipt' }).click();
      await page.getByRole('link', { name: 'bounce charge debit note' }).waitFor();
      assert.match((await page.locator('h1').textContent()) ?? '', /Reversed/);
      await page.getByRole('link', { name: 'bounce charge debit note' }).click();
      await page.getByRole('heading', { name: /^Debit note/ }).waitFor();
      assert.equal(await page.getByTestId('invoice-total').textContent(), inr('590.00'));
      const detail = await api(e2e, t, 'GET', `/invoices/${inv.id}`);
      assert.equal(detail.body.open_amount, '5000.00');
      assert.equal((await api(e2e, t, 'GET', `/customers/${c.id}`)).body.balance, '5590.00');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('receipts list filters by method, status and reference', async () => {
    const t = await newTenant(e2e);
    const c = await seedCustomer(e2e, t, { code: 'VZG-02', name: 'Coastal Fisheries' });
    await seedInvoice(e2e, t, c.id, '1000.00', '0');
    await seedReceipt(e2e, t, {
      customer_id: c.id,
      method: 'neft',
      reference: 'HDFCN520250620001',
      amount: '600.00',
      allocate_oldest_first: true,
    });
    await seedReceipt(e2e, t, {
      customer_id: c.id,
      method: 'upi',
      reference: '512300000111',
      amount: '900.00',
      allocate_oldest_first: true,
    });
    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t, '/receipts');
      const rows = page.locator('table.grid tbody tr[data-row]');
      await page.getByRole('status').filter({ hasText: '2 shown' }).waitFor();
      await page.getByLabel('Method').selectOption('upi');
      await page.getByRole('status').filter({ hasText: '1 shown' }).waitFor();
      assert.match((await rows.first().textContent()) ?? '', /UPI512300000111/);
      await page.getByLabel('Method').selectOption('');
      // The UPI receipt paid the last 400 and left 500 unapplied.
      await page.getByLabel('Status').selectOption('unapplied');
      await page.getByRole('status').filter({ hasText: '1 shown' }).waitFor();
      assert.equal(await rows.first().locator('td.num').last().textContent(), inr('500.00'));
      await page.getByLabel('Status').selectOption('');
      await page.getByLabel('Search').fill('HDFCN5');
      await page.getByRole('status').filter({ hasText: '1 shown' }).waitFor();
      await rows.first().focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /^Receipt RCT/ }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
