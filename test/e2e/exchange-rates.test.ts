import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ExchangeRateList } from '@duely/contracts/aging';
import type { z } from 'zod';
import { api, login, newTenant, openPage, useE2E } from './harness.ts';

const e2e = useE2E();

type Rates = z.output<typeof ExchangeRateList>;

const BAD = 'currency,date,rate\nUSD,2025-04-01,83.50\nEUR,2025-04-01,90.10\nGBP,2025-13-01,105.2\n';
const FIXED = 'currency,date,rate\nUSD,2025-04-01,83.50\nEUR,2025-04-01,90.10\nGBP,2025-03-01,105.2\n';

describe('exchange rates page', () => {
  test('add one rate, a CSV with a bad line saves nothing and names the line, the fixed file is saved and listed', async () => {
    const t = await newTenant(e2e);
    const rates = async () => (await api<Rates>(e2e, t, 'GET', '/exchange-rates')).body.data;
    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t, '/dashboard');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Exchange rates' })
        .click();
      await page.getByRole('heading', { name: 'Exchange rates', level: 1 }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/settings/exchange-rates');
      await page.getByText('No exchange rates yet').waitFor();

      // The base currency is refused by the server, and the message sits under the currency.
      const add = page.getByRole('region', { name: 'Add a rate' });
      await add.getByLabel('Currency').fill('inr');
      await add.getByLabel('Date').fill('2025-03-31');
      await add.getByLabel('Rate (INR)').fill('1');
      await add.getByRole('button', { name: 'Save rate' }).click();
      await add
        .locator('.field.has-error')
        .filter({ hasText: 'base currency' })
        .getByLabel('Currency')
        .waitFor();
      assert.deepEqual(await rates(), []);

      await add.getByLabel('Currency').fill('usd');
      await add.getByLabel('Rate (INR)').fill('83.1245');
      await add.getByRole('button', { name: 'Save rate' }).click();
      await add
        .getByRole('status')
        .filter({ hasText: 'Saved: 1 USD = 83.1245 INR on 31 Mar 2025' })
        .waitFor();
      const table = page.getByTestId('rates-table');
      await table.getByTestId('rate-row').first().waitFor();
      assert.deepEqual(await table.getByTestId('rate-row').first().locator('th, td').allTextContents(), [
        'USD',
        '31 Mar 2025',
        '83.1245',
        'entered',
      ]);

      // A file with one bad line: the line, column and reason; nothing saved, no import button.
      const importer = page.getByTestId('rates-import');
      await importer
        .getByLabel('CSV file')
        .setInputFiles({ name: 'rates.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD) });
      const problems = importer.getByTestId('rates-import-error');
      await problems.first().waitFor();
      assert.equal(await problems.count(), 1);
      const [line, column, reason] = await problems.first().locator('td').allTextContents();
      assert.equal(line, '4');
      assert.equal(column, 'date');
      assert.match(reason ?? '', /"2025-13-01" is not a date/);
      assert.match(
        (await importer.getByRole('alert').first().textContent()) ?? '',
        /1 line needs fixing in rates\.csv; nothing was saved/,
      );
      assert.equal(await importer.getByRole('button', { name: /^Import/ }).count(), 0);
      assert.equal((await rates()).length, 1, 'nothing from the file was saved');

      // The fixed file checks clean; importing saves the three and lists them.
      await importer
        .getByLabel('CSV file')
        .setInputFiles({ name: 'rates-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(FIXED) });
      await importer
        .getByRole('status')
        .filter({ hasText: '3 rates in rates-fixed.csv, no problems.' })
        .waitFor();
      assert.equal(await problems.count(), 0);
      assert.equal((await rates()).length, 1, 'the check saves nothing');
      await importer.getByRole('button', { name: 'Import 3 rates' }).click();
      await importer
        .getByTestId('rates-import-done')
        .filter({ hasText: 'Saved 3 rates from rates-fixed.csv' })
        .waitFor();
      await table.getByTestId('rate-row').nth(3).waitFor();
      const saved = await rates();
      assert.equal(saved.length, 4);
      assert.deepEqual(
        await table.getByTestId('rate-row').locator('th').allTextContents(),
        saved.map((r) => r.currency),
      );
      const gbp = table.getByTestId('rate-row').filter({ hasText: 'GBP' });
      assert.deepEqual(await gbp.locator('td').allTextContents(), ['01 Mar 2025', '105.2', 'import']);

      // Filter to one currency.
      await page
        .getByRole('region', { name: 'Rates', exact: true })
        .getByLabel('Currency')
        .selectOption('EUR');
      await page.waitForURL((u) => u.searchParams.get('currency') === 'EUR');
      await table.getByTestId('rate-row').nth(1).waitFor({ state: 'detached' });
      assert.deepEqual(await table.getByTestId('rate-row').locator('th').allTextContents(), ['EUR']);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
