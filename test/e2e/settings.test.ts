import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { api, login, newTenant, openPage, useE2E } from './harness.ts';

const e2e = useE2E();

describe('company settings page', () => {
  test('g s opens it; a bad threshold is named under its field and nothing is saved; good values are saved and audited', async () => {
    const t = await newTenant(e2e);
    const settings = async () => (await api(e2e, t, 'GET', '/settings')).body;
    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t, '/dashboard');
      await page.locator('h1').first().click();
      await page.keyboard.press('g');
      await page.keyboard.press('s');
      await page.getByRole('heading', { name: 'Company', level: 1 }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/settings/company');
      const form = page.getByRole('form', { name: 'Company settings' });
      const threshold = form.getByLabel('Auto-apply at confidence (%)');
      assert.equal(await threshold.inputValue(), '90');
      const save = form.getByRole('button', { name: 'Save settings' });
      assert.equal(await save.isDisabled(), true, 'nothing changed yet');

      await threshold.fill('45');
      await form.getByLabel('Small balance write-off').fill('250.00');
      await save.click();
      await form
        .locator('.field.has-error')
        .filter({ hasText: '50' })
        .getByLabel('Auto-apply at confidence (%)')
        .waitFor();
      const untouched = await settings();
      assert.equal(untouched.cashapp_auto_threshold, 90);
      assert.equal(untouched.write_off_tolerance, '100.00', 'one bad field saves none');

      // A bad item of the bucket list: the message sits under the list, with no banner beside it.
      await threshold.fill('85');
      await form.getByLabel('Small balance write-off').fill('100.00');
      await form.getByLabel('Aging buckets (days past due)').fill('30, sixty, 90');
      await save.click();
      await form.locator('.field.has-error').getByLabel('Aging buckets (days past due)').waitFor();
      assert.equal(await page.locator('.banner.error').count(), 0);
      assert.equal((await settings()).cashapp_auto_threshold, 90);

      await form.getByLabel('Small balance write-off').fill('250.00');
      await form.getByLabel('Aging buckets (days past due)').fill('15, 30, 60, 90, 180');
      await save.click();
      await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      const after = await settings();
      assert.equal(after.cashapp_auto_threshold, 85);
      assert.equal(after.write_off_tolerance, '250.00');
      assert.deepEqual(after.aging_bounds, [15, 30, 60, 90, 180]);

      // Reloaded, the page shows what the server holds.
      await page.reload();
      await form.getByLabel('Auto-apply at confidence (%)').waitFor();
      assert.equal(await form.getByLabel('Auto-apply at confidence (%)').inputValue(), '85');
      assert.equal(
        await form.getByLabel('Aging buckets (days past due)').inputValue(),
        '15, 30, 60, 90, 180',
      );
      const audit = (await api(e2e, t, 'GET', '/audit?entity_type=tenant')).body;
      assert.ok(JSON.stringify(audit).includes('settings.update'), JSON.stringify(audit).slice(0, 400));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
