import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { api, inr, login, newTenant, openPage, seedCustomer, useE2E } from './harness.ts';

const e2e = useE2E();

// Three invoices of one customer, as an accounts package exports them.
const csv = [
  'Invoice No,Customer Code,Invoice Date,Due Date,Taxable Value,CGST,SGST,Total',
  'GT/25-26/101,SGT-AHD,2025-04-10,2025-05-10,100000.00,9000.00,9000.00,118000.00',
  'GT/25-26/102,SGT-AHD,2025-05-12,2025-06-11,50000.00,4500.00,4500.00,59000.00',
  'GT/25-26/103,SGT-AHD,2025-06-15,2025-07-15,20000.00,1800.00,1800.00,23600.00',
].join('\n');

describe('headline flow', () => {
  test('log in, import invoices, read the statement, record a receipt split over two invoices with TDS, see balances change', async () => {
    const t = await newTenant(e2e);
    const c = await seedCustomer(e2e, t, {
      code: 'SGT-AHD',
      name: 'Shree Ganesh Traders',
      credit_limit: '300000.00',
    });
    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t);

      // Import the invoices on the imports page.
      await page.keyboard.press('g');
      await page.keyboard.press('m');
      await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
      await page.getByLabel('Import', { exact: true }).selectOption('invoices');
      await page
        .getByLabel('File to import')
        .setInputFiles({ name: 'invoices.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByTestId('sample-rows').waitFor();
      await page.getByRole('button', { name: 'Dry run' }).click();
      await page.getByTestId('dry-run-report').getByTestId('count-errors').filter({ hasText: '0' }).waitFor();
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page
        .getByTestId('import-report')
        .getByTestId('count-inserted')
        .filter({ hasText: '3' })
        .waitFor();

      // Find the customer and open the statement for the financial year 2025-26.
      await page.keyboard.press('g');
      await page.keyboard.press('c');
      await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
      await page.keyboard.press('/');
      await page.keyboard.type('SGT-AHD');
      await page.getByRole('status').filter({ hasText: '1 shown' }).waitFor();
      const row = page.locator('table.grid tbody tr[data-row]').first();
      assert.equal(await row.locator('td.num').first().textContent(), inr('200600.00'));
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Shree Ganesh Traders', level: 1 }).waitFor();
      await page.getByRole('tab', { name: 'Statement' }).click();
      await page.getByLabel('From', { exact: true }).fill('2025-04-01');
      await page.getByLabel('To', { exact: true }).fill('2026-03-31');
      await page.getByRole('button', { name: 'Show' }).click();
      const statement = page.getByTestId('statement');
      await statement.locator('caption').filter({ hasText: '01 Apr 2025 to 31 Mar 2026' }).waitFor();
      assert.equal(await statement.getByTestId('statement-line').count(), 3);
      assert.equal(
        await statement.getByTestId('closing-balance').locator('td.num').textContent(),
        inr('200600.00'),
      );

      // Record a receipt: the customer pays 101 and part of 102, withholding 2 % TDS on 101.
      await page.getByRole('link', { name: 'Record receipt' }).click();
      await page.getByRole('heading', { name: 'Record receipt' }).waitFor();
      await page.getByTestId('allocation-grid').waitFor();
      await page.getByLabel('Receipt date').fill('2025-07-05');
      await page.getByLabel(/Amount received/).fill('1,50,000');
      await page.getByLabel('UTR').fill('HDFCN52025070512345');
      await page.getByLabel('Apply to GT/25-26/101').check();
      await page.getByLabel('TDS for GT/25-26/101').fill('2000');
      assert.equal(await page.getByLabel('Amount to apply for GT/25-26/101').inputValue(), '116000.00');
      await page.getByLabel('Apply to GT/25-26/102').check();
      assert.equal(await page.getByLabel('Amount to apply for GT/25-26/102').inputValue(), '34000.00');
      assert.equal(await page.getByTestId('total-applied').locator('.money').textContent(), inr('150000.00'));
      assert.equal(
        await page.getByTestId('total-deductions').locator('.money').textContent(),
        inr('2000.00'),
      );
      assert.equal(await page.getByTestId('total-unapplied').locator('.money').textContent(), inr('0.00'));
      await page.getByRole('button', { name: 'Save receipt' }).click();
      await page.getByText('Receipt recorded.').waitFor();
      assert.equal(await page.getByTestId('allocation-row').count(), 2);

      // Balances: 2,00,600 − 1,50,000 cash − 2,000 TDS = 48,600.
      await page.getByRole('link', { name: 'Shree Ganesh Traders' }).first().click();
      await page.getByRole('heading', { name: 'Shree Ganesh Traders', level: 1 }).waitFor();
      await page
        .locator('.summary-cards .card')
        .first()
        .filter({ hasText: inr('48600.00') })
        .waitFor();
      const open = page.getByTestId('open-items');
      await open.waitFor();
      assert.equal(await open.locator('tbody tr').count(), 2, '101 is settled; 102 and 103 stay open');
      assert.equal(await open.locator('tfoot td.num').textContent(), inr('48600.00'));
      await page.getByRole('tab', { name: 'Statement' }).click();
      await page.getByLabel('From', { exact: true }).fill('2025-04-01');
      await page.getByRole('button', { name: 'Show' }).click();
      await statement
        .getByTestId('closing-balance')
        .locator('td.num')
        .filter({ hasText: inr('48600.00') })
        .waitFor();
      assert.match((await statement.textContent()) ?? '', /Receipt/);
      assert.match((await statement.textContent()) ?? '', /Deduction/);

      const customer = await api(e2e, t, 'GET', `/customers/${c.id}`);
      assert.equal(customer.body.balance, '48600.00');
      assert.equal((await api(e2e, t, 'GET', '/ledger/verify')).body.ok, true, 'the ledger still balances');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
