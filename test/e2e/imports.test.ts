import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gstinCheckDigit } from '@duely/domain/gst';
import { api, login, newTenant, openPage, useE2E } from './harness.ts';

const e2e = useE2E();

const good = `24AAPFU0939F1Z${gstinCheckDigit('24AAPFU0939F1Z')}`;
const header = 'Party Code,Party Name,GSTIN,City,Credit Limit,Risk,Cust Segment';
const rows = [
  `AHD-001,Acme Polymers Pvt Ltd,${good},Ahmedabad,"5,00,000.00",low,b2b`,
  'JPR-002,Jaipur Blue Pottery,,Jaipur,150000,medium,b2b',
  'VZG-003,Vizag Marine Foods,,Visakhapatnam,,high,b2c',
];
const badFile = [
  header,
  rows[0],
  'JPR-002,Jaipur Blue Pottery,24AAPFU0939F1ZX,Jaipur,150000,medium,b2b',
  rows[2],
].join('\n');
const goodFile = [header, ...rows].join('\n');

describe('imports page', () => {
  test('customers: drop a file, map a column, dry run shows bad rows, the fixed file imports with progress and counts', async () => {
    const t = await newTenant(e2e);
    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t, '/imports');
      await page.getByLabel('Import', { exact: true }).selectOption('customers');

      // Drag and drop, as a person would from the file manager.
      const dataTransfer = await page.evaluateHandle((text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], 'customers.csv', { type: 'text/csv' }));
        return dt;
      }, badFile);
      await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
      await page.getByTestId('chosen-file').filter({ hasText: 'customers.csv' }).waitFor();

      const sample = page.getByTestId('sample-rows');
      await sample.waitFor();
      assert.deepEqual(await sample.locator('thead th').allTextContents(), header.split(','));
      assert.match((await sample.locator('tbody tr').first().textContent()) ?? '', /AHD-001Acme Polymers/);

      // Suggested from the headers; "Cust Segment" is not a known synonym, so map it by hand.
      assert.equal(await page.locator('#map-code').inputValue(), 'Party Code');
      assert.equal(await page.locator('#map-name').inputValue(), 'Party Name');
      assert.equal(await page.locator('#map-gstin').inputValue(), 'GSTIN');
      await page.locator('#map-kind').selectOption('Cust Segment');

      await page.getByRole('button', { name: 'Dry run' }).click();
      const dry = page.getByTestId('dry-run-report');
      await dry.getByTestId('count-errors').waitFor();
      assert.equal(await dry.getByTestId('count-errors').textContent(), '1');
      const problem = dry.getByTestId('error-report').locator('tbody tr');
      assert.equal(await problem.count(), 1);
      assert.match((await problem.textContent()) ?? '', /^3GSTIN.*24AAPFU0939F1ZX$/);
      assert.equal((await api(e2e, t, 'GET', '/customers')).body.data.length, 0, 'a dry run writes nothing');

      // The corrected file: dry run clean, then import for real and save the mapping.
      await page
        .getByLabel('File to import')
        .setInputFiles({ name: 'customers-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(goodFile) });
      await page.getByTestId('chosen-file').filter({ hasText: 'customers-fixed.csv' }).waitFor();
      await page.locator('#map-kind').selectOption('Cust Segment');
      await page.getByRole('button', { name: 'Dry run' }).click();
      await page.getByTestId('dry-run-report').getByTestId('count-errors').filter({ hasText: '0' }).waitFor();
      assert.equal(await page.getByTestId('dry-run-report').getByTestId('count-inserted').textContent(), '3');

      await page.getByLabel('Save this mapping as a preset named').fill('branch-ahd');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const report = page.getByTestId('import-report');
      await report.getByTestId('count-inserted').waitFor();
      assert.ok(await report.locator('progress').count(), 'a progress bar while it runs');
      assert.equal(await report.getByTestId('count-inserted').textContent(), '3');
      assert.equal(await report.getByTestId('count-duplicates').textContent(), '0');
      assert.equal(await report.getByTestId('count-errors').textContent(), '0');

      const list = await api(e2e, t, 'GET', '/customers?q=VZG-003');
      assert.equal(list.body.data[0].kind, 'b2c');
      assert.equal((await api(e2e, t, 'GET', '/customers?q=AHD-001')).body.data[0].credit_limit, '500000.00');

      // The saved mapping is offered next time; the same file again only finds duplicates.
      await page.reload();
      await page.getByLabel('Import', { exact: true }).selectOption('customers');
      await page
        .getByLabel('File to import')
        .setInputFiles({ name: 'again.csv', mimeType: 'text/csv', buffer: Buffer.from(goodFile) });
      await page.getByTestId('sample-rows').waitFor();
      await page.getByLabel('Preset', { exact: true }).selectOption('branch-ahd');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page
        .getByTestId('import-report')
        .getByTestId('count-duplicates')
        .filter({ hasText: '3' })
        .waitFor();
      assert.equal(await page.getByTestId('import-report').getByTestId('count-inserted').textContent(), '0');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('invoices: a built-in preset recognises the IBM sample; settled invoices come with their receipts', async () => {
    const t = await newTenant(e2e);
    const fixture = path.resolve(
      path.dirname(fileURLToPath(import.meta.url)),
      '../fixtures/imports/ibm-ar/invoices.csv',
    );
    // The header and the first 12 invoices: enough to exercise the preset, quick to import.
    const lines = fs.readFileSync(fixture, 'utf8').split(/\r?\n/).slice(0, 13);
    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t, '/imports');
      await page
        .getByLabel('File to import')
        .setInputFiles({
          name: 'ibm.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(`${lines.join('\n')}\n`),
        });
      await page.getByTestId('sample-rows').waitFor();
      assert.equal(
        await page.getByLabel('Preset', { exact: true }).inputValue(),
        'ibm',
        'the preset is picked from the headers',
      );
      assert.equal(await page.getByTestId('mapping').count(), 0, 'a preset needs no mapping');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const report = page.getByTestId('import-report');
      await report.getByTestId('count-inserted').filter({ hasText: '12' }).waitFor();
      assert.match((await report.textContent()) ?? '', /New customers\d+/);
      const imported = await api(e2e, t, 'GET', '/invoices?limit=100');
      assert.equal(imported.body.data.length, 12);
      await page.getByRole('heading', { name: 'Recent imports' }).waitFor();
      assert.match(
        (await page
          .getByRole('region', { name: 'Recent imports' })
          .or(page.locator('section[aria-labelledby=recent-title]'))
          .first()
          .textContent()) ?? '',
        /ibm\.csv/,
      );
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
