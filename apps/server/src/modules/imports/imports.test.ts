import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gstinCheckDigit, parseDateAs } from '@duely/domain';
import { sql } from 'kysely';
import { systemCtx } from '../../platform/context.ts';
import { assertLedgerSound, createCustomer, createInvoice } from '../../testing/fixtures.ts';
import { call, createTestTenant, useHarness } from '../../testing/harness.ts';
import { upload, waitForImport } from '../../testing/upload.ts';
import { importFile } from './imports.files.ts';

const h = useHarness();
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../test/fixtures/imports');
const IBM = path.join(FIXTURES, 'ibm-ar/invoices.csv');

async function counts(tenantId: string) {
  const one = async (table: 'invoices' | 'customers' | 'receipts' | 'allocations' | 'journal_lines' | 'audit_log') =>
    Number((await h.database.db.selectFrom(table).select((eb) => eb.fn.countAll<bigint>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow()).n);
  return {
    invoices: await one('invoices'),
    customers: await one('customers'),
    receipts: await one('receipts'),
    allocations: await one('allocations'),
    journal: await one('journal_lines'),
    audit: await one('audit_log'),
  };
}

/** Σ of InvoiceAmount in minor units, read from the CSV without any of our code. */
function ibmFigures() {
  const lines = fs.readFileSync(IBM, 'utf8').trim().split(/\r?\n/).slice(1);
  let total = 0n;
  let open = 0n;
  let openCount = 0;
  for (const line of lines) {
    const cols = line.split(',');
    const [whole, frac = ''] = cols[6]!.split('.');
    const minor = BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0'));
    total += minor;
    if (!cols[8]) {
      open += minor;
      openCount++;
    }
  }
  return { rows: lines.length, total, open, openCount };
}

describe('imports', () => {
  test('IBM sample with --preset ibm: customers created, settled invoices paid on their settled date, amounts exact; re-import changes nothing', async () => {
    const t = await createTestTenant(h.database);
    const ctx = systemCtx(t.id, 'cli');
    const expected = ibmFigures();
    const dry = await importFile(h.database.db, ctx, { kind: 'invoices', source: { path: IBM, fileName: 'invoices.csv' }, preset: 'ibm', dryRun: true });
    assert.equal(dry.status, 'done', JSON.stringify(dry.errors.slice(0, 3)));
    assert.equal(dry.inserted, expected.rows);
    const before = await counts(t.id);
    assert.equal(before.invoices, 0, 'a dry run writes nothing');

    const report = await importFile(h.database.db, ctx, { kind: 'invoices', source: { path: IBM, fileName: 'invoices.csv' }, preset: 'ibm', dryRun: false });
    assert.equal(report.status, 'done', JSON.stringify(report.errors.slice(0, 3)));
    assert.equal(report.inserted, 1966);
    assert.equal(report.customers_created, 100);
    assert.equal(report.receipts_created, expected.rows - expected.openCount);
    const sums = await sql<{ total: bigint; open: bigint; open_count: bigint }>`
      select sum(total)::bigint as total, sum(open_amount)::bigint as open, count(*) filter (where open_amount > 0) as open_count
      from invoices where tenant_id = ${t.id}`.execute(h.database.db);
    assert.equal(sums.rows[0]!.total, expected.total);
    assert.equal(sums.rows[0]!.open, expected.open);
    assert.equal(Number(sums.rows[0]!.open_count), expected.openCount);
    const kept = await h.database.db.selectFrom('invoices').select('number').where('tenant_id', '=', t.id).where('number', '=', '0280670965').executeTakeFirst();
    assert.ok(kept, 'leading zeros of invoice numbers are kept');
    // A settled invoice: paid by a receipt dated its SettledDate.
    const paid = await sql<{ receipt_date: string; allocation_date: string }>`
      select r.receipt_date::text, a.allocation_date::text from invoices i
      join allocations a on a.tenant_id = i.tenant_id and a.invoice_id = i.id
      join receipts r on r.tenant_id = a.tenant_id and r.id = a.receipt_id
      where i.tenant_id = ${t.id} and i.number = '5133177585'`.execute(h.database.db);
    assert.deepEqual(paid.rows, [{ receipt_date: parseDateAs('2/16/2012', 'M/D/YYYY'), allocation_date: '2012-02-16' }]);
    await assertLedgerSound(h.database, t.id);

    const after = await counts(t.id);
    const again = await importFile(h.database.db, ctx, { kind: 'invoices', source: { path: IBM, fileName: 'invoices.csv' }, preset: 'ibm', dryRun: false });
    assert.equal(again.status, 'done');
    assert.equal(again.inserted, 0);
    assert.equal(again.duplicates, 1966);
    assert.deepEqual(await counts(t.id), after, 're-importing the same file changes nothing');
  });

  test('bad rows are reported with line, column and reason, and nothing is written', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token, { code: 'ACME' });
    const csv = [
      'Invoice No,Customer Code,Invoice Date,Due Date,Amount,Currency',
      'A-1,ACME,2025-04-01,2025-05-01,1180.00,INR',
      'A-2,ACME,31/02/2025,2025-05-01,100.00,INR',
      'A-3,ACME,2025-04-01,2025-05-01,12.345,INR',
      'A-4,NOBODY,2025-04-01,2025-05-01,100.00,INR',
      'A-1,ACME,2025-04-02,2025-05-02,50.00,INR',
      'A-6,ACME,2025-04-01,2025-05-01,-5.00,INR',
      'A-7,ACME,2025-04-01,2025-05-01,99999999999999999999.00,INR',
      'A-8,ACME,2025-04-01,2025-05-01,100.00,XYZ',
      'A-9,ACME,2025-04-01,2025-03-01,100.00,INR',
      'A-10,ACME,2025-04-01,2025-05-01,abc,INR',
    ].join('\n');
    const res = await upload(h.app, t.token, '/imports', { name: 'bad.csv', content: csv }, { kind: 'invoices', dry_run: 'false' });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const done = await waitForImport(h.app, t.token, res.body.id);
    assert.equal(done.status, 'failed');
    assert.equal(done.inserted, 0);
    const byLine = new Map<number, { column: string | null; reason: string }>(done.errors.map((e: any) => [e.line, e]));
    assert.deepEqual([...byLine.keys()].sort((a, b) => a - b), [3, 4, 5, 6, 7, 8, 9, 10, 11]);
    assert.equal(byLine.get(3)!.column, 'Invoice Date');
    assert.equal(byLine.get(4)!.column, 'Amount');
    assert.match(byLine.get(5)!.reason, /no customer with code NOBODY/);
    assert.match(byLine.get(6)!.reason, /twice.*line 2/);
    assert.equal(byLine.get(9)!.column, 'Currency');
    assert.equal(byLine.get(10)!.column, 'Due Date');
    assert.equal((await counts(t.id)).invoices, 0, 'nothing of the file is kept');
    assert.equal(c.balance, '0.00');
    await assertLedgerSound(h.database, t.id);
  });

  test('malformed files fail with a clear message naming the line, fast, and write nothing', async () => {
    const t = await createTestTenant(h.database);
    const cases: [string, Buffer, RegExp][] = [
      ['unterminated.csv', fs.readFileSync(path.join(FIXTURES, 'bad/unterminated-quote.csv')), /quote/i],
      ['truncated.xlsx', fs.readFileSync(path.join(FIXTURES, 'bad/truncated.xlsx')), /workbook|zip|xlsx/i],
      ['letter.docx', fs.readFileSync(path.join(FIXTURES, 'bad/letter.docx')), /workbook|not/i],
      ['garbage.csv', randomBytes(10 * 1024 * 1024), /not a CSV, XLSX or Tally XML/i],
    ];
    for (const [name, content, pattern] of cases) {
      const started = Date.now();
      const res = await upload(h.app, t.token, '/imports', { name, content }, { kind: 'invoices' });
      assert.equal(res.status, 202, `${name}: ${JSON.stringify(res.body)}`);
      const done = await waitForImport(h.app, t.token, res.body.id);
      assert.equal(done.status, 'failed', name);
      assert.match(done.message, pattern, `${name}: ${done.message}`);
      assert.ok(Date.now() - started < 20_000, `${name} took ${Date.now() - started} ms`);
    }
    const preview = await upload(h.app, t.token, '/imports/preview', { name: 'garbage.bin', content: randomBytes(10 * 1024 * 1024) }, { kind: 'invoices' });
    assert.equal(preview.status, 400);
    assert.equal(preview.body.error.code, 'import_file_unreadable');
    const noKind = await upload(h.app, t.token, '/imports', { name: 'a.csv', content: 'a,b\n1,2' }, {});
    assert.equal(noKind.status, 400);
    assert.equal(noKind.body.error.details.field, 'kind');
    const badMapping = await upload(h.app, t.token, '/imports', { name: 'a.csv', content: 'a,b\n1,2' }, { kind: 'invoices', mapping: '{not json' });
    assert.equal(badMapping.status, 400);
    assert.equal(badMapping.body.error.details.field, 'mapping');
    const empty = await upload(h.app, t.token, '/imports', { name: 'a.csv', content: '' }, { kind: 'invoices' });
    assert.equal(empty.status, 400);
    assert.deepEqual(await counts(t.id), { ...(await counts(t.id)), invoices: 0, customers: 0 });
  });

  test('preview suggests a mapping and recognises the IBM layout', async () => {
    const t = await createTestTenant(h.database);
    const ibm = await upload(h.app, t.token, '/imports/preview', { name: 'invoices.csv', content: fs.readFileSync(IBM) }, { kind: 'invoices' });
    assert.equal(ibm.status, 200, JSON.stringify(ibm.body));
    assert.equal(ibm.body.detected_preset, 'ibm');
    assert.equal(ibm.body.sample_rows.length, 10);
    assert.equal(ibm.body.suggested_mapping.number, 'invoiceNumber');
    const plain = await upload(h.app, t.token, '/imports/preview', { name: 'c.csv', content: 'Customer Code,Customer Name,GSTIN,City\nX1,X Ltd,,Pune' }, { kind: 'customers' });
    assert.equal(plain.body.suggested_mapping.code, 'Customer Code');
    assert.equal(plain.body.suggested_mapping.name, 'Customer Name');
    assert.ok(plain.body.fields.some((f: any) => f.name === 'gstin'));
  });

  test('customers from CSV: bad GSTIN rejected; saved preset reused; script text kept as text', async () => {
    const t = await createTestTenant(h.database);
    const header = 'Party Code,Party Name,GSTIN,City,Email,Mobile';
    const gstin = `24AAPFU0939F1Z${gstinCheckDigit('24AAPFU0939F1Z')}`;
    const good = `${header}\nSHAH,"<script>x</script> Shah & Sons",${gstin},Ahmedabad,a@shah.example,+91 98250 11111\nPATEL,Patel Plastics,,Surat,,`;
    const bad = `${header}\nGUPTA,Gupta Hardware,24AAPFU0939F1ZX,Jaipur,,`;
    const failed = await waitForImport(h.app, t.token, (await upload(h.app, t.token, '/imports', { name: 'c.csv', content: bad }, { kind: 'customers' })).body.id);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.errors[0].line, 2);
    assert.equal(failed.errors[0].column, 'GSTIN');
    const mapping = JSON.stringify({ code: 'Party Code', name: 'Party Name', gstin: 'GSTIN', city: 'City', email: 'Email', phone: 'Mobile' });
    const ok = await waitForImport(h.app, t.token, (await upload(h.app, t.token, '/imports', { name: 'c.csv', content: good }, { kind: 'customers', mapping, save_preset: 'party-master' })).body.id);
    assert.equal(ok.status, 'done', JSON.stringify(ok.errors));
    assert.equal(ok.inserted, 2);
    const list = await call(h.app, t.token, 'GET', '/customers?q=SHAH');
    assert.equal(list.body.data[0].name, '<script>x</script> Shah & Sons');
    assert.equal(list.body.data[0].state_code, '24');
    const presets = await call(h.app, t.token, 'GET', '/import-presets?kind=customers');
    assert.ok(presets.body.data.some((p: any) => p.name === 'party-master' && !p.builtin));
    const reused = await waitForImport(h.app, t.token, (await upload(h.app, t.token, '/imports', { name: 'c.csv', content: good }, { kind: 'customers', preset: 'party-master' })).body.id);
    assert.equal(reused.status, 'done');
    assert.equal(reused.duplicates, 2);
    await assertLedgerSound(h.database, t.id);
  });

  test('receipts from CSV are applied to the named invoices with TDS; a re-import finds them recorded', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token, { code: 'ACME' });
    const inv = await createInvoice(h.app, t.token, c.id, '100000.00', '18');
    // The cash row repeats, same day and amount and no reference: once recorded, the second is its duplicate.
    const csv = `Date,Customer,Amount,Mode,UTR,Invoice,TDS\n2025-06-20,ACME,"1,16,000.00",NEFT,HDFCN52025062000001,${inv.number},2000\n2025-06-21,ACME,500.00,UPI,512345678999,,\n2025-06-22,ACME,100.00,Cash,,,\n2025-06-22,ACME,100.00,Cash,,,\n`;
    const mapping = JSON.stringify({ receipt_date: 'Date', customer_code: 'Customer', amount: 'Amount', method: 'Mode', reference: 'UTR', invoice_number: 'Invoice', tds: 'TDS' });
    const done = await waitForImport(h.app, t.token, (await upload(h.app, t.token, '/imports', { name: 'r.csv', content: csv }, { kind: 'receipts', mapping })).body.id);
    assert.equal(done.status, 'done', JSON.stringify(done.errors));
    assert.equal(done.inserted, 3);
    assert.equal(done.duplicates, 1);
    assert.equal((await call(h.app, t.token, 'GET', `/invoices/${inv.id}`)).body.status, 'paid');
    assert.equal((await call(h.app, t.token, 'GET', `/customers/${c.id}`)).body.balance, '-600.00');
    const again = await waitForImport(h.app, t.token, (await upload(h.app, t.token, '/imports', { name: 'r.csv', content: csv }, { kind: 'receipts', mapping })).body.id);
    assert.equal(again.duplicates, 4);
    assert.equal(again.inserted, 0);
    const over = `Date,Customer,Amount,Mode,UTR,Invoice,TDS\n2025-06-22,ACME,10.00,NEFT,UTRX1,${inv.number},\n`;
    const failed = await waitForImport(h.app, t.token, (await upload(h.app, t.token, '/imports', { name: 'r.csv', content: over }, { kind: 'receipts', mapping })).body.id);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.errors[0].column, 'Amount');
    await assertLedgerSound(h.database, t.id);
  });

  test('Tally Bills Receivable, XML (UTF-8 and UTF-16) and Excel: parties become customers, pending amounts open', async () => {
    const xml = fs.readFileSync(path.join(FIXTURES, 'tally/bills-receivable.utf8.xml'), 'utf8');
    const expected = [...xml.matchAll(/<BILLCL>([^<]+)</g)].reduce((sum, m) => {
      const [w, f = ''] = m[1]!.replace('-', '').split('.');
      const minor = BigInt(w!) * 100n + BigInt(f.padEnd(2, '0'));
      return sum + (m[1]!.startsWith('-') ? minor : -minor);
    }, 0n);
    for (const [file, preset] of [['bills-receivable.utf8.xml', 'tally-xml'], ['bills-receivable.utf16le.xml', 'tally-xml'], ['bills-receivable.xlsx', 'tally-xlsx']] as const) {
      const t = await createTestTenant(h.database);
      const report = await importFile(h.database.db, systemCtx(t.id, 'cli'), { kind: 'invoices', source: { path: path.join(FIXTURES, 'tally', file), fileName: file }, preset, dryRun: false });
      assert.equal(report.status, 'done', `${file}: ${JSON.stringify(report.errors)}`);
      assert.ok(report.customers_created >= 5, file);
      const balance = await sql<{ b: bigint }>`select coalesce(sum(case when kind = 'credit_note' then -open_amount else open_amount end), 0)::bigint as b from invoices where tenant_id = ${t.id}`.execute(h.database.db);
      if (file.endsWith('.xml')) assert.equal(balance.rows[0]!.b, expected, file);
      await assertLedgerSound(h.database, t.id);
    }
  });
  test('an import of several batches counts open debits once at the end; writes after it keep them again', async () => {
    const t = await createTestTenant(h.database);
    const ctx = systemCtx(t.id, 'cli');
    // 12,000 invoices of 300 customers in the IBM layout (three batches of 5,000), every third settled.
    const header = 'countryCode,customerID,PaperlessDate,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount,Disputed,SettledDate,PaperlessBill,DaysToSettle,DaysLate';
    const rows = Array.from({ length: 12_000 }, (_, i) => {
      const day = 1 + (i % 28);
      const settled = i % 3 === 0 ? `3/${day}/2013` : '';
      return `391,${String(1000 + (i % 300)).padStart(4, '0')}-BATCH,,${String(7_000_000_000 + i)},1/${day}/2013,2/${day}/2013,${100 + (i % 97)}.${String(i % 100).padStart(2, '0')},No,${settled},Paper,,`;
    });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'duely-batches-')), 'invoices.csv');
    fs.writeFileSync(file, `${header}\n${rows.join('\n')}\n`);
    const report = await importFile(h.database.db, ctx, { kind: 'invoices', source: { path: file, fileName: 'invoices.csv' }, preset: 'ibm', dryRun: false });
    assert.equal(report.status, 'done', JSON.stringify(report.errors.slice(0, 3)));
    assert.equal(report.inserted, 12_000);
    const keptAndCounted = async () => {
      const kept = await sql<{ customer_id: string; amount: bigint; items: bigint }>`
        select customer_id, amount, items from open_debits where tenant_id = ${t.id} and items <> 0 order by 1`.execute(h.database.db);
      const counted = await sql<{ customer_id: string; amount: bigint; items: bigint }>`
        select customer_id, sum(open_amount)::bigint as amount, count(*)::bigint as items from invoices
        where tenant_id = ${t.id} and open_amount > 0 and kind <> 'credit_note' group by 1 order by 1`.execute(h.database.db);
      return { kept: kept.rows, counted: counted.rows };
    };
    const afterImport = await keptAndCounted();
    // i % 3 = customer % 3 (300 is a multiple of 3): a third of the customers have everything settled.
    assert.equal(afterImport.counted.length, 200);
    assert.equal(afterImport.counted.reduce((n, r) => n + r.items, 0n), 8_000n);
    assert.deepEqual(afterImport.kept, afterImport.counted);
    // The deferral ended with the import's transaction: a later payment is kept as it is made.
    const open = await sql<{ id: string; customer_id: string; open_amount: bigint }>`
      select id, customer_id, open_amount from invoices where tenant_id = ${t.id} and open_amount > 0 order by number limit 1`.execute(h.database.db);
    const invoice = open.rows[0]!;
    const paid = await call(h.app, t.token, 'POST', '/receipts', {
      customer_id: invoice.customer_id, receipt_date: '2013-04-01', amount: '50.00', method: 'neft', reference: 'UTR0BATCH1',
      allocations: [{ invoice_id: invoice.id, amount: '50.00' }],
    });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    const afterPayment = await keptAndCounted();
    assert.deepEqual(afterPayment.kept, afterPayment.counted);
    assert.notDeepEqual(afterPayment.kept, afterImport.kept);
    await assertLedgerSound(h.database, t.id);
  });
});
