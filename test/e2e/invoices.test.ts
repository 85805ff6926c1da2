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

describe('invoices', () => {
  test('new invoice: pick a customer by keyboard, server errors sit next to their cell, saved invoice shows its GST split', async () => {
    const t = await newTenant(e2e);
    await seedCustomer(e2e, t, {
      code: 'KAR-01',
      name: 'Kaveri Textiles',
      state_code: '29',
      city: 'Bengaluru',
    });
    const local = await seedCustomer(e2e, t, {
      code: 'GUJ-01',
      name: 'Sabarmati Plastics',
      state_code: '24',
    });
    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t, '/invoices/new');
      await page.getByRole('heading', { name: 'New invoice' }).waitFor();
      const picker = page.getByRole('combobox', { name: 'Customer' });
      await picker.fill('sabar');
      await page.getByRole('option', { name: /Sabarmati Plastics/ }).waitFor();
      await picker.press('Enter');
      await page.getByTestId('picked-customer').filter({ hasText: 'Sabarmati Plastics' }).waitFor();

      await page.getByLabel('Issue date').fill('2025-07-01');
      await page.getByLabel('Line 1 description').fill('HDPE granules, 25 kg bags');
      await page.getByLabel('Line 1 hsn sac').fill('39');
      await page.getByLabel('Line 1 quantity').fill('40');
      await page.getByLabel('Line 1 unit price').fill('2,500');
      await page.getByLabel('Line 1 tax rate').fill('18');
      await page.getByRole('button', { name: 'Add line' }).click();
      await page.getByLabel('Line 2 description').fill('Freight');
      await page.getByLabel('Line 2 hsn sac').fill('996511');
      await page.getByLabel('Line 2 unit price').fill('1500');
      await page.getByLabel('Line 2 tax rate').fill('5');
      // Preview while typing: 1,00,000 + 1,500 taxable.
      assert.match(
        (await page.getByTestId('lines-grid').locator('tfoot').textContent()) ?? '',
        /₹1,01,500\.00/,
      );

      await page.getByRole('button', { name: 'Save invoice' }).click();
      const hsnError = page.getByTestId('lines-grid').locator('tbody tr').first().locator('.cell-error');
      await hsnError.filter({ hasText: 'HSN' }).waitFor();
      assert.equal(await page.getByLabel('Line 1 hsn sac').getAttribute('aria-invalid'), 'true');
      await page.getByLabel('Line 1 hsn sac').fill('390120');
      await page.getByRole('button', { name: 'Save invoice' }).click();

      await page.getByRole('heading', { name: /^Invoice INV\// }).waitFor();
      await page.getByText(/Invoice INV\/.* saved/).waitFor();
      const lines = page.getByTestId('invoice-lines');
      const first = lines.locator('tbody tr').first();
      assert.match((await first.textContent()) ?? '', /HDPE granules, 25 kg bags390120/);
      // Same state (24 → 24): CGST + SGST, 9 % each of 1,00,000.
      assert.match(
        (await first.textContent()) ?? '',
        /₹1,00,000\.0018 %₹9,000\.00₹9,000\.00₹0\.00₹1,18,000\.00/,
      );
      assert.equal(await page.getByTestId('invoice-total').textContent(), inr('119575.00'));
      const list = await api(e2e, t, 'GET', `/invoices?customer_id=${local.id}`);
      assert.equal(list.body.data.length, 1);
      assert.equal(list.body.data[0].total, '119575.00');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('list filters by kind, status and number; void needs a reason and is refused once paid', async () => {
    const t = await newTenant(e2e);
    const c = await seedCustomer(e2e, t, { code: 'VIZ-01', name: 'Vizag Steel Traders' });
    const paid = await seedInvoice(e2e, t, c.id, '10000.00', '18', { issue_date: '2025-05-01' });
    const wrong = await seedInvoice(e2e, t, c.id, '2000.00', '18', { issue_date: '2025-05-02' });
    await seedInvoice(e2e, t, c.id, '3000.00', '0', { issue_date: '2025-05-03' });
    await seedReceipt(e2e, t, {
      customer_id: c.id,
      amount: '11800.00',
      allocations: [{ invoice_id: paid.id, amount: '11800.00' }],
    });

    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t, '/invoices');
      const rows = page.locator('table.grid tbody tr[data-row]');
      await page.getByRole('status').filter({ hasText: '3 shown' }).waitFor();
      await page.getByLabel('Status').selectOption('paid');
      await page.getByRole('status').filter({ hasText: '1 shown' }).waitFor();
      assert.match(
        (await rows.first().textContent()) ?? '',
        new RegExp(`${paid.number.replace(/\//g, '\\/')}.*Paid`),
      );
      await page.getByLabel('Status').selectOption('unpaid');
      await page.getByRole('status').filter({ hasText: '2 shown' }).waitFor();
      await page.getByLabel('Kind').selectOption('credit_note');
      await page.getByText('No invoices match these filters.').waitFor();
      await page.getByLabel('Kind').selectOption('');
      await page.getByLabel('Status').selectOption('');
      await page.getByLabel('Search').fill(wrong.number.slice(-5));
      await page.getByRole('status').filter({ hasText: '1 shown' }).waitFor();
      await rows.first().click();

      await page.getByRole('heading', { name: new RegExp(`Invoice ${wrong.number}`) }).waitFor();
      await page.getByRole('button', { name: 'Void…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Void' }).click();
      // The browser insists on a reason before anything is sent.
      assert.equal(
        await dialog.getByLabel('Reason').evaluate((el) => (el as HTMLInputElement).validity.valueMissing),
        true,
      );
      await dialog.getByLabel('Reason').fill('Raised twice for the same delivery');
      await dialog.getByRole('button', { name: 'Void' }).click();
      await page.getByText(/Voided .*: Raised twice for the same delivery/).waitFor();
      assert.equal((await api(e2e, t, 'GET', `/invoices/${wrong.id}`)).body.status, 'void');

      // A paid invoice offers no void, and shows where its money came from.
      await page.goto(`/invoices/${paid.id}`);
      await page.getByRole('heading', { name: new RegExp(`Invoice ${paid.number}`) }).waitFor();
      await page.getByTestId('allocation-row').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Void…' }).count(), 0);
      assert.equal(await page.getByTestId('invoice-open').textContent(), inr('0.00'));

      // Reversing the allocation re-opens the invoice and keeps the history, struck through.
      await page.getByRole('button', { name: `Reverse allocation to ${paid.number}` }).click();
      await page.getByRole('dialog').getByLabel('Reason').fill('Applied to the wrong invoice');
      await page.getByRole('dialog').getByRole('button', { name: 'Reverse allocation' }).click();
      await page.getByTestId('allocation-row').filter({ hasText: 'Applied to the wrong invoice' }).waitFor();
      assert.equal(await page.getByTestId('invoice-open').textContent(), inr('11800.00'));
      assert.ok(await page.locator('[data-testid=allocation-row].reversed').count());
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('"New invoice" on a customer page starts with that customer and returns its balance raised', async () => {
    const t = await newTenant(e2e);
    const c = await seedCustomer(e2e, t, { code: 'MH-01', name: 'Pune Auto Parts', state_code: '27' });
    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t, `/customers/${c.id}`);
      await page.getByRole('heading', { name: 'Pune Auto Parts', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'New invoice' }).click();
      await page.getByTestId('picked-customer').filter({ hasText: 'Pune Auto Parts' }).waitFor();
      await page.getByLabel('Line 1 description').fill('Brake pads');
      await page.getByLabel('Line 1 unit price').fill('1000');
      await page.getByRole('button', { name: 'Save invoice' }).click();
      await page.getByRole('heading', { name: /^Invoice INV\// }).waitFor();
      // Gujarat company, Maharashtra customer: IGST, 18 % of 1,000.
      assert.match(
        (await page.getByTestId('invoice-lines').locator('tbody tr').textContent()) ?? '',
        /₹0\.00₹0\.00₹180\.00₹1,180\.00/,
      );
      await page.getByRole('link', { name: 'Pune Auto Parts' }).first().click();
      await page
        .locator('.summary-cards .card')
        .first()
        .filter({ hasText: inr('1180.00') })
        .waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
