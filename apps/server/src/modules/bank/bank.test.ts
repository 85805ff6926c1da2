import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { type ApiResponse, call, createTestTenant, useHarness } from '../../testing/harness.ts';
import { upload } from '../../testing/upload.ts';

const h = useHarness();
const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../packages/domain/src/statements/fixtures');

describe('statement files through the API', () => {
  test('an HDFC export as CSV and the same rows as XLSX: one set of lines, the second upload recognised', async () => {
    const t = await createTestTenant(h.database);
    const account = await call(h.app, t.token, 'POST', '/bank-accounts', { name: 'HDFC current', account_number: '50200012345678', currency: 'INR' });
    assert.equal(account.status, 201, JSON.stringify(account.body));
    const csv = fs.readFileSync(path.join(fixtures, 'bank-csv/hdfc.csv'));
    const first = await upload(h.app, t.token, '/bank-statements', { name: 'hdfc.csv', content: csv });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.statements[0].format, 'bank-csv');
    assert.equal(first.body.statements[0].bank_account_id, account.body.id);
    assert.ok(first.body.new_lines > 5);

    // The bank's XLSX download of the same statement: same cells, so the same lines.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Statement');
    for (const row of parse(csv, { relax_column_count: true }) as string[][]) sheet.addRow(row);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const second = await upload(h.app, t.token, '/bank-statements', { name: 'hdfc.xlsx', content: xlsx });
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.deepEqual([second.body.new_lines, second.body.duplicate_lines], [0, first.body.new_lines]);

    const lines = (await call(h.app, t.token, 'GET', '/bank-lines')).body.data;
    assert.equal(lines.length, first.body.new_lines);
    // Payer names, VPAs and UTRs come out of the narrations, where Indian banks put them.
    assert.ok(lines.some((l: { counterparty_name: string | null; bank_reference: string | null }) => l.counterparty_name && l.bank_reference), JSON.stringify(lines.slice(0, 3)));
  });

  test('a camt.053 of an EUR account; a statement in the wrong currency is refused and nothing is written', async () => {
    const t = await createTestTenant(h.database);
    const xml = fs.readFileSync(path.join(fixtures, 'camt-extra/camt053.v8.xml'), 'utf8');
    const iban = /<IBAN>([^<]+)<\/IBAN>/.exec(xml)![1]!;
    const inr = await call(h.app, t.token, 'POST', '/bank-accounts', { name: 'INR', account_number: iban, currency: 'INR' });
    const refused = await upload(h.app, t.token, '/bank-statements', { name: 'camt.xml', content: xml }, { bank_account_id: inr.body.id });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.match(refused.body.error.message, /INR account/);
    assert.equal((await call(h.app, t.token, 'GET', '/bank-lines')).body.data.length, 0);

    const t2 = await createTestTenant(h.database);
    await call(h.app, t2.token, 'POST', '/bank-accounts', { name: 'Deutsche Bank', account_number: iban, currency: 'EUR' });
    const ok = await upload(h.app, t2.token, '/bank-statements', { name: 'camt.xml', content: xml });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.statements[0].format, 'camt.053');
    assert.ok(ok.body.new_lines > 0);
    const broken = await upload(h.app, t2.token, '/bank-statements', { name: 'broken.xml', content: xml.replace(/<Amt Ccy="EUR">[^<]+<\/Amt>/, '<Amt Ccy="EUR">12,x</Amt>') });
    assert.equal(broken.status, 422, JSON.stringify(broken.body));
    assert.match(broken.body.error.message, /^Document\/BkToCstmrStmt\/Stmt\[1\]\/Bal\[1\]\/Amt: "12,x" is not a decimal amount/);
  });

  test('bank lines page by keyset, oldest or newest first, per account; a forged cursor is a 400 naming it', async () => {
    const t = await createTestTenant(h.database);
    const hdfc = await call(h.app, t.token, 'POST', '/bank-accounts', { name: 'HDFC current', account_number: '50200012345678', currency: 'INR' });
    const other = await call(h.app, t.token, 'POST', '/bank-accounts', { name: 'ICICI', account_number: '000405001234', currency: 'INR' });
    const imported = await upload(h.app, t.token, '/bank-statements', { name: 'hdfc.csv', content: fs.readFileSync(path.join(fixtures, 'bank-csv/hdfc.csv')) });
    const total = imported.body.new_lines as number;
    const key = (l: { booking_date: string; source: string }) => l.booking_date;

    for (const order of ['oldest', 'newest'] as const) {
      const seen: { id: string; booking_date: string; source: string }[] = [];
      let cursor: string | null = null;
      do {
        const res: ApiResponse<{ data: { id: string; booking_date: string; source: string }[]; total: number; next_cursor: string | null }> = await call(h.app, t.token, 'GET', `/bank-lines?limit=2&order=${order}&bank_account_id=${hdfc.body.id}${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.ok(res.body.data.length <= 2);
        assert.equal(res.body.total, total);
        seen.push(...res.body.data);
        cursor = res.body.next_cursor;
      } while (cursor);
      // Every line once, in booking order one way or the other.
      assert.equal(new Set(seen.map((l) => l.id)).size, total);
      const dates = seen.map(key);
      assert.deepEqual(dates, [...dates].sort((a, b) => (order === 'oldest' ? a.localeCompare(b) : b.localeCompare(a))));
    }
    const none = await call(h.app, t.token, 'GET', `/bank-lines?bank_account_id=${other.body.id}`);
    assert.deepEqual([none.body.data.length, none.body.total, none.body.next_cursor], [0, 0, null]);

    const forged = await call(h.app, t.token, 'GET', `/bank-lines?cursor=${Buffer.from(JSON.stringify(['x', 1, 2])).toString('base64url')}`);
    assert.equal(forged.status, 400);
    assert.equal(forged.body.error.details.field, 'cursor');
    const badOrder = await call(h.app, t.token, 'GET', '/bank-lines?order=sideways');
    assert.equal(badOrder.status, 400);
  });
});
