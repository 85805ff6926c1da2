import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PaymentBehaviour } from '@duely/contracts/kpis';
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

type Behaviour = z.output<typeof PaymentBehaviour>;

describe('customer payment behaviour', () => {
  test('paid-late and open-overdue invoices: the delay and rating the API gives, invoiced/paid bars with the delay line', async () => {
    const t = await newTenant(e2e);
    const c = await seedCustomer(e2e, t, { code: 'SLOW', name: 'Slow Pay Industries' });
    // Paid 45 days late, paid 6 days early, and one left open since 31 March.
    const late = await seedInvoice(e2e, t, c.id, '10000.00', '0', {
      issue_date: '2025-01-01',
      due_date: '2025-01-31',
    });
    await seedReceipt(e2e, t, {
      customer_id: c.id,
      receipt_date: '2025-03-17',
      amount: '10000.00',
      reference: 'UTRLATE',
      allocations: [{ invoice_id: late.id, amount: '10000.00' }],
    });
    await seedInvoice(e2e, t, c.id, '5000.00', '0', { issue_date: '2025-03-01', due_date: '2025-03-31' });
    const early = await seedInvoice(e2e, t, c.id, '8000.00', '0', {
      issue_date: '2025-05-01',
      due_date: '2025-05-31',
    });
    await seedReceipt(e2e, t, {
      customer_id: c.id,
      receipt_date: '2025-05-25',
      amount: '8000.00',
      reference: 'UTREARLY',
      allocations: [{ invoice_id: early.id, amount: '8000.00' }],
    });
    const get = async (asOf: string) =>
      (await api<Behaviour>(e2e, t, 'GET', `/customers/${c.id}/payment-behaviour?as_of=${asOf}`)).body;
    const june = await get('2025-06-30');
    const december = await get('2025-12-31');
    // The open invoice keeps ageing: by December it drags the rating down a grade.
    assert.ok(june.average_delay_days !== null && december.average_delay_days !== null);
    assert.equal(june.rating, 'B');
    assert.equal(december.rating, 'C');

    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t, `/customers/${c.id}`);
      await page.getByRole('heading', { name: 'Slow Pay Industries', level: 1 }).waitFor();
      await page.getByRole('tab', { name: 'Payment behaviour' }).click();
      await page.waitForURL((u) => u.searchParams.get('tab') === 'behaviour');
      const panel = page.getByTestId('payment-behaviour');
      await panel.getByLabel('As of').fill('2025-06-30');
      await page.waitForURL((u) => u.searchParams.get('as_of') === '2025-06-30');

      const delay = panel.getByTestId('average-delay');
      await delay.filter({ hasText: `${june.average_delay_days!.toFixed(1)} days` }).waitFor();
      const rating = panel.getByTestId('payment-rating');
      assert.equal(await rating.locator('.rating').textContent(), 'B');
      assert.match(
        (await rating.getByRole('img').getAttribute('aria-label')) ?? '',
        /^Rating B: pays 31–60 days late$/,
      );

      // Invoiced and paid bars (one per non-zero amount) and the delay line on its own axis.
      const chart = panel.getByTestId('behaviour-chart');
      const bars = june.months.reduce(
        (n, m) => n + (Number(m.invoiced) > 0 ? 1 : 0) + (Number(m.paid) > 0 ? 1 : 0),
        0,
      );
      assert.equal(bars, 5);
      await page.waitForFunction(
        (n) =>
          document.querySelectorAll('[data-testid="behaviour-chart"] .recharts-bar-rectangle path').length ===
          n,
        bars,
      );
      await chart.locator('.recharts-line-curve').waitFor();
      assert.equal(await chart.locator('.recharts-yAxis-tick-labels').count(), 2);
      assert.deepEqual(await chart.locator('.recharts-legend-item-text').allTextContents(), [
        'Invoiced',
        'Paid',
        'Average delay (days)',
      ]);
      const march = june.months.find((m) => m.month === '2025-03')!;
      const label =
        (await chart.getByRole('img', { name: /^Invoiced and paid/ }).getAttribute('aria-label')) ?? '';
      assert.ok(
        label.includes(
          `Mar 25: invoiced ${inr(march.invoiced)}, paid ${inr(march.paid)}, ${march.average_delay_days!.toFixed(1)} days late on average`,
        ),
        label,
      );
      assert.ok(
        label.includes('May 25: invoiced ₹8,000.00, paid ₹8,000.00, 6.0 days early on average'),
        label,
      );

      // Later, the open invoice has aged and the rating follows the API.
      await panel.getByLabel('As of').fill('2025-12-31');
      await delay.filter({ hasText: `${december.average_delay_days!.toFixed(1)} days` }).waitFor();
      await rating.locator('.rating').filter({ hasText: 'C' }).waitFor();

      // The tab and date survive a reload.
      await page.reload();
      await page.getByTestId('payment-rating').locator('.rating').filter({ hasText: 'C' }).waitFor();
      assert.equal(
        await page.getByRole('tab', { name: 'Payment behaviour' }).getAttribute('aria-selected'),
        'true',
      );
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
