import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import type { Download } from 'playwright-core';
import { login, newTenant, openPage, seedCustomer, seedInvoice, seedReceipt, useE2E } from './harness.ts';

const e2e = useE2E();

async function downloaded(download: Download) {
  const file = await download.path();
  return { name: download.suggestedFilename(), body: fs.readFileSync(file!) };
}

describe('report downloads', () => {
  test('daily report, monthly pack and a statement download from the pages with the figures in them', async () => {
    const t = await newTenant(e2e);
    const customer = await seedCustomer(e2e, t, { code: 'ASHA', name: 'Asha Textiles' });
    const invoice = await seedInvoice(e2e, t, customer.id, '10000.00', '18', { issue_date: '2025-06-01', due_date: '2025-07-01' });
    const receipt = await seedReceipt(e2e, t, {
      customer_id: customer.id,
      receipt_date: '2025-06-16',
      amount: '5000.00',
      reference: 'UTR202506160001',
      allocations: [{ invoice_id: invoice.id, amount: '5000.00' }],
    });
    const { page, errors } = await openPage(e2e);
    await login(page, t, '/dashboard?as_of=2025-06-16');
    await page.getByTestId('report-downloads').waitFor();

    const [daily] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-daily-csv').click()]);
    const dailyFile = await downloaded(daily);
    assert.equal(dailyFile.name, 'daily-collections-2025-06-16.csv');
    const dailyText = dailyFile.body.toString('utf8');
    assert.ok(dailyText.includes(receipt.number), 'the day’s receipt is listed');
    assert.ok(dailyText.includes('UTR202506160001'));
    assert.ok(dailyText.includes('5000.00'));

    const [monthly] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-monthly-pdf').click()]);
    const monthlyFile = await downloaded(monthly);
    assert.equal(monthlyFile.name, 'monthly-pack-2025-06.pdf');
    assert.equal(monthlyFile.body.subarray(0, 5).toString(), '%PDF-');

    await page.goto(`/customers/${customer.id}`);
    await page.getByRole('tab', { name: /Statement/ }).click();
    await page.getByLabel('From', { exact: true }).fill('2025-06-01');
    await page.getByLabel('To', { exact: true }).fill('2025-06-30');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByTestId('statement').waitFor();
    const [statement] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statement-export-csv').click()]);
    const statementFile = await downloaded(statement);
    assert.equal(statementFile.name, 'statement-ASHA-2025-06-01-to-2025-06-30.csv');
    const text = statementFile.body.toString('utf8');
    assert.ok(text.includes(invoice.number) && text.includes(receipt.number), text.slice(0, 400));
    assert.ok(text.includes('6800.00'), 'closing balance: 11,800 invoiced less 5,000 received');
    assert.deepEqual(errors, []);
  });
});
