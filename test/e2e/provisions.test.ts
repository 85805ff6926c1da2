import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ProvisionHistory, ProvisionReport } from '@duely/contracts/provisions';
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
  type TestTenant,
  useE2E,
} from './harness.ts';

const e2e = useE2E();

type Report = z.output<typeof ProvisionReport>;
type History = z.output<typeof ProvisionHistory>;

const AS_OF = '2025-12-31';

/** As the page prints a loss rate: two decimals, a space, the sign. */
const pct = (n: number | string) =>
  `${Number(n).toLocaleString('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 4 })} %`;

/**
 * The provisions module's own worked example: a lakh billed in January 2023, paid at due, 15,
 * 45 and 75 days late, 2,000 never; on 31 Dec 2025 the open book is 3 lakh current down to 5,000
 * over 90 days. Alone, the matrix comes to 27,567.39.
 */
async function seedHistory(t: TestTenant) {
  const c = await seedCustomer(e2e, t, { code: 'NAVKAR', name: 'Navkar Plastics' });
  const history: [string, string | null][] = [
    ['50000.00', '2023-01-31'],
    ['27000.00', '2023-02-15'],
    ['15000.00', '2023-03-17'],
    ['6000.00', '2023-04-16'],
    ['2000.00', null],
  ];
  for (const [i, [amount, paidOn]] of history.entries()) {
    const inv = await seedInvoice(e2e, t, c.id, amount, '0', {
      issue_date: '2023-01-01',
      due_date: '2023-01-31',
    });
    if (paidOn) {
      await seedReceipt(e2e, t, {
        customer_id: c.id,
        receipt_date: paidOn,
        amount,
        reference: `UTRHIST${i}`,
        allocations: [{ invoice_id: inv.id, amount }],
      });
    }
  }
  const open: [string, string][] = [
    ['300000.00', '2026-01-15'],
    ['140000.00', '2025-12-15'],
    ['60000.00', '2025-11-15'],
    ['23000.00', '2025-10-15'],
    ['3000.00', '2025-08-01'],
  ];
  for (const [amount, due] of open) {
    await seedInvoice(e2e, t, c.id, amount, '0', { issue_date: '2025-07-01', due_date: due });
  }
}

describe('provisions page', () => {
  test('matrix, charts, movement and entry equal the API; override with a reason and remove it; a specific provision through the customer picker', async () => {
    const t = await newTenant(e2e);
    await seedHistory(t);
    const doubtful = await seedCustomer(e2e, t, { code: 'DBT', name: 'Doubtful Traders', kind: 'b2c' });
    await seedInvoice(e2e, t, doubtful.id, '10000.00', '0', {
      issue_date: '2025-06-01',
      due_date: '2025-07-01',
    });
    const report = async (segment = 'none') =>
      (await api<Report>(e2e, t, 'GET', `/provisions?as_of=${AS_OF}&segment=${segment}`)).body;
    const before = await report();
    const history = (await api<History>(e2e, t, 'GET', `/provisions/history?as_of=${AS_OF}&months=12`)).body;
    assert.equal(before.segments.length, 1);
    const all = before.segments[0]!;
    assert.deepEqual(
      all.rates.map((r) => r.computed_percent),
      [2, 4, 8.7, 25, 100],
    );

    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t, '/dashboard');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Provisions' }).click();
      await page.getByRole('heading', { name: 'Provisions', level: 1 }).waitFor();
      await page.getByLabel('As of').fill(AS_OF);
      await page.waitForURL((u) => u.searchParams.get('as_of') === AS_OF);
      const total = page.getByTestId('card-total');
      await total.filter({ hasText: inr(before.total_provision) }).waitFor();
      assert.match(
        (await page.getByTestId('card-matrix').textContent()) ?? '',
        new RegExp(inr(before.matrix_provision).replace(/[.$]/g, '\\$&')),
      );

      // The matrix: one row per bucket, each figure the API's.
      const matrix = page.getByTestId('loss-matrix');
      const rows = matrix.getByTestId('matrix-row');
      assert.equal(await rows.count(), before.buckets.length);
      assert.deepEqual(
        await rows.locator('th').allTextContents(),
        before.buckets.map((b) => b.label),
      );
      for (const [i, rate] of all.rates.entries()) {
        const row = rows.nth(i);
        const cells = await row.locator('td').allTextContents();
        assert.deepEqual(
          cells.slice(0, 3),
          [inr(rate.reached), inr(rate.lost), pct(rate.computed_percent)],
          `bucket ${i}`,
        );
        assert.equal(await row.getByTestId('applied').textContent(), pct(rate.applied_percent));
        assert.equal(cells[5], inr(all.balances[i]!));
        assert.equal(await row.getByTestId('provision').textContent(), inr(all.provisions[i]!));
      }
      assert.equal(await matrix.getByTestId('segment-provision').textContent(), inr(all.total_provision));
      assert.match(
        (await page.getByTestId('history-window').textContent()) ?? '',
        /issued 30 Nov 2022 to 30 Nov 2024; an amount still open 365 days/,
      );

      // Bars: one per bucket with a provision. History: a line over twelve month ends.
      const withProvision = all.provisions.filter((p) => p !== '0.00').length;
      await page.waitForFunction(
        (n) =>
          document.querySelectorAll('[data-testid="provision-bars"] .recharts-bar-rectangle path').length ===
          n,
        withProvision,
      );
      const bars = (await page.getByTestId('provision-bars').getAttribute('aria-label')) ?? '';
      for (const [i, b] of before.buckets.entries())
        assert.ok(bars.includes(`${b.label}: ${inr(all.provisions[i]!)}`), b.label);
      const trend = page.getByTestId('provision-history');
      await trend.locator('.recharts-line-curve').waitFor();
      assert.equal(history.months.length, 12);
      assert.equal(await trend.locator('.recharts-line-dots circle').count(), 12);
      assert.match(
        (await trend.textContent()) ?? '',
        new RegExp(`At Dec 25: ${inr(history.months.at(-1)!.provision).replace(/[.$]/g, '\\$&')}`),
      );

      // Movement against 30 November and the entry that books it.
      const movement = page.getByTestId('movement');
      assert.match((await movement.textContent()) ?? '', /Movement since 30 Nov 2025/);
      assert.equal(await movement.getByTestId('movement-charge').textContent(), inr(before.movement.charge));
      assert.equal(
        await movement.getByTestId('movement-release').textContent(),
        inr(before.movement.release),
      );
      const entry = page.getByTestId('proposed-entry').getByTestId('entry-line');
      assert.equal(await entry.count(), before.proposed_entry.length);
      for (const [i, line] of before.proposed_entry.entries()) {
        const [debit, credit] = await entry.nth(i).locator('td').allTextContents();
        assert.match((await entry.nth(i).locator('th').textContent()) ?? '', new RegExp(line.account));
        assert.equal(debit, line.debit === '0.00' ? '' : inr(line.debit));
        assert.equal(credit, line.credit === '0.00' ? '' : inr(line.credit));
      }

      // Override 90+ : the reason is required, over 100 % is refused by the server, 50 % with a reason applies.
      const lastLabel = before.buckets.at(-1)!.label;
      const overrideButton = matrix.getByRole('button', { name: `Override ${lastLabel}` });
      await overrideButton.click();
      const dialog = page.getByRole('dialog', { name: `Override loss rate: ${lastLabel}` });
      await dialog.waitFor();
      const percent = dialog.getByLabel('Loss rate (%)');
      assert.equal(await percent.evaluate((el) => el === document.activeElement), true);
      assert.equal(await dialog.getByLabel('In force from').inputValue(), AS_OF);
      await percent.fill('150');
      await dialog.getByRole('button', { name: 'Save override' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'Say why' }).waitFor();
      await dialog.getByLabel('Reason').fill('Customer in insolvency talks; half expected back');
      await dialog.getByRole('button', { name: 'Save override' }).click();
      await dialog
        .locator('.field.has-error')
        .filter({ hasText: 'must be between 0 and 100' })
        .getByLabel('Loss rate (%)')
        .waitFor();
      assert.equal((await report()).total_provision, before.total_provision, 'nothing saved');
      await percent.fill('50');
      await percent.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      const last = rows.last();
      await last.getByTestId('applied').filter({ hasText: '50.00 %' }).waitFor();
      assert.match(
        (await last.getByTestId('override').textContent()) ?? '',
        /50\.00 %Customer in insolvency talks; half expected back/,
      );
      assert.match((await last.getByTestId('override').textContent()) ?? '', /since 31 Dec 2025/);
      const overridden = await report();
      assert.equal(overridden.segments[0]!.rates.at(-1)!.applied_percent, 50);
      assert.equal(overridden.segments[0]!.rates.at(-1)!.override_from, AS_OF);
      assert.ok(Number(overridden.total_provision) < Number(before.total_provision));
      await total.filter({ hasText: inr(overridden.total_provision) }).waitFor();
      // In force from 31 December, it leaves 30 November as it was: the movement shows it.
      assert.equal(overridden.movement.previous_provision, before.movement.previous_provision);
      assert.notEqual(overridden.movement.charge, before.movement.charge);
      const overriddenMovement = page.getByTestId('movement');
      const moved = overridden.movement.charge !== '0.00' ? 'movement-charge' : 'movement-release';
      const movedBy = moved === 'movement-charge' ? overridden.movement.charge : overridden.movement.release;
      await overriddenMovement.getByTestId(moved).filter({ hasText: inr(movedBy) }).waitFor();
      assert.equal(
        await matrix
          .getByRole('button', { name: `Change override ${lastLabel}` })
          .evaluate((el) => el === document.activeElement),
        true,
        'focus returns to the row',
      );

      // Remove it: back to the computed rate.
      await matrix.getByRole('button', { name: `Remove override ${lastLabel}` }).click();
      await total.filter({ hasText: inr(before.total_provision) }).waitFor();
      assert.equal(await last.getByTestId('override').textContent(), '—');
      assert.equal((await report()).segments[0]!.rates.at(-1)!.override_percent, null);

      // A specific provision for Doubtful Traders, picked by typing its name.
      const specific = page.getByTestId('specific-provisions');
      await specific.getByText('No customer is provided for on its own').waitFor();
      await specific.getByRole('button', { name: 'Add specific provision' }).click();
      const sp = page.getByRole('dialog', { name: 'Specific provision' });
      await sp.waitFor();
      await sp.getByRole('combobox', { name: 'Customer' }).fill('Doubtful');
      await sp.getByRole('option', { name: /Doubtful Traders/ }).waitFor();
      await page.keyboard.press('Enter');
      await sp.getByTestId('picked-customer').filter({ hasText: 'Doubtful Traders' }).waitFor();
      assert.equal(await sp.getByLabel('Effective from').inputValue(), AS_OF);
      await sp.getByLabel('Provision (% of balance)').fill('100');
      await sp.getByLabel('Reason').fill('Cheques bounced, NCLT filing');
      await sp.getByLabel('Effective from').fill('2025-12-01');
      await sp.getByRole('button', { name: 'Save provision' }).click();
      await sp.waitFor({ state: 'detached' });
      const withSpecific = await report();
      assert.equal(withSpecific.specific.length, 1);
      const row = specific.getByTestId('specific-row');
      await row.waitFor();
      const s = withSpecific.specific[0]!;
      assert.deepEqual(await row.locator('td').allTextContents(), [
        pct(s.percent),
        'Cheques bounced, NCLT filing',
        '01 Dec 2025',
        inr(s.balance),
        inr(s.provision),
        'Change…',
      ]);
      assert.equal(s.provision, '10000.00');
      // Out of the matrix, what is left is the worked example exactly.
      assert.equal(withSpecific.matrix_provision, '27567.39');
      await total.filter({ hasText: inr(withSpecific.total_provision) }).waitFor();
      assert.equal(await page.getByTestId('card-specific').locator('.money').textContent(), inr('10000.00'));

      // Split by kind: one matrix per segment, as the API has them.
      const byKind = await report('kind');
      assert.ok(byKind.segments.length >= 1);
      await page.getByLabel('Split by').selectOption('kind');
      await page.waitForURL((u) => u.searchParams.get('segment') === 'kind');
      await page.getByRole('heading', { name: `Loss rates: ${byKind.segments[0]!.label}` }).waitFor();
      assert.equal(await page.getByTestId('loss-matrix').count(), byKind.segments.length);
      for (const [i, seg] of byKind.segments.entries()) {
        assert.equal(
          await page.getByTestId('loss-matrix').nth(i).getByTestId('segment-provision').textContent(),
          inr(seg.total_provision),
        );
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
