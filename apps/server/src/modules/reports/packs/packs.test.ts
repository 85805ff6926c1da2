import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { formatMoney } from '@duely/domain';
import { sql } from 'kysely';
import { systemCtx } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { assertLedgerSound, createCustomer, createInvoice } from '../../../testing/fixtures.ts';
import { call, createTestTenant, type TestTenant, useHarness } from '../../../testing/harness.ts';
import type { CellValue, ReportDocument, ReportSection } from '../export/index.ts';
import { dailyCollectionReport, monthlyPack, statementPack, weeklyPack } from './index.ts';
import { kpiTrendSection } from './shared.ts';

const h = useHarness();

const officeTools = ['soffice', 'pdftotext'].every((name) => (process.env.PATH ?? '').split(':').some((dir) => dir && fs.existsSync(path.join(dir, name))));
// CI installs LibreOffice and poppler and requires them; a machine without them skips with the reason.
const officeSkip = officeTools || process.env.DUELY_REQUIRE_OFFICE_TOOLS === '1' ? false : 'needs soffice and pdftotext (libreoffice-calc-nogui, poppler-utils)';

const inr = (rupees: string) => BigInt(rupees.replace('.', ''));

/**
 * June 2025 at a small distributor. Priya collects from Asha Polymers, Ravi from Bharat Plastics;
 * Chetan Traders has no collector and disputes its one invoice.
 *   Asha:   100,000 due 31 May; 50,000 due 15 Jun; pays 60,000 by NEFT on 16 Jun (against the first).
 *   Bharat: 80,000 due 1 May, paid by cheque on 10 Jun; the cheque bounces on 16 Jun (charge 500).
 *   Chetan: 30,000 due 31 Mar, disputed; sends 10,000 by UPI on 16 Jun, not yet applied.
 * Priya's June target is 2,00,000.
 */
interface Scenario {
  t: TestTenant;
  asha: { id: string; code: string };
  bharat: { id: string; code: string };
  chetan: { id: string; code: string };
  ashaReceipt: string;
  chetanReceipt: string;
  cheque: string;
}

async function scenario(): Promise<Scenario> {
  const t = await createTestTenant(h.database);
  const user = async (name: string) => {
    const res = await call(h.app, t.token, 'POST', '/users', { email: `${name.toLowerCase()}-${newId().slice(-8)}@x.test`, name, password: 'a long enough password', roles: ['collector'] });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id as string;
  };
  const priya = await user('Priya');
  const ravi = await user('Ravi');
  const asha = await createCustomer(h.app, t.token, { code: 'ASHA', name: 'Asha Polymers', collector_id: priya });
  const bharat = await createCustomer(h.app, t.token, { code: 'BHARAT', name: 'Bharat Plastics', collector_id: ravi });
  const chetan = await createCustomer(h.app, t.token, { code: 'CHETAN', name: 'Chetan Traders' });
  const a1 = await createInvoice(h.app, t.token, asha.id, '100000.00', '0', { issue_date: '2025-05-01', due_date: '2025-05-31' });
  await createInvoice(h.app, t.token, asha.id, '50000.00', '0', { issue_date: '2025-05-16', due_date: '2025-06-15' });
  const b1 = await createInvoice(h.app, t.token, bharat.id, '80000.00', '0', { issue_date: '2025-04-01', due_date: '2025-05-01' });
  const c1 = await createInvoice(h.app, t.token, chetan.id, '30000.00', '0', { issue_date: '2025-03-01', due_date: '2025-03-31' });
  await sql`update invoices set disputed = true where tenant_id = ${t.id} and id = ${c1.id}`.execute(h.database.db);

  const receipt = async (body: object) => {
    const res = await call(h.app, t.token, 'POST', '/receipts', body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { id: string; number: string };
  };
  const cheque = await receipt({ customer_id: bharat.id, receipt_date: '2025-06-10', amount: '80000.00', method: 'cheque', reference: '004512', allocations: [{ invoice_id: b1.id, amount: '80000.00' }] });
  const ashaReceipt = await receipt({ customer_id: asha.id, receipt_date: '2025-06-16', amount: '60000.00', method: 'neft', reference: 'HDFCN52025061612345', allocations: [{ invoice_id: a1.id, amount: '60000.00' }] });
  const chetanReceipt = await receipt({ customer_id: chetan.id, receipt_date: '2025-06-16', amount: '10000.00', method: 'upi', reference: '516712345678' });
  const bounce = await call(h.app, t.token, 'POST', `/receipts/${cheque.id}/reverse`, { reversed_on: '2025-06-16', reason: 'Cheque returned: funds insufficient', bounce_charge: '500.00' });
  assert.equal(bounce.status, 200, JSON.stringify(bounce.body));

  const target = await call(h.app, t.token, 'POST', '/collection-targets', { targets: [{ collector_id: priya, month: '2025-06', amount: '200000.00' }] });
  assert.equal(target.status, 200, JSON.stringify(target.body));
  const specific = await call(h.app, t.token, 'POST', '/provisions/specific', { customer_id: chetan.id, percent: '50', reason: 'Disputed; legal notice sent', effective_from: '2025-06-01' });
  assert.equal(specific.status, 200, JSON.stringify(specific.body));
  await assertLedgerSound(h.database, t.id);
  return { t, asha, bharat, chetan, ashaReceipt: ashaReceipt.number, chetanReceipt: chetanReceipt.number, cheque: cheque.number };
}

function section(doc: ReportDocument, name: string): ReportSection {
  const found = doc.sections.find((s) => s.name === name);
  assert.ok(found, `no section "${name}" in ${doc.sections.map((s) => s.name).join(', ')}`);
  return found;
}

/** Rows as arrays of the named columns, for deepEqual. */
const pick = (rows: Record<string, CellValue>[], ...keys: string[]) => rows.map((r) => keys.map((k) => r[k] ?? null));

/** RFC 4180 as the CSV writer writes it: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') field += body[++i];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    }
    else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

/** A block of a multi-section CSV: the lines after its title line up to the blank line. */
function csvBlock(rows: string[][], titleStart: string): string[][] {
  const at = rows.findIndex((r) => r.length === 1 && r[0]!.startsWith(titleStart));
  assert.ok(at >= 0, `no block titled "${titleStart}…" in:\n${rows.map((r) => r.join(',')).join('\n').slice(0, 2000)}`);
  const end = rows.findIndex((r, i) => i > at && r.length === 1 && r[0] === '');
  return rows.slice(at + 1, end < 0 ? undefined : end);
}

async function download(token: string, url: string) {
  const res = await h.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` } });
  return res;
}

describe('management report packs', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });
  const ctx = () => systemCtx(s.t.id);

  test('daily collection report: by collector and method, each receipt, the bounce, the overdue movements', async () => {
    const doc = await dailyCollectionReport(h.database.db, ctx(), '2025-06-16');
    assert.equal(doc.title, 'Daily collection report for 16-Jun-2025');
    assert.match(doc.generatedAt, /\+05:30$/, 'generated in the tenant time zone');
    assert.deepEqual(pick(section(doc, 'By collector').rows, 'name', 'count', 'amount'), [
      ['Priya', 1, inr('60000.00')],
      ['Unassigned', 1, inr('10000.00')],
    ]);
    assert.deepEqual(section(doc, 'By collector').totals, { name: 'Total', count: 2, amount: inr('70000.00') });
    assert.match(section(doc, 'By collector').note ?? '', /reversed today ₹80,000\.00; net -?₹-?10,000\.00/);
    assert.deepEqual(pick(section(doc, 'By method').rows, 'method', 'count', 'amount'), [
      ['NEFT', 1, inr('60000.00')],
      ['UPI', 1, inr('10000.00')],
    ]);
    assert.deepEqual(pick(section(doc, 'Receipts').rows, 'number', 'code', 'method', 'reference', 'amount', 'unapplied', 'status'), [
      [s.ashaReceipt, 'ASHA', 'NEFT', 'HDFCN52025061612345', inr('60000.00'), 0n, 'Active'],
      [s.chetanReceipt, 'CHETAN', 'UPI', '516712345678', inr('10000.00'), inr('10000.00'), 'Active'],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    const reversals = section(doc, 'Reversals');
    assert.deepEqual(pick(reversals.rows, 'number', 'received', 'code', 'method', 'reference', 'amount', 'charge', 'notice_by'), [
      [s.cheque, '2025-06-10', 'BHARAT', 'Cheque', '004512', inr('80000.00'), inr('500.00'), '2025-07-16'],
    ]);
    // 15 Jun: Asha 1,00,000 overdue (the 50,000 falls due that day), Bharat paid, Chetan 30,000.
    // 16 Jun: Asha 40,000 + 50,000; Bharat's cheque bounced, 80,000 again (the charge is due that day).
    const moves = section(doc, 'Overdue movements');
    assert.deepEqual(pick(moves.rows, 'code', 'before', 'after', 'change'), [
      ['BHARAT', 0n, inr('80000.00'), inr('80000.00')],
      ['ASHA', inr('100000.00'), inr('90000.00'), inr('-10000.00')],
    ]);
    assert.deepEqual(pick([moves.totals!], 'name', 'before', 'after', 'change'), [['All customers', inr('130000.00'), inr('200000.00'), inr('70000.00')]]);

    // A day without receipts: the sections are there, empty; Asha's 1,00,000 fell due on 31 May.
    const quiet = await dailyCollectionReport(h.database.db, ctx(), '2025-06-01');
    assert.deepEqual(quiet.sections.map((x) => [x.name, x.rows.length]), [['By collector', 0], ['By method', 0], ['Receipts', 0], ['Reversals', 0], ['Overdue movements', 1]]);
    assert.deepEqual(section(quiet, 'By collector').totals, { name: 'Total', count: 0, amount: 0n });
    assert.deepEqual(pick(section(quiet, 'Overdue movements').rows, 'code', 'before', 'after', 'change'), [['ASHA', 0n, inr('100000.00'), inr('100000.00')]]);
  });

  test('weekly pack: the week by collector, aging, KPI trend, targets, top debtors, disputes', async () => {
    const doc = await weeklyPack(h.database.db, ctx(), '2025-06-16');
    assert.deepEqual(doc.sections.map((x) => x.name), ['By collector', 'Aging', 'KPI trend', 'Targets', 'Top debtors', 'Disputed']);
    assert.deepEqual(pick(section(doc, 'By collector').rows, 'name', 'count', 'amount'), [
      ['Ravi', 1, inr('80000.00')],
      ['Priya', 1, inr('60000.00')],
      ['Unassigned', 1, inr('10000.00')],
    ]);
    assert.match(section(doc, 'By collector').note ?? '', /1 \(₹80,000\.00\) were reversed/);
    const aging = section(doc, 'Aging');
    // 16 Jun: bounce charge 500 current; 40,000 + 50,000 in 1–30; 80,000 in 31–60; 30,000 77 days past due.
    assert.deepEqual(pick(aging.rows, 'bucket', 'amount'), [
      ['Current', inr('500.00')],
      ['1–30', inr('90000.00')],
      ['31–60', inr('80000.00')],
      ['61–90', inr('30000.00')],
      ['90+', 0n],
    ]);
    assert.equal(aging.totals!.amount, inr('200500.00'));
    assert.equal(aging.chart?.kind, 'bar');
    const kpis = section(doc, 'KPI trend');
    assert.equal(kpis.rows.length, 12);
    assert.deepEqual([kpis.rows[0]!.month, kpis.rows.at(-1)!.month], ['Jul-2024', 'Jun-2025']);
    assert.equal(kpis.chart?.kind, 'line');
    const top = section(doc, 'Top debtors');
    assert.deepEqual(pick(top.rows, 'code', 'overdue'), [
      ['ASHA', inr('90000.00')],
      ['BHARAT', inr('80000.00')],
      ['CHETAN', inr('30000.00')],
    ]);
    assert.deepEqual(pick(section(doc, 'Disputed').rows, 'code', 'due', 'days', 'open'), [['CHETAN', '2025-03-31', 77, inr('30000.00')]]);
  });

  test('monthly pack: the figures agree with the dashboard, KPI, provisions and Schedule III APIs', async () => {
    const doc = await monthlyPack(h.database.db, ctx(), '2025-06');
    assert.equal(doc.title, 'Monthly collections pack, Jun-2025');
    assert.deepEqual(doc.sections.map((x) => x.name), ['Aging', 'KPI trend', 'Targets', 'Top debtors', 'Disputed', 'Provisions', 'Schedule III']);
    const board = (await call(h.app, s.t.token, 'GET', '/dashboard?as_of=2025-06-30')).body;
    const aging = section(doc, 'Aging');
    assert.deepEqual(aging.rows.map((r) => r.amount), board.aging.map((b: { amount: string }) => inr(b.amount)));
    assert.deepEqual(pick(aging.rows, 'amount'), [[0n], [inr('90500.00')], [inr('80000.00')], [0n], [inr('30000.00')]]);
    assert.match(aging.note ?? '', /unapplied cash ₹10,000\.00: net receivable ₹1,90,500\.00/);

    const kpis = section(doc, 'KPI trend');
    const june = board.kpis.at(-1);
    assert.deepEqual(pick([kpis.rows.at(-1)!], 'month', 'closing', 'dso', 'bpdso', 'add', 'cei'), [['Jun-2025', inr(june.closing_ar), june.dso_countback, june.bpdso, june.add, june.cei]]);
    assert.equal(june.closing_ar, '190500.00');

    const targets = section(doc, 'Targets');
    // Ravi's June: the cheque came in and bounced within the month, so nothing collected.
    assert.deepEqual(pick(targets.rows, 'name', 'target', 'collected', 'rate'), [
      ['Priya', inr('200000.00'), inr('60000.00'), 30],
      ['Ravi', null, 0n, null],
      ['Unassigned', null, inr('10000.00'), null],
    ]);
    assert.equal(targets.chart?.kind, 'bar');

    const top = section(doc, 'Top debtors');
    assert.deepEqual(pick(top.rows, 'code', 'name', 'overdue', 'total'), [
      ['ASHA', 'Asha Polymers', inr('90000.00'), inr('90000.00')],
      ['BHARAT', 'Bharat Plastics', inr('80500.00'), inr('80500.00')],
      ['CHETAN', 'Chetan Traders', inr('30000.00'), inr('30000.00')],
    ]);
    assert.equal(top.totals!.overdue, inr('200500.00'));

    const disputed = section(doc, 'Disputed');
    assert.equal(disputed.totals!.open, inr(board.disputed_ar));
    assert.equal(board.disputed_ar, '30000.00');

    const provisionsApi = (await call(h.app, s.t.token, 'GET', '/provisions?as_of=2025-06-30')).body;
    const provisions = section(doc, 'Provisions');
    assert.equal(provisions.totals!.provision, inr(provisionsApi.total_provision));
    assert.equal(provisions.totals!.balance, inr(provisionsApi.total_balance));
    assert.deepEqual(pick(provisions.rows.filter((r) => String(r.label).startsWith('Specific')), 'label', 'balance', 'applied', 'provision'), [
      ['Specific: CHETAN Chetan Traders', inr('30000.00'), 50, inr('15000.00')],
    ]);
    assert.equal(provisionsApi.specific_provision, '15000.00');

    const scheduleApi = (await call(h.app, s.t.token, 'GET', '/aging/schedule-iii?as_of=2025-06-30')).body;
    const schedule = section(doc, 'Schedule III');
    assert.equal(schedule.totals!.total, inr(scheduleApi.total));
    assert.deepEqual(pick(schedule.rows, 'label', 'c0'), scheduleApi.rows.map((r: { label: string; amounts: string[] }) => [r.label, inr(r.amounts[0]!)]));
    // Chetan's invoice is disputed, and its specific provision makes it doubtful.
    assert.equal(schedule.rows.find((r) => r.label === 'Disputed trade receivables – considered doubtful')!.total, inr('30000.00'));
  });

  test('statement of account: opening balance, each document with the running balance, closing balance', async () => {
    const doc = await statementPack(h.database.db, ctx(), s.asha.id, '2025-05-10', '2025-06-30');
    assert.equal(doc.title, 'Statement of account: ASHA Asha Polymers');
    const st = section(doc, 'Statement');
    assert.deepEqual(pick(st.rows, 'date', 'type', 'description', 'debit', 'credit', 'balance').map((r) => [r[0], r[1], r[3], r[4], r[5]]), [
      ['2025-05-10', null, null, null, inr('100000.00')],
      ['2025-05-16', 'Invoice', inr('50000.00'), null, inr('150000.00')],
      ['2025-06-16', 'Receipt', null, inr('60000.00'), inr('90000.00')],
    ]);
    assert.equal(st.rows[0]!.description, 'Opening balance');
    assert.deepEqual(pick([st.totals!], 'type', 'debit', 'credit', 'balance'), [['Closing balance', inr('50000.00'), inr('60000.00'), inr('90000.00')]]);
    // Bharat's bounce: the receipt, its reversal and the charge, each on its own line.
    const bharat = section(await statementPack(h.database.db, ctx(), s.bharat.id, '2025-06-01', '2025-06-30'), 'Statement');
    assert.deepEqual(pick(bharat.rows, 'type', 'debit', 'credit', 'balance'), [
      [null, null, null, inr('80000.00')],
      ['Receipt', null, inr('80000.00'), 0n],
      ...pick(bharat.rows.slice(2), 'type', 'debit', 'credit', 'balance'),
    ]);
    assert.equal(bharat.totals!.balance, inr('80500.00'));
    assert.ok(bharat.rows.some((r) => r.type === 'Receipt reversed' && r.debit === inr('80000.00')));
  });

  test('CSV exports over the API carry the same figures, named as attachments', async () => {
    const daily = await download(s.t.token, '/reports/daily/export?format=csv&date=2025-06-16');
    assert.equal(daily.statusCode, 200, daily.body);
    assert.equal(daily.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(daily.headers['content-disposition'], 'attachment; filename="daily-collections-2025-06-16.csv"');
    const dailyRows = parseCsv(daily.body);
    assert.deepEqual(csvBlock(dailyRows, 'Receipts of 16-Jun-2025 by collector'), [
      ['Collector', 'Receipts', 'Amount (INR)'],
      ['Priya', '1', '60000.00'],
      ['Unassigned', '1', '10000.00'],
      ['Total', '2', '70000.00'],
    ]);
    assert.deepEqual(csvBlock(dailyRows, 'Receipts of 16-Jun-2025 by method').at(-1), ['Total', '2', '70000.00']);
    const reversals = csvBlock(dailyRows, 'Receipts reversed on 16-Jun-2025');
    assert.deepEqual(reversals[1], [s.cheque, '2025-06-10', 'BHARAT', 'Bharat Plastics', 'Cheque', '004512', '80000.00', 'Cheque returned: funds insufficient', '500.00', '2025-07-16']);
    assert.deepEqual(csvBlock(dailyRows, 'Largest changes in overdue amount').at(-1), ['Total', 'All customers', '130000.00', '200000.00', '70000.00']);

    const weekly = await download(s.t.token, '/reports/weekly/export?format=csv&date=2025-06-16');
    assert.equal(weekly.statusCode, 200, weekly.body);
    assert.equal(weekly.headers['content-disposition'], 'attachment; filename="weekly-pack-2025-06-16.csv"');
    assert.deepEqual(csvBlock(parseCsv(weekly.body), 'Aging summary as of 16-Jun-2025').at(-1), ['Total', '200500.00', '100']);

    const monthly = await download(s.t.token, '/reports/monthly/export?format=csv&month=2025-06');
    assert.equal(monthly.statusCode, 200, monthly.body);
    assert.equal(monthly.headers['content-disposition'], 'attachment; filename="monthly-pack-2025-06.csv"');
    const monthlyRows = parseCsv(monthly.body);
    const targets = csvBlock(monthlyRows, 'Collection targets and collections by collector, Jun-2025');
    assert.deepEqual(targets[0], ['Collector', 'Customers', 'Target (INR)', 'Collected (INR)', 'Achieved (%)', 'Open AR (INR)', 'Overdue (INR)', 'Over 90 days (INR)']);
    assert.deepEqual(targets[1]!.slice(0, 5), ['Priya', '1', '200000.00', '60000.00', '30']);
    assert.deepEqual(csvBlock(monthlyRows, 'Top 20 debtors by overdue amount').slice(1, 4).map((r) => [r[0], r.at(-3)]), [['ASHA', '90000.00'], ['BHARAT', '80500.00'], ['CHETAN', '30000.00']]);
    assert.deepEqual(csvBlock(monthlyRows, 'Disputed open items').at(-1)!.at(-1), '30000.00');
    assert.deepEqual(csvBlock(monthlyRows, 'Expected credit loss provision').at(-1)!.slice(0, 2), ['Total', '200500.00']);
    assert.ok(csvBlock(monthlyRows, 'Schedule III trade receivables ageing').some((r) => r[0] === 'Total' && r.at(-1) === '200500.00'));

    const statement = await download(s.t.token, `/reports/statement/export?format=csv&customer_id=${s.asha.id}&from=2025-05-01&to=2025-06-30`);
    assert.equal(statement.statusCode, 200, statement.body);
    assert.equal(statement.headers['content-disposition'], 'attachment; filename="statement-ASHA-2025-05-01-to-2025-06-30.csv"');
    const lines = parseCsv(statement.body);
    // One section: a plain table.
    assert.deepEqual(lines[0], ['Date', 'Type', 'Document', 'Particulars', 'Debit (INR)', 'Credit (INR)', 'Balance (INR)']);
    assert.deepEqual(lines[1], ['2025-05-01', '', '', 'Opening balance', '', '', '0.00']);
    assert.deepEqual(lines.at(-1), ['2025-06-30', 'Closing balance', '', '', '150000.00', '60000.00', '90000.00']);
  });

  test('the monthly pack as PDF and the daily report as XLSX, read back by poppler and LibreOffice', { skip: officeSkip }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duely-packs-'));
    try {
      const pdf = await download(s.t.token, '/reports/monthly/export?format=pdf&month=2025-06');
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      fs.writeFileSync(path.join(dir, 'monthly.pdf'), pdf.rawPayload);
      const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'monthly.pdf'), '-'], { encoding: 'utf8' });
      for (const expected of ['Monthly collections pack, Jun-2025', 'Top 20 debtors', 'Schedule III', 'Expected credit loss provision', formatMoney(inr('200500.00'), 'INR'), formatMoney(inr('15000.00'), 'INR')]) {
        assert.ok(text.includes(expected), `the PDF shows ${expected}`);
      }

      const xlsx = await download(s.t.token, '/reports/daily/export?format=xlsx&date=2025-06-16');
      assert.equal(xlsx.statusCode, 200);
      assert.equal(xlsx.headers['content-disposition'], 'attachment; filename="daily-collections-2025-06-16.xlsx"');
      fs.writeFileSync(path.join(dir, 'daily.xlsx'), xlsx.rawPayload);
      // Every sheet, each cell as shown: LibreOffice writes daily-<Sheet>.csv per sheet.
      const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';
      execFileSync('soffice', ['--headless', '--convert-to', filter, '--outdir', dir, path.join(dir, 'daily.xlsx')], { stdio: 'ignore', timeout: 120_000 });
      const receipts = fs.readFileSync(path.join(dir, 'daily-Receipts.csv'), 'utf8');
      assert.ok(receipts.includes('HDFCN52025061612345'));
      assert.ok(receipts.includes(formatMoney(inr('70000.00'), 'INR')), 'the receipts total as ₹70,000.00');
      const reversals = fs.readFileSync(path.join(dir, 'daily-Reversals.csv'), 'utf8');
      assert.ok(reversals.includes('16-Jul-2025'), 'the s.138 notice date');
      assert.ok(reversals.includes(formatMoney(inr('80000.00'), 'INR')));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('bad input: 400 naming the field; unknown or another company’s customer: 404', async () => {
    for (const [url, field] of [
      ['/reports/daily/export?format=csv&date=2025-02-30', 'date'],
      ['/reports/weekly/export?format=docx&date=2025-06-16', 'format'],
      ['/reports/daily/export?date=2025-06-16', 'format'],
      ['/reports/monthly/export?format=csv&month=2025-13', 'month'],
      ['/reports/monthly/export?format=csv&month=2999-01', 'month'],
      [`/reports/statement/export?format=csv&customer_id=${s.asha.id}&from=2025-07-01&to=2025-06-01`, 'from'],
      [`/reports/statement/export?format=csv&customer_id=${s.asha.id}&from=2025-06-01`, 'to'],
      ['/reports/statement/export?format=csv&customer_id=ASHA&from=2025-06-01&to=2025-06-30', 'customer_id'],
    ] as const) {
      const res = await call(h.app, s.t.token, 'GET', url);
      assert.equal(res.status, 400, `${url}: ${JSON.stringify(res.body)}`);
      assert.match(JSON.stringify(res.body.error), new RegExp(field), url);
    }
    const unknown = await call(h.app, s.t.token, 'GET', `/reports/statement/export?format=pdf&customer_id=${newId()}&from=2025-06-01&to=2025-06-30`);
    assert.equal(unknown.status, 404, JSON.stringify(unknown.body));

    const other = await createTestTenant(h.database);
    const theirs = await createCustomer(h.app, other.token, { name: 'Zenith Secret Industries' });
    await createInvoice(h.app, other.token, theirs.id, '999.00', '0', { issue_date: '2025-06-01' });
    const foreign = await call(h.app, s.t.token, 'GET', `/reports/statement/export?format=csv&customer_id=${theirs.id}&from=2025-06-01&to=2025-06-30`);
    assert.equal(foreign.status, 404);
    assert.doesNotMatch(JSON.stringify(foreign.body), /Zenith/);
    // Their own statement works, and ours shows nothing of theirs.
    assert.equal((await download(other.token, `/reports/statement/export?format=csv&customer_id=${theirs.id}&from=2025-06-01&to=2025-06-30`)).statusCode, 200);
    const ours = await download(s.t.token, '/reports/monthly/export?format=csv&month=2025-06');
    assert.doesNotMatch(ours.body, /Zenith|999\.00/);
  });

  test('the KPI trend note rounds the CEI average as its cells do: 72.35 is 72.4 %, not toFixed\'s 72.3', () => {
    const month = (m: string, cei: number) => ({
      month: m, start: `${m}-01`, end: `${m}-28`, days: 28, opening_ar: '0.00', credit_sales: '0.00', collections: '0.00', closing_ar: '0.00',
      closing_current_ar: '0.00', dso_simple: 0, dso_countback: 0, bpdso: 0, add: 0, cei,
    });
    // The average of 72.30 and 72.40 is 72.35, which a binary double holds as 72.3499…
    const section = kpiTrendSection([month('2025-01', 72.3), month('2025-02', 72.4)], 'INR');
    assert.match(section.note ?? '', /CEI average over the months: 72\.4%\./);
  });
});
