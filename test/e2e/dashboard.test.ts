import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CollectorPerformance, Dashboard } from '@duely/contracts/kpis';
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

type DashboardT = z.output<typeof Dashboard>;
type Performance = z.output<typeof CollectorPerformance>;

// A fixed date, so months, buckets and rates do not depend on when the test runs.
const AS_OF = '2025-02-28';

function month(i: number): string {
  const d = new Date(Date.UTC(2024, 2 + i, 1));
  return d.toISOString().slice(0, 7);
}

describe('dashboard', () => {
  test('landing page after login; cards equal the API, aging and KPI charts draw, collectors against target, top overdue', async () => {
    const t = await newTenant(e2e);
    const priya = await api(e2e, t, 'POST', '/users', {
      email: `priya@${t.slug}.test`,
      name: 'Priya Shah',
      password: 'a long enough password',
      roles: ['collector'],
    });
    assert.equal(priya.status, 201, JSON.stringify(priya.body));

    // Priya's customer: one invoice paid in February, one due on the 28th, one long overdue.
    const acme = await seedCustomer(e2e, t, {
      code: 'ACME',
      name: 'Acme Polymers',
      collector_id: priya.body.id,
    });
    const paid = await seedInvoice(e2e, t, acme.id, '10000.00', '0', {
      issue_date: '2025-01-01',
      due_date: '2025-01-31',
    });
    await seedInvoice(e2e, t, acme.id, '10000.00', '0', { issue_date: '2025-01-29', due_date: '2025-02-28' });
    await seedInvoice(e2e, t, acme.id, '5000.00', '0', { issue_date: '2024-10-01', due_date: '2024-10-31' });
    await seedReceipt(e2e, t, {
      customer_id: acme.id,
      receipt_date: '2025-02-10',
      amount: '10000.00',
      reference: 'UTR0001',
      allocations: [{ invoice_id: paid.id, amount: '10000.00' }],
    });

    // A year of history for an unassigned customer: billed on the 5th, last month's bill paid on the 20th.
    const jaipur = await seedCustomer(e2e, t, { code: 'JPR', name: 'Jaipur Blue Pottery' });
    let previous: { id: string } | null = null;
    for (let i = 0; i < 12; i++) {
      const m = month(i);
      const inv = await seedInvoice(e2e, t, jaipur.id, `${20000 + i * 1000}.00`, '0', {
        issue_date: `${m}-05`,
        due_date: `${month(i + 1)}-04`,
      });
      if (previous && i % 4 !== 3) {
        await seedReceipt(e2e, t, {
          customer_id: jaipur.id,
          receipt_date: `${m}-20`,
          amount: `${20000 + (i - 1) * 1000}.00`,
          reference: `UTR${m.replace('-', '')}`,
          allocations: [{ invoice_id: previous.id, amount: `${20000 + (i - 1) * 1000}.00` }],
        });
      }
      previous = inv;
    }
    // Money received and not yet applied.
    await seedReceipt(e2e, t, {
      customer_id: jaipur.id,
      receipt_date: '2025-02-25',
      amount: '2500.00',
      reference: 'UTRADVANCE',
    });

    const target = await api(e2e, t, 'POST', '/collection-targets', {
      targets: [{ collector_id: priya.body.id, month: '2025-02', amount: '100000.00' }],
    });
    assert.equal(target.status, 200, JSON.stringify(target.body));
    const board = (await api<DashboardT>(e2e, t, 'GET', `/dashboard?as_of=${AS_OF}`)).body;
    const january = (await api<Performance>(e2e, t, 'GET', '/collectors/performance?month=2025-01')).body;
    assert.equal(board.kpis.length, 12);
    assert.ok(board.top_overdue.length >= 2);

    const { page, context, errors } = await openPage(e2e);
    try {
      // Signing in lands on the dashboard, first in the navigation.
      await login(page, t, '/');
      await page.waitForURL('**/dashboard');
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
      assert.equal(await nav.first().getAttribute('aria-label'), 'Dashboard');
      assert.equal(await nav.first().getAttribute('aria-current'), 'page');

      await page.getByLabel('As of').fill(AS_OF);
      await page.waitForURL((u) => u.searchParams.get('as_of') === AS_OF);
      await page.getByText('Receivables as of 28 Feb 2025').waitFor();

      // The four cards, to the paisa.
      for (const [id, value] of [
        ['card-open', board.open_ar],
        ['card-overdue', board.overdue_ar],
        ['card-unapplied', board.unapplied_cash],
        ['card-disputed', board.disputed_ar],
      ] as const) {
        assert.match(
          (await page.getByTestId(id).textContent()) ?? '',
          new RegExp(inr(value).replace(/[.$]/g, '\\$&')),
          id,
        );
      }
      assert.notEqual(board.unapplied_cash, '0.00');

      // Aging: one SVG bar per non-empty bucket.
      const nonEmpty = board.aging.filter((b) => b.amount !== '0.00').length;
      assert.ok(nonEmpty >= 2);
      await page.waitForFunction(
        (n) =>
          document.querySelectorAll('[data-testid="aging-bars"] .recharts-bar-rectangle path').length === n,
        nonEmpty,
      );
      const agingLabel = (await page.getByTestId('aging-bars').getAttribute('aria-label')) ?? '';
      for (const b of board.aging) assert.ok(agingLabel.includes(`${b.label}: ${inr(b.amount)}`), b.label);

      // Trend: DSO, BPDSO and CEI as three lines over twelve months, CEI on a second (percent) axis.
      const trend = page.getByTestId('kpi-trend');
      await trend.locator('.recharts-line-curve').nth(2).waitFor();
      assert.equal(await trend.locator('.recharts-line-curve').count(), 3);
      const yTicks = trend.locator('.recharts-yAxis-tick-labels');
      assert.equal(await yTicks.count(), 2);
      assert.match((await yTicks.nth(1).textContent()) ?? '', /100%$/);
      assert.deepEqual(await trend.locator('.recharts-legend-item-text').allTextContents(), [
        'DSO (countback)',
        'Best possible DSO',
        'CEI',
      ]);
      const last = board.kpis.at(-1)!;
      assert.equal(last.month, '2025-02');
      assert.ok(last.cei !== null && last.dso_countback !== null);
      assert.match((await trend.textContent()) ?? '', new RegExp(`CEI ${last.cei.toFixed(1)} %`));

      // Leaderboard for February: Priya against her ₹1,00,000 target, drawn and tabled.
      const leaderboard = page.getByTestId('leaderboard');
      assert.equal(await leaderboard.getByLabel('Month', { exact: true }).inputValue(), '2025-02');
      const priyaRow = leaderboard.getByTestId('leaderboard-row').filter({ hasText: 'Priya Shah' });
      const cells = await priyaRow.locator('td').allTextContents();
      assert.deepEqual(cells.slice(0, 3), [inr('100000.00'), inr('10000.00'), '10.0 %']);
      await page.waitForFunction(
        () =>
          document.querySelectorAll('[data-testid="leaderboard-bars"] .recharts-bar-rectangle path').length >=
          2,
      );
      assert.match((await page.getByTestId('leaderboard-bars').textContent()) ?? '', /10 %/);

      // Another month comes from /collectors/performance: January has no target.
      await leaderboard.getByRole('button', { name: 'Previous month' }).click();
      await page.waitForURL((u) => u.searchParams.get('month') === '2025-01');
      const janPriya = january.collectors.find((c) => c.name === 'Priya Shah')!;
      await priyaRow.filter({ hasText: 'no target' }).waitFor();
      assert.equal(await priyaRow.locator('td').nth(1).textContent(), inr(janPriya.collected));
      await leaderboard.getByLabel('Month', { exact: true }).fill('2025-02');
      await priyaRow.filter({ hasText: '10.0 %' }).waitFor();

      // Most overdue customers, largest first; Enter on a row opens the customer.
      const top = page.getByTestId('top-overdue').locator('tbody tr');
      assert.equal(await top.count(), board.top_overdue.length);
      const firstTop = board.top_overdue[0]!;
      assert.match(
        (await top.first().textContent()) ?? '',
        new RegExp(`${firstTop.code}.*${inr(firstTop.overdue).replace(/[.$]/g, '\\$&')}`),
      );
      await top.first().focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: firstTop.name, level: 1 }).waitFor();
      assert.equal(new URL(page.url()).pathname, `/customers/${firstTop.customer_id}`);

      // g d comes back to the dashboard; g a goes to aging.
      await page.locator('h1').first().click();
      await page.keyboard.press('g');
      await page.keyboard.press('d');
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      // Let the page draw its figures first: a busy main thread can hold the second key past the
      // one second a g-sequence allows, as a person waiting for the page would not.
      await page.getByTestId('kpi-trend').locator('.recharts-line-curve').nth(2).waitFor({ state: 'attached' });
      await page.keyboard.press('g');
      await page.keyboard.press('a');
      await page.getByRole('heading', { name: 'Aging', level: 1 }).waitFor();

      // A saved link whose date is no date (30 February) opens today's figures, not an error;
      // picking today again keeps the date out of the URL.
      const today = (await api<DashboardT>(e2e, t, 'GET', '/dashboard')).body.as_of;
      await page.goto('/dashboard?as_of=2025-02-30');
      await page.getByTestId('card-open').waitFor();
      assert.equal(await page.getByLabel('As of').inputValue(), today);
      assert.equal(await page.getByRole('alert').count(), 0);
      await page.getByLabel('As of').fill(AS_OF);
      await page.waitForURL((u) => u.searchParams.get('as_of') === AS_OF);
      await page.getByLabel('As of').fill(today);
      await page.waitForURL((u) => !u.searchParams.has('as_of'));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
