import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AgingItemPage, AgingReport, ScheduleIIIReport } from '@duely/contracts/aging';
import type { z } from 'zod';
import { importFile } from '../../apps/server/src/modules/imports/imports.files.ts';
import { systemCtx } from '../../apps/server/src/platform/context.ts';
import { api, inr, login, newTenant, openPage, useE2E } from './harness.ts';

const e2e = useE2E();

type Report = z.output<typeof AgingReport>;
type Items = z.output<typeof AgingItemPage>;
type Schedule = z.output<typeof ScheduleIIIReport>;
const aging = async (t: Parameters<typeof api>[1], query: string) =>
  (await api<Report>(e2e, t, 'GET', `/aging?as_of=${AS_OF}&${query}`)).body;

const IBM = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/imports/ibm-ar/invoices.csv',
);
// The IBM file is the ledger as it stood on this day: 81 invoices of 47 customers still open.
const AS_OF = '2013-07-12';

describe('aging page', () => {
  test('IBM sample as of 2013-07-12: figures equal the API, basis and grouping switch, cells drill to documents, Schedule III, export links', async () => {
    const t = await newTenant(e2e);
    const imported = await importFile(e2e.database.db, systemCtx(t.id, 'cli'), {
      kind: 'invoices',
      source: { path: IBM, fileName: 'invoices.csv' },
      preset: 'ibm',
      dryRun: false,
    });
    assert.equal(imported.error_count, 0);
    const byCustomer = await aging(t, 'by=customer');
    const byDocument = await aging(t, 'by=customer&basis=document');
    const byRisk = await aging(t, 'by=segment&segment=risk&basis=document');
    const schedule = (await api<Schedule>(e2e, t, 'GET', `/aging/schedule-iii?as_of=${AS_OF}`)).body;
    assert.ok(byCustomer.rows.length > 10, 'enough customers for a top-10 chart');
    // Test the arithmetic of the fixture, not only the page: buckets differ between the two bases.
    assert.notDeepEqual(byCustomer.totals.buckets, byDocument.totals.buckets);

    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t, `/aging?as_of=${AS_OF}`);
      await page.getByRole('heading', { name: 'Aging', level: 1 }).waitFor();
      assert.equal(await page.getByLabel('As of').inputValue(), AS_OF);
      const table = page.getByTestId('aging-table');
      const totals = page.getByTestId('aging-totals');
      const cell = (row: ReturnType<typeof page.locator>, c: number) => row.locator(`[data-c="${c}"]`);
      await totals.waitFor();

      // Every bucket, the total and the net on the totals line are the API's figures, as ₹ with Indian grouping.
      const n = byCustomer.buckets.length;
      assert.deepEqual(await table.locator('thead th').allTextContents(), [
        'Customer',
        ...byCustomer.buckets.map((b) => b.label),
        'Total',
        'Credits',
        'Unapplied',
        'Net',
      ]);
      for (let i = 0; i < n; i++) {
        assert.equal(
          await cell(totals, i + 1).textContent(),
          inr(byCustomer.totals.buckets[i]!),
          `bucket ${i}`,
        );
      }
      assert.equal(await cell(totals, n + 1).textContent(), inr(byCustomer.totals.total));
      assert.equal(await cell(totals, n + 4).textContent(), inr(byCustomer.totals.net));
      assert.equal(await page.getByTestId('aging-row').count(), byCustomer.rows.length);
      const first = byCustomer.rows[0]!;
      assert.match(
        (await page.getByTestId('aging-row').first().textContent()) ?? '',
        new RegExp(first.label),
      );

      // The stacked chart: ten rows, one bar segment per non-zero bucket, drawn as SVG.
      const chart = page.getByTestId('aging-chart');
      await chart.locator('svg').first().waitFor();
      const expectedSegments = [...byCustomer.rows]
        .sort((a, b) => Number(b.total) - Number(a.total))
        .slice(0, 10)
        .reduce((sum: number, r) => sum + r.buckets.filter((b) => Number(b) > 0).length, 0);
      await page.waitForFunction(
        (count) =>
          document.querySelectorAll('[data-testid="aging-chart"] .recharts-bar-rectangle path').length ===
          count,
        expectedSegments,
      );

      // Age by document date instead of due date.
      await page.getByLabel('Age by').selectOption('document');
      await page.waitForURL((u) => u.searchParams.get('basis') === 'document');
      for (let i = 0; i < n; i++) {
        await cell(totals, i + 1)
          .filter({ hasText: inr(byDocument.totals.buckets[i]!) })
          .waitFor();
      }

      // Group by collector: nobody is assigned in the IBM file.
      await page.getByLabel('Group by').selectOption('collector');
      await table.locator('thead th').first().filter({ hasText: 'Collector' }).waitFor();
      await page.getByTestId('aging-row').filter({ hasText: 'Unassigned' }).waitFor();
      assert.equal(await page.getByTestId('aging-row').count(), 1);

      // Group by segment, then choose the risk class as the segment.
      await page.getByLabel('Group by').selectOption('segment');
      await page.getByLabel('Segment', { exact: true }).selectOption('risk');
      await page.waitForURL((u) => u.searchParams.get('segment') === 'risk');
      await page.getByTestId('aging-row').first().filter({ hasText: byRisk.rows[0]!.label }).waitFor();
      assert.deepEqual(
        await page.getByTestId('aging-row').locator('th').allTextContents(),
        byRisk.rows.map((r) => r.label),
      );
      for (let i = 0; i < n; i++) {
        assert.equal(await cell(totals, i + 1).textContent(), inr(byRisk.totals.buckets[i]!));
      }

      // Back to customers by due date; click a cell and see the documents behind it.
      await page.getByLabel('Group by').selectOption('customer');
      await page.getByLabel('Age by').selectOption('due');
      await page.waitForURL((u) => !u.searchParams.has('basis') && !u.searchParams.has('by'));
      await cell(totals, 1)
        .filter({ hasText: inr(byCustomer.totals.buckets[0]!) })
        .waitFor();
      const r = byCustomer.rows.findIndex((row) => row.buckets.filter((b) => b !== '0.00').length >= 2);
      assert.ok(r >= 0, 'a customer with money in two buckets');
      const row = byCustomer.rows[r]!;
      const b = row.buckets.findIndex((x) => x !== '0.00');
      const expected = (
        await api<Items>(
          e2e,
          t,
          'GET',
          `/aging/items?as_of=${AS_OF}&by=customer&key=${row.key}&bucket=${b}&type=debit`,
        )
      ).body.data;
      assert.ok(expected.length > 0);
      const rowCell = page
        .getByTestId('aging-row')
        .nth(r)
        .locator(`[data-c="${b + 1}"]`);
      assert.equal(await rowCell.textContent(), inr(row.buckets[b]!));
      await rowCell.click();
      const drill = page.getByTestId('drill-panel');
      await drill.getByRole('heading', { name: `${row.label}: ${byCustomer.buckets[b]!.label}` }).waitFor();
      await drill.getByTestId('drill-row').first().waitFor();
      assert.deepEqual(
        await drill.getByTestId('drill-row').locator('td:first-child a').allTextContents(),
        expected.map((i) => i.number),
      );
      const open = expected.reduce((sum: number, i) => sum + Math.round(Number(i.open) * 100), 0);
      assert.equal(open, Math.round(Number(row.buckets[b]) * 100), 'the documents add up to the cell');

      // Keyboard: Escape closes and returns to the cell; arrows move; Enter opens the next bucket.
      await page.keyboard.press('Escape');
      await drill.waitFor({ state: 'detached' });
      assert.equal(await rowCell.evaluate((el) => el === document.activeElement), true);
      const b2 = row.buckets.findIndex((x, i) => i > b && x !== '0.00');
      for (let i = b; i < b2; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      await drill.getByRole('heading', { name: `${row.label}: ${byCustomer.buckets[b2]!.label}` }).waitFor();
      await drill.getByTestId('drill-row').first().waitFor();
      await page.keyboard.press('Escape');
      await drill.waitFor({ state: 'detached' });

      // The grand total cell lists every open invoice, fifty at a time.
      await page.keyboard.press('Control+End');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      assert.equal(
        await cell(totals, n + 1).evaluate((el) => el === document.activeElement),
        true,
        'Ctrl+End then three left is the grand total',
      );
      await page.keyboard.press('Enter');
      await drill.getByRole('status').filter({ hasText: '50 shown' }).waitFor();
      await drill.getByRole('button', { name: 'Load more' }).click();
      await drill
        .getByRole('status')
        .filter({ hasText: `${byCustomer.totals.items} shown — end of list` })
        .waitFor();

      // A document opens its invoice page.
      const doc = drill.getByTestId('drill-row').first().locator('td:first-child a');
      const number = (await doc.textContent()) ?? '';
      await doc.click();
      await page.waitForURL('**/invoices/*');
      await page.getByRole('heading', { name: new RegExp(`Invoice ${number}`), level: 1 }).waitFor();
      await page.goBack();
      await totals.waitFor();

      // Export links carry the current parameters.
      await page.getByLabel('Age by').selectOption('document');
      await page.getByLabel('Group by').selectOption('segment');
      await page.getByLabel('Segment', { exact: true }).selectOption('region');
      await page.waitForURL((u) => u.searchParams.get('segment') === 'region');
      // The address bar changes before React renders the new links.
      await page.locator('[data-testid="export-csv"][href*="segment=region"]').waitFor();
      for (const format of ['xlsx', 'pdf', 'csv']) {
        const href =
          (await page.getByRole('link', { name: format.toUpperCase(), exact: true }).getAttribute('href')) ??
          '';
        const url = new URL(href, e2e.baseUrl);
        assert.equal(url.pathname, '/api/v1/reports/aging/export');
        assert.deepEqual(Object.fromEntries(url.searchParams), {
          as_of: AS_OF,
          basis: 'document',
          by: 'segment',
          segment: 'region',
          format,
        });
      }

      // Schedule III: four lines, the grand total equal to the API's.
      await page.getByRole('tab', { name: 'Schedule III' }).click();
      const s3 = page.getByTestId('schedule-iii');
      await s3.waitFor();
      assert.deepEqual(
        await s3.getByTestId('schedule-iii-row').locator('th').allTextContents(),
        schedule.rows.map((x) => x.label),
      );
      assert.deepEqual(await s3.locator('thead th').allTextContents(), [
        'Particulars',
        ...schedule.columns.map((c) => c.label),
        'Total',
      ]);
      assert.equal(
        await s3.getByTestId('schedule-iii-totals').locator('td').last().textContent(),
        inr(schedule.total),
      );
      const disputed = schedule.rows.find((x) => x.key === 'disputed_good')!;
      assert.equal(
        await s3.getByTestId('schedule-iii-row').nth(2).locator('td').last().textContent(),
        inr(disputed.total),
      );
      assert.equal(await page.getByTestId('missing-rates').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
