import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CollectorPerformance } from '@duely/contracts/kpis';
import type { z } from 'zod';
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

type Performance = z.output<typeof CollectorPerformance>;

describe('collection targets', () => {
  test('set from the leaderboard with the keyboard: a bad amount is named on its row, a good one updates the rate', async () => {
    const t = await newTenant(e2e);
    const collector = async (name: string, email: string) => {
      const res = await api(e2e, t, 'POST', '/users', {
        email: `${email}@${t.slug}.test`,
        name,
        password: 'a long enough password',
        roles: ['collector'],
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body as { id: string };
    };
    const priya = await collector('Priya Shah', 'priya');
    const ravi = await collector('Ravi Kumar', 'ravi');
    const acme = await seedCustomer(e2e, t, { code: 'ACME', name: 'Acme Polymers', collector_id: priya.id });
    const inv = await seedInvoice(e2e, t, acme.id, '10000.00', '0', {
      issue_date: '2025-01-01',
      due_date: '2025-01-31',
    });
    await seedReceipt(e2e, t, {
      customer_id: acme.id,
      receipt_date: '2025-02-10',
      amount: '10000.00',
      reference: 'UTR0001',
      allocations: [{ invoice_id: inv.id, amount: '10000.00' }],
    });
    const february = async () =>
      (await api<Performance>(e2e, t, 'GET', '/collectors/performance?month=2025-02')).body.collectors;

    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t, '/dashboard?as_of=2025-02-28');
      const leaderboard = page.getByTestId('leaderboard');
      const priyaRow = leaderboard.getByTestId('leaderboard-row').filter({ hasText: 'Priya Shah' });
      await priyaRow.filter({ hasText: 'no target' }).waitFor();

      // Keyboard only: focus the button, Enter opens the dialog at the first amount.
      const open = leaderboard.getByRole('button', { name: 'Set targets' });
      await open.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Set collection targets' });
      await dialog.waitFor();
      assert.equal(await dialog.getByLabel('Month').inputValue(), '2025-02');
      assert.deepEqual(await dialog.getByTestId('target-row').locator('th').allTextContents(), [
        'Priya Shah',
        'Ravi Kumar',
      ]);
      const priyaInput = dialog.getByLabel('Target for Priya Shah');
      assert.equal(await priyaInput.evaluate((el) => el === document.activeElement), true);

      // Nothing typed: said so, nothing sent.
      await page.keyboard.press('Enter');
      await dialog.getByRole('alert').filter({ hasText: 'at least one collector' }).waitFor();

      // The server's 400 names targets.0.amount; it shows on Priya's row, not Ravi's.
      await page.keyboard.type('lots');
      await page.keyboard.press('Enter');
      const priyaError = dialog.getByTestId('target-row').nth(0).getByRole('alert');
      await priyaError.filter({ hasText: /decimal/ }).waitFor();
      assert.equal(await priyaInput.getAttribute('aria-invalid'), 'true');
      assert.equal(await dialog.getByTestId('target-row').nth(1).getByRole('alert').count(), 0);
      assert.equal((await february()).find((c) => c.collector_id === priya.id)?.target, null);

      // Indian grouping is fine; Enter saves, the dialog closes and focus goes back to the button.
      await priyaInput.fill('1,00,000');
      await priyaInput.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await priyaRow.filter({ hasText: '10.0 %' }).waitFor();
      const cells = await priyaRow.locator('td').allTextContents();
      assert.deepEqual(cells.slice(0, 3), [inr('100000.00'), inr('10000.00'), '10.0 %']);
      assert.equal(await open.evaluate((el) => el === document.activeElement), true);
      await page.waitForFunction(() =>
        /10 %/.test(document.querySelector('[data-testid="leaderboard-bars"]')?.textContent ?? ''),
      );
      const saved = await february();
      assert.equal(saved.find((c) => c.collector_id === priya.id)?.target, '100000.00');

      // Escape leaves without saving; the current target is shown for reference.
      await page.keyboard.press('Enter');
      await dialog.waitFor();
      assert.match((await dialog.getByTestId('target-row').nth(0).textContent()) ?? '', /₹1,00,000\.00/);
      await dialog.getByLabel('Target for Ravi Kumar').fill('50000');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      const after = await february();
      assert.equal(after.find((c) => c.collector_id === ravi.id)?.target ?? null, null);

      // Another month, chosen in the dialog.
      await open.click();
      await dialog.getByLabel('Month').fill('2025-03');
      await dialog.getByLabel('Target for Ravi Kumar').fill('75000.50');
      await dialog.getByRole('button', { name: 'Save targets' }).click();
      await dialog.waitFor({ state: 'detached' });
      const march = (await api<Performance>(e2e, t, 'GET', '/collectors/performance?month=2025-03')).body;
      assert.equal(march.collectors.find((c) => c.collector_id === ravi.id)?.target, '75000.50');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
