import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gstinCheckDigit } from '@duely/domain/gst';
import { createUser } from '../../apps/server/src/modules/identity/identity.service.ts';
import { systemCtx } from '../../apps/server/src/platform/context.ts';
import { api, inr, login, newTenant, openPage, seedCustomer, seedInvoice, useE2E } from './harness.ts';

const e2e = useE2E();

describe('customers list', () => {
  test('search, filters, load more, and the keyboard open a customer', async () => {
    const t = await newTenant(e2e);
    const collector = await createUser(e2e.database.db, systemCtx(t.id), {
      email: `priya@${t.slug}.test`,
      name: 'Priya Collector',
      password: 'long enough password',
      roles: ['collector'],
    });
    // 55 customers: more than one page of 50.
    for (let i = 1; i <= 55; i++) {
      const n = String(i).padStart(2, '0');
      await seedCustomer(e2e, t, {
        code: `CUST-${n}`,
        name: `Customer ${n} Traders`,
        city: i % 5 === 0 ? 'Visakhapatnam' : 'Ahmedabad',
        risk_class: i % 11 === 0 ? 'high' : 'medium',
        collector_id: i === 7 ? collector.id : null,
      });
    }
    const overdue = await seedCustomer(e2e, t, {
      code: 'ZZ-LATE',
      name: 'Late Payer Polymers',
      city: 'Jaipur',
    });
    await seedInvoice(e2e, t, overdue.id, '100000.00', '18', {
      issue_date: '2025-04-01',
      due_date: '2025-05-01',
    });

    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t);
      const rows = page.locator('table.grid tbody tr[data-row]');
      await page.getByRole('status').filter({ hasText: '50 shown' }).waitFor();
      assert.equal(await rows.count(), 50);
      await page.getByRole('button', { name: 'Load more' }).click();
      await page.getByRole('status').filter({ hasText: '56 shown — end of list' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);

      // "/" focuses the search box; typing filters after a short pause.
      await page.locator('h1').click();
      await page.keyboard.press('/');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'search');
      await page.keyboard.type('Visakha');
      await page.getByRole('status').filter({ hasText: '11 shown' }).waitFor();
      await page.waitForURL((u) => u.searchParams.get('q') === 'Visakha');

      await page.getByLabel('Search').fill('');
      await page.getByLabel('Risk').selectOption('high');
      await page.getByRole('status').filter({ hasText: '5 shown' }).waitFor();
      await page.getByLabel('Risk').selectOption('');

      await page.getByLabel('Collector').selectOption({ label: 'Priya Collector' });
      await page.getByRole('status').filter({ hasText: '1 shown' }).waitFor();
      assert.match((await rows.first().textContent()) ?? '', /Customer 07 Traders.*Priya Collector/);
      await page.getByLabel('Collector').selectOption('');

      await page.getByLabel('Overdue').selectOption('true');
      await page.getByRole('status').filter({ hasText: '1 shown' }).waitFor();
      const late = rows.first();
      assert.match((await late.textContent()) ?? '', /Late Payer Polymers/);
      assert.equal(await late.locator('td.num').nth(0).textContent(), inr('118000.00'));
      assert.equal(await late.locator('td.num').nth(1).textContent(), inr('118000.00'));

      // Arrow keys walk the rows; Enter opens one.
      await page.getByLabel('Overdue').selectOption('');
      await page.getByRole('status').filter({ hasText: '56 shown' }).waitFor();
      await page.getByLabel('Search').focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const focusedText = await page.evaluate(() => document.activeElement?.textContent ?? '');
      assert.match(focusedText, /CUST-03/);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Customer 03 Traders', level: 1 }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('customer page', () => {
  test('profile, credit gauge, contacts add/edit/delete with consent flags, open items and statement', async () => {
    const t = await newTenant(e2e);
    const gstin = `24AAPFU0939F1Z${gstinCheckDigit('24AAPFU0939F1Z')}`;
    const c = await seedCustomer(e2e, t, {
      code: 'ACME-AHD',
      name: 'Acme Polymers Pvt Ltd',
      gstin,
      credit_limit: '200000.00',
      contacts: [
        {
          name: 'Rakesh Shah',
          role: 'Accounts',
          email: 'rakesh@acme.example',
          phone: '+91 98250 12345',
          is_primary: true,
        },
      ],
    });
    const a = await seedInvoice(e2e, t, c.id, '100000.00', '18', {
      issue_date: '2025-04-10',
      due_date: '2025-05-10',
    });
    const b = await seedInvoice(e2e, t, c.id, '50000.00', '18', {
      issue_date: '2025-05-15',
      due_date: '2025-06-14',
    });

    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t, `/customers/${c.id}`);
      await page.getByRole('heading', { name: 'Acme Polymers Pvt Ltd', level: 1 }).waitFor();
      const profile = page.locator('dl.profile');
      assert.match(
        (await profile.textContent()) ?? '',
        new RegExp(`GSTIN${gstin}PANAAPFU0939FState24 · Gujarat`),
      );
      assert.match((await profile.textContent()) ?? '', /Credit limit₹2,00,000\.00/);
      // Balance 1,77,000 against a 2,00,000 limit: 88.5 % used, drawn as a chart with a text alternative.
      const gauge = page.getByTestId('credit-gauge');
      assert.match((await gauge.textContent()) ?? '', /88\.5 %/);
      assert.ok(await gauge.locator('svg').count(), 'recharts draws an svg');
      assert.match(
        (await gauge.getByRole('img').getAttribute('aria-label')) ?? '',
        /Balance ₹1,77,000\.00 of credit limit ₹2,00,000\.00/,
      );

      // Contacts: add one who must not be contacted, edit it, delete it.
      await page.getByRole('button', { name: 'Add contact' }).click();
      const form = page.getByRole('form', { name: 'New contact' });
      await form.getByLabel('Name').fill('Meena Iyer');
      await form.getByLabel('Email', { exact: true }).fill('not-an-email');
      await form.getByLabel('Do not contact').check();
      await form.getByRole('button', { name: 'Add contact' }).click();
      // The browser's own email check or the server's: either way nothing is saved yet.
      await form.getByLabel('Email', { exact: true }).fill('meena@acme.example');
      await form.getByRole('button', { name: 'Add contact' }).click();
      const meena = page.getByTestId('contact-row').filter({ hasText: 'Meena Iyer' });
      await meena.waitFor();
      assert.match((await meena.textContent()) ?? '', /Do not contact/);
      const rakesh = page.getByTestId('contact-row').filter({ hasText: 'Rakesh Shah' });
      assert.match((await rakesh.textContent()) ?? '', /Primary.*✓ Email.*✗ SMS/);

      await page.getByRole('button', { name: 'Edit Meena Iyer' }).click();
      const edit = page.getByRole('form', { name: 'Edit contact Meena Iyer' });
      await edit.getByRole('textbox', { name: 'Phone', exact: true }).fill('12');
      await edit.getByRole('button', { name: 'Save contact' }).click();
      await edit.locator('.field-error').filter({ hasText: 'phone number' }).waitFor();
      await edit.getByRole('textbox', { name: 'Phone', exact: true }).fill('+91 99090 11111');
      await edit.getByLabel('Do not contact').uncheck();
      await edit.getByLabel('SMS consent').check();
      await edit.getByRole('button', { name: 'Save contact' }).click();
      await meena.filter({ hasText: '+91 99090 11111' }).waitFor();
      assert.match((await meena.textContent()) ?? '', /✓ SMS/);

      await page.getByRole('button', { name: 'Delete Meena Iyer' }).click();
      await page.getByRole('button', { name: 'Confirm delete' }).click();
      await meena.waitFor({ state: 'detached' });
      const detail = await api(e2e, t, 'GET', `/customers/${c.id}`);
      assert.equal(detail.body.contacts.length, 1);

      // Open items: oldest first, coloured by age, with the total open.
      const open = page.getByTestId('open-items');
      await open.waitFor();
      const numbers = await open.locator('tbody tr td:first-child').allTextContents();
      assert.deepEqual(new Set(numbers), new Set([a.number, b.number]));
      assert.ok(
        await open.locator('tbody tr.age-90plus').count(),
        'invoices months past due are in the 90+ colour',
      );
      assert.equal(await open.locator('tfoot td.num').textContent(), inr('177000.00'));

      // Statement: defaults to the current Indian financial year; a wider range shows the history.
      await page.getByRole('tab', { name: 'Statement' }).click();
      const from = page.getByLabel('From', { exact: true });
      assert.match(await from.inputValue(), /^\d{4}-04-01$/);
      assert.match(await page.getByLabel('To', { exact: true }).inputValue(), /^\d{4}-03-31$/);
      await from.fill('2025-04-01');
      await page.getByLabel('To', { exact: true }).fill('2025-05-31');
      await page.getByRole('button', { name: 'Show' }).click();
      const statement = page.getByTestId('statement');
      await statement.locator('caption').filter({ hasText: '01 Apr 2025 to 31 May 2025' }).waitFor();
      assert.equal(
        await statement.getByTestId('opening-balance').locator('td.num').textContent(),
        inr('0.00'),
      );
      assert.equal(await statement.getByTestId('statement-line').count(), 2);
      assert.equal(
        await statement.getByTestId('closing-balance').locator('td.num').textContent(),
        inr('177000.00'),
      );

      await page.getByRole('tab', { name: 'Receipts' }).click();
      await page.getByText('No receipts from this customer yet.').waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
