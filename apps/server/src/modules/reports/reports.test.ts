import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatMoney, parseAmount } from '@duely/domain';
import { systemCtx } from '../../platform/context.ts';
import { call, createTestTenant, useHarness } from '../../testing/harness.ts';
import { importFile } from '../imports/imports.files.ts';

const h = useHarness();
const IBM = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../test/fixtures/imports/ibm-ar/invoices.csv');

const officeTools = ['soffice', 'pdftotext'].every((name) => (process.env.PATH ?? '').split(':').some((dir) => dir && fs.existsSync(path.join(dir, name))));
// CI installs LibreOffice and poppler and requires them; a machine without them skips with the reason.
const skip = officeTools || process.env.DUELY_REQUIRE_OFFICE_TOOLS === '1' ? false : 'needs soffice and pdftotext (libreoffice-calc-nogui, poppler-utils)';

describe('report exports', { skip }, () => {
  test('aging export: CSV, XLSX and PDF carry the same figures as the aging API', async () => {
    const t = await createTestTenant(h.database);
    await importFile(h.database.db, systemCtx(t.id, 'cli'), { kind: 'invoices', source: { path: IBM, fileName: 'invoices.csv' }, preset: 'ibm', dryRun: false });
    const query = 'as_of=2012-07-12&by=customer';
    const api = (await call(h.app, t.token, 'GET', `/aging?${query}`)).body;
    const total = api.totals.total as string;

    const csv = await h.app.inject({ method: 'GET', url: `/api/v1/reports/aging/export?${query}&format=csv`, headers: { authorization: `Bearer ${t.token}` } });
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="aging-2012-07-12\.csv"/);
    const totalLine = csv.body.split(/\r?\n/).find((l) => l.startsWith(',Total,') || l.startsWith('"",Total') || /^,?"?Total"?,/.test(l));
    assert.ok(totalLine, csv.body.slice(0, 500));
    assert.ok(totalLine!.includes(total), `${totalLine} should carry ${total}`);

    const pdf = await h.app.inject({ method: 'GET', url: `/api/v1/reports/aging/export?${query}&format=pdf`, headers: { authorization: `Bearer ${t.token}` } });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duely-report-'));
    try {
      fs.writeFileSync(path.join(dir, 'aging.pdf'), pdf.rawPayload);
      const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'aging.pdf'), '-'], { encoding: 'utf8' });
      assert.ok(text.includes(formatMoney(parseAmount(total, api.base_currency), api.base_currency)), 'the PDF shows the total as ₹…');
      assert.match(text, /Schedule III/);

      const xlsx = await h.app.inject({ method: 'GET', url: `/api/v1/reports/aging/export?${query}&format=xlsx`, headers: { authorization: `Bearer ${t.token}` } });
      assert.equal(xlsx.statusCode, 200);
      fs.writeFileSync(path.join(dir, 'aging.xlsx'), xlsx.rawPayload);
      // Every sheet, each cell as shown: LibreOffice writes aging-<Sheet>.csv per sheet.
      const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';
      execFileSync('soffice', ['--headless', '--convert-to', filter, '--outdir', dir, path.join(dir, 'aging.xlsx')], { stdio: 'ignore', timeout: 120_000 });
      const sheet = fs.readFileSync(path.join(dir, 'aging-Aging.csv'), 'utf8');
      assert.ok(sheet.includes(formatMoney(parseAmount(total, api.base_currency), api.base_currency)), 'LibreOffice shows the same total');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    const bad = await call(h.app, t.token, 'GET', `/reports/aging/export?${query}&format=docx`);
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body.error), /format/);
  });
});
