import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createUser } from '../../apps/server/src/modules/identity/identity.service.ts';
import { systemCtx } from '../../apps/server/src/platform/context.ts';
import { login, newTenant, openPage, useE2E } from './harness.ts';

const e2e = useE2E();

describe('login page', () => {
  test('wrong password is refused; the right one opens the shell; sign out returns to login', async () => {
    const t = await newTenant(e2e);
    const { page, context, errors } = await openPage(e2e);
    try {
      await page.goto('/');
      await page.waitForURL('**/login');
      await page.getByLabel('Email').fill(t.adminEmail);
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();
      assert.equal(
        await page.getByLabel('Company').count(),
        0,
        'company field only when the email is in several companies',
      );

      await page.getByLabel('Password').fill(t.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('company-name').waitFor();
      assert.equal(await page.getByTestId('company-name').textContent(), `Test ${t.slug}`);
      await page.waitForURL('**/dashboard');
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();

      // The session survives a reload (cookie), and sign out ends it.
      await page.reload();
      await page.getByTestId('company-name').waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/login');
      await page.goto('/customers');
      await page.waitForURL('**/login');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('an email in two companies is asked which company, then signed in to that one', async () => {
    const first = await newTenant(e2e);
    const second = await newTenant(e2e);
    await createUser(e2e.database.db, systemCtx(second.id), {
      email: first.adminEmail,
      name: 'Same Person',
      password: first.password,
      roles: ['collector'],
    });
    const { page, context } = await openPage(e2e);
    try {
      await page.goto('/login');
      await page.getByLabel('Email').fill(first.adminEmail);
      await page.getByLabel('Password').fill(first.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const company = page.getByLabel('Company');
      await company.waitFor();
      await company.selectOption(second.slug);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('company-name').waitFor();
      assert.equal(await page.getByTestId('company-name').textContent(), `Test ${second.slug}`);
      assert.equal(await page.locator('.topbar .user').textContent(), 'Same Person');
    } finally {
      await context.close();
    }
  });

  test('a deep link survives the trip through the login page', async () => {
    const t = await newTenant(e2e);
    const { page, context } = await openPage(e2e);
    try {
      await login(page, t, '/invoices?status=overdue');
      await page.waitForURL(
        (url) => url.pathname === '/invoices' && url.searchParams.get('status') === 'overdue',
      );
      await page.getByRole('heading', { name: 'Invoices', level: 1 }).waitFor();
      assert.equal(await page.getByLabel('Status').inputValue(), 'overdue');
    } finally {
      await context.close();
    }
  });
});
