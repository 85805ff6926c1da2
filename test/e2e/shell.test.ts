import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { login, newTenant, openPage, useE2E } from './harness.ts';

const e2e = useE2E();

describe('app shell', () => {
  test('skip link, g-shortcuts, / to search, ? for help, visible focus, unknown pages', async () => {
    const t = await newTenant(e2e);
    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t);
      await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
      assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').count(), 11);
      assert.equal(await page.getByRole('link', { name: 'Customers' }).getAttribute('aria-current'), 'page');

      // The first Tab lands on the skip link, which is then visible and jumps to the content.
      await page.reload();
      await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to content' });
      assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
      const box = await skip.boundingBox();
      assert.ok(box && box.y >= 0, 'the skip link comes into view when focused');
      const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
      assert.notEqual(outline, 'none', 'focus is visible');
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.hash === '#main');

      const go = async (key: string, heading: string | RegExp, path: string) => {
        await page.locator('h1').first().click();
        await page.keyboard.press('g');
        await page.keyboard.press(key);
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        assert.equal(new URL(page.url()).pathname, path);
      };
      await go('i', 'Invoices', '/invoices');
      await go('r', 'Receipts', '/receipts');
      await go('n', 'Record receipt', '/receipts/new');
      await go('a', 'Aging', '/aging');
      await go('p', 'Provisions', '/provisions');
      await go('m', 'Imports', '/imports');
      await go('x', 'Exchange rates', '/settings/exchange-rates');
      await go('s', 'Company', '/settings/company');
      await go('d', 'Dashboard', '/dashboard');
      await go('c', 'Customers', '/customers');

      // Typing in a field is typing, not a shortcut.
      await page.getByLabel('Search').fill('');
      await page.getByLabel('Search').press('g');
      await page.getByLabel('Search').press('i');
      assert.equal(new URL(page.url()).pathname, '/customers');
      assert.equal(await page.getByLabel('Search').inputValue(), 'gi');

      // "/" focuses the search of whatever page is open.
      await go('i', 'Invoices', '/invoices');
      await page.keyboard.press('/');
      assert.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('placeholder')),
        'Invoice number  ( / )',
      );
      await page.keyboard.press('Escape');
      await page.locator('h1').first().click();
      await page.keyboard.press('?');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await help.waitFor();
      assert.match((await help.textContent()) ?? '', /g i\s*Invoices/);
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'hidden' });

      await page.goto('/no/such/page');
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      assert.ok(await page.getByTestId('company-name').isVisible(), 'inside the shell');
      const api404 = await page.evaluate(async () => (await fetch('/api/v1/no-such-thing')).status);
      assert.equal(api404, 404);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
