import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLedgerSound, balanceOf, createCustomer, createInvoice } from '../../testing/fixtures.ts';
import { call, createTestTenant, useHarness } from '../../testing/harness.ts';
import { upload } from '../../testing/upload.ts';
import { systemCtx } from '../../platform/context.ts';
import { countPendingLines } from './cashapp.repo.ts';
import { runCashApplication } from './cashapp.service.ts';

const h = useHarness();

/** An MT940 statement as an Indian bank sends it: one :61:/:86: pair per line. */
function mt940(account: string, date: string, opening: string, lines: { amount: string; mark: 'C' | 'D'; ref: string; details: string }[], closing?: string) {
  const yymmdd = date.slice(2).replace(/-/g, '');
  const total = lines.reduce((n, l) => n + (l.mark === 'C' ? 1 : -1) * Math.round(Number(l.amount.replace(',', '.')) * 100), 0);
  const close = closing ?? ((Math.round(Number(opening) * 100) + total) / 100).toFixed(2);
  return [
    ':20:STMT' + yymmdd,
    `:25:${account}`,
    ':28C:1/1',
    `:60F:C${yymmdd}INR${opening.replace('.', ',')}`,
    ...lines.flatMap((l) => [`:61:${yymmdd}${yymmdd.slice(2)}${l.mark}${l.amount}NTRFNONREF//${l.ref}`, `:86:${l.details}`]),
    `:62F:C${yymmdd}INR${close.replace('.', ',')}`,
    '-',
  ].join('\r\n');
}

/** Two customers with two open invoices each: Acme (1,18,000 and 59,000), Shree Ganesh (35,400 and 23,600). */
async function acmeAndGanesh() {
  const t = await createTestTenant(h.database);
  const acme = await createCustomer(h.app, t.token, { name: 'Acme Traders Pvt Ltd' });
  const ganesh = await createCustomer(h.app, t.token, { name: 'Shree Ganesh Traders' });
  const a1 = await createInvoice(h.app, t.token, acme.id, '100000.00', '18', { issue_date: '2025-05-01' });
  const a2 = await createInvoice(h.app, t.token, acme.id, '50000.00', '18', { issue_date: '2025-05-10' });
  const g1 = await createInvoice(h.app, t.token, ganesh.id, '30000.00', '18', { issue_date: '2025-05-12' });
  const g2 = await createInvoice(h.app, t.token, ganesh.id, '20000.00', '18', { issue_date: '2025-05-20' });
  return { t, acme, ganesh, a1, a2, g1, g2 };
}

describe('bank statements and cash application', () => {
  test('a statement is imported once, matched, applied, and a person\'s match is learned for the next one', async () => {
    const { t, acme, ganesh, a1, a2, g1, g2 } = await acmeAndGanesh();
    const bank = await call(h.app, t.token, 'POST', '/bank-accounts', { name: 'HDFC current', account_number: '50200012345678', ifsc: 'HDFC0001234', currency: 'INR' });
    assert.equal(bank.status, 201, JSON.stringify(bank.body));
    const vpa = await call(h.app, t.token, 'POST', `/customers/${acme.id}/payer-identifiers`, { kind: 'vpa', value: 'acme.traders@okhdfcbank' });
    assert.equal(vpa.status, 201, JSON.stringify(vpa.body));

    const first = mt940('50200012345678', '2025-06-20', '1000.00', [
      { mark: 'C', amount: '118000,00', ref: '512345678901', details: 'UPI-ACME TRADERS-acme.traders@okhdfcbank-HDFC0000001-512345678901-MAY' },
      // 2 % TDS on the taxable 50,000 of the second invoice: 59,000 - 1,000.
      { mark: 'C', amount: '58000,00', ref: 'N171250612345678', details: `NEFT CR-ICIC0000104-ACME TRADERS PVT LTD-${a2.number}-N171250612345678` },
      { mark: 'C', amount: '35400,00', ref: 'N171250699999999', details: 'NEFT CR-SBIN0004567-SHREE GANESH TRADRS-PAYMENT-N171250699999999' },
      { mark: 'D', amount: '236,00', ref: 'CHG0620', details: 'SMS ALERT CHARGES' },
    ]);
    const imported = await upload(h.app, t.token, '/bank-statements', { name: 'hdfc-20250620.sta', content: first });
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.equal(imported.body.new_lines, 4);
    assert.equal(imported.body.statements[0].balance_status, 'ok');
    assert.equal(imported.body.statements[0].bank_account_id, bank.body.id);

    // The same file again: recognised, nothing new.
    const again = await upload(h.app, t.token, '/bank-statements', { name: 'copy.sta', content: first });
    assert.equal(again.status, 200);
    assert.equal(again.body.new_lines, 0);
    assert.equal(again.body.duplicate_lines, 4);
    assert.match(again.body.message, /already imported/);

    const run = await call(h.app, t.token, 'POST', '/cashapp/runs', {});
    assert.equal(run.status, 200, JSON.stringify(run.body));
    const bySource = new Map(run.body.lines.map((l: any) => [l.amount, l]));
    const upi: any = bySource.get('118000.00');
    assert.equal(upi.decision, 'auto', upi.reason);
    assert.equal(upi.customer.id, acme.id);
    assert.deepEqual(upi.allocations.map((x: any) => [x.invoice_number, x.amount]), [[a1.number, '118000.00']]);
    const tds: any = bySource.get('58000.00');
    assert.equal(tds.decision, 'auto', tds.reason);
    assert.deepEqual(tds.allocations.map((x: any) => [x.invoice_number, x.amount, x.tds]), [[a2.number, '58000.00', '1000.00']]);
    assert.match(tds.reason, /2 % TDS on 50,000/);
    const byName: any = bySource.get('35400.00');
    assert.equal(byName.decision, 'suggested', byName.reason);
    assert.equal(byName.customer.id, ganesh.id);
    assert.equal((bySource.get('-236.00') as any).decision, 'none');
    assert.equal(await balanceOf(h.app, t.token, acme.id), '0.00');

    // The collector accepts the suggestion; the payer's name is learned for Shree Ganesh.
    const suggested = (await call(h.app, t.token, 'GET', '/bank-lines?status=suggested')).body.data;
    assert.equal(suggested.length, 1);
    const accepted = await call(h.app, t.token, 'POST', `/bank-lines/${suggested[0].id}/accept`, { customer_id: ganesh.id, allocations: [{ invoice_id: g1.id, amount: '35400.00' }] });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.ok(accepted.body.learned.some((l: string) => l.startsWith('name')), JSON.stringify(accepted.body));
    // Accepting twice is refused, and nothing moves.
    const twice = await call(h.app, t.token, 'POST', `/bank-lines/${suggested[0].id}/accept`, { customer_id: ganesh.id, allocations: [{ invoice_id: g2.id, amount: '23600.00' }] });
    assert.equal(twice.status, 409);
    assert.equal(await balanceOf(h.app, t.token, ganesh.id), '23600.00');

    // Next day the same payer name pays the other invoice: now applied without a person.
    const second = mt940('50200012345678', '2025-06-21', '212164.00', [{ mark: 'C', amount: '23600,00', ref: 'N172250600000001', details: 'NEFT CR-SBIN0004567-SHREE GANESH TRADRS-JUNE-N172250600000001' }]);
    assert.equal((await upload(h.app, t.token, '/bank-statements', { name: 'hdfc-20250621.sta', content: second })).body.new_lines, 1);
    const next = (await call(h.app, t.token, 'POST', '/cashapp/runs', {})).body.lines[0];
    assert.equal(next.decision, 'auto', next.reason);
    assert.match(next.reason, /a name .* pays under/);
    assert.equal(await balanceOf(h.app, t.token, ganesh.id), '0.00');
    await assertLedgerSound(h.database, t.id);
  });

  test('a returned payment reverses the receipt it names and re-opens the invoice', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token, { name: 'Patel & Sons' });
    const inv = await createInvoice(h.app, t.token, c.id, '10000.00', '18', { issue_date: '2025-05-01' });
    const bank = (await call(h.app, t.token, 'POST', '/bank-accounts', { name: 'ICICI', account_number: '000405001234', currency: 'INR' })).body;
    const receipt = await call(h.app, t.token, 'POST', '/receipts', { customer_id: c.id, receipt_date: '2025-06-02', amount: '11800.00', method: 'cheque', reference: '004512', bank_account_id: bank.id, allocate_oldest_first: true });
    assert.equal(receipt.status, 201, JSON.stringify(receipt.body));
    assert.equal(await balanceOf(h.app, t.token, c.id), '0.00');
    const statement = mt940('000405001234', '2025-06-05', '50000.00', [{ mark: 'D', amount: '11800,00', ref: 'RET004512', details: 'CHQ RET 004512 INSUFFICIENT FUNDS PATEL AND SONS' }]);
    assert.equal((await upload(h.app, t.token, '/bank-statements', { name: 'icici.sta', content: statement })).status, 200);
    const line = (await call(h.app, t.token, 'POST', '/cashapp/runs', {})).body.lines[0];
    assert.equal(line.decision, 'auto', line.reason);
    assert.equal(line.receipt_number, receipt.body.number);
    assert.equal((await call(h.app, t.token, 'GET', `/receipts/${receipt.body.id}`)).body.status, 'reversed');
    assert.equal((await call(h.app, t.token, 'GET', `/invoices/${inv.id}`)).body.status, 'open');
    assert.equal(await balanceOf(h.app, t.token, c.id), '11800.00');
    await assertLedgerSound(h.database, t.id);
  });

  test('a cheque cleared takes its number from the narration; the same cheque returned reverses that receipt', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token, { name: 'Sagar Durga Agencies' });
    const inv = await createInvoice(h.app, t.token, c.id, '20000.00', '18', { issue_date: '2025-05-01' });
    await call(h.app, t.token, 'POST', '/bank-accounts', { name: 'SBI', account_number: '30001234567', currency: 'INR' });
    // The bank's own reference (CLG0605A) is no cheque number; the narration carries it.
    const cleared = mt940('30001234567', '2025-06-05', '0.00', [{ mark: 'C', amount: '23600,00', ref: 'CLG0605A', details: `CLG/320656/SAGAR DURGA AGENCIES/${inv.number}` }]);
    assert.equal((await upload(h.app, t.token, '/bank-statements', { name: 'sbi-0605.sta', content: cleared })).status, 200);
    const line = (await call(h.app, t.token, 'POST', '/cashapp/runs', {})).body.lines[0];
    assert.equal(line.decision, 'auto', line.reason);
    const receipts = (await call(h.app, t.token, 'GET', '/receipts')).body.data;
    assert.deepEqual(
      receipts.map((r: any) => [r.number, r.method, r.reference, r.amount]),
      [[line.receipt_number, 'cheque', '320656', '23600.00']],
    );
    assert.equal(await balanceOf(h.app, t.token, c.id), '0.00');

    const returned = mt940('30001234567', '2025-06-08', '23600.00', [{ mark: 'D', amount: '23600,00', ref: 'RET0608', details: 'CHQ RET 320656 REFER TO DRAWER' }]);
    assert.equal((await upload(h.app, t.token, '/bank-statements', { name: 'sbi-0608.sta', content: returned })).status, 200);
    const back = (await call(h.app, t.token, 'POST', '/cashapp/runs', {})).body.lines[0];
    assert.equal(back.decision, 'auto', back.reason);
    assert.equal(back.receipt_number, line.receipt_number);
    assert.equal((await call(h.app, t.token, 'GET', `/invoices/${inv.id}`)).body.status, 'open');
    assert.equal(await balanceOf(h.app, t.token, c.id), '23600.00');
    await assertLedgerSound(h.database, t.id);
  });

  test("the tenant's auto-apply threshold decides what is applied without a person", async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token, { name: 'Shree Ganesh Traders' });
    const inv = await createInvoice(h.app, t.token, c.id, '30000.00', '18', { issue_date: '2025-05-12' });
    await call(h.app, t.token, 'POST', '/bank-accounts', { name: 'HDFC', account_number: '50200099887766', currency: 'INR' });
    assert.equal((await call(h.app, t.token, 'GET', '/settings')).body.cashapp_auto_threshold, 90);
    // A misspelt name and the right amount: likely, not sure.
    const statement = mt940('50200099887766', '2025-06-20', '0.00', [{ mark: 'C', amount: '35400,00', ref: 'N171250699999999', details: 'NEFT CR-SBIN0004567-SHREE GANESH TRADRS-PAYMENT-N171250699999999' }]);
    assert.equal((await upload(h.app, t.token, '/bank-statements', { name: 'hdfc.sta', content: statement })).status, 200);
    const first = (await call(h.app, t.token, 'POST', '/cashapp/runs', {})).body.lines[0];
    assert.equal(first.decision, 'suggested', first.reason);
    assert.ok(first.confidence >= 50 && first.confidence < 90, String(first.confidence));

    for (const bad of [49, 101, 75.5]) {
      const res = await call(h.app, t.token, 'PATCH', '/settings', { cashapp_auto_threshold: bad });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.details.field, 'cashapp_auto_threshold');
    }
    const lowered = await call(h.app, t.token, 'PATCH', '/settings', { cashapp_auto_threshold: first.confidence });
    assert.equal(lowered.status, 200, JSON.stringify(lowered.body));
    assert.equal(lowered.body.cashapp_auto_threshold, first.confidence);
    const again = (await call(h.app, t.token, 'POST', '/cashapp/runs', { rematch: true })).body.lines[0];
    assert.equal(again.decision, 'auto', again.reason);
    assert.equal((await call(h.app, t.token, 'GET', `/invoices/${inv.id}`)).body.status, 'paid');
    await assertLedgerSound(h.database, t.id);
  });

  test('a run whose clues come from the clue thread, written a small batch at a time, decides and applies every line as one without it', async () => {
    const { t, acme, ganesh, a1, a2, g1 } = await acmeAndGanesh();
    await call(h.app, t.token, 'POST', '/bank-accounts', { name: 'HDFC current', account_number: '50200012345670', currency: 'INR' });
    await call(h.app, t.token, 'POST', `/customers/${acme.id}/payer-identifiers`, { kind: 'vpa', value: 'acme.traders@okhdfcbank' });
    const statement = mt940('50200012345670', '2025-06-20', '0.00', [
      { mark: 'C', amount: '118000,00', ref: '512345678901', details: 'UPI-ACME TRADERS-acme.traders@okhdfcbank-HDFC0000001-512345678901-MAY' },
      { mark: 'C', amount: '58000,00', ref: 'N171250612345678', details: `NEFT CR-ICIC0000104-ACME TRADERS PVT LTD-${a2.number}-N171250612345678` },
      { mark: 'C', amount: '35400,00', ref: 'CLG0620A', details: `CLG/320656/SHREE GANESH TRADERS/${g1.number.replace(/0/g, 'O')}` },
      // Returns the cheque just above: with two lines a transaction, its receipt is still queued.
      { mark: 'D', amount: '35400,00', ref: 'RET0620', details: 'CHQ RET 320656 REFER TO DRAWER' },
      { mark: 'C', amount: '1234,00', ref: 'N171250600000001', details: 'NEFT CR-YESB0000001-INCOME TAX DEPARTMENT-REFUND' },
    ]);
    assert.equal((await upload(h.app, t.token, '/bank-statements', { name: 'hdfc.sta', content: statement })).status, 200);
    const ctx = systemCtx(t.id, 'cli');
    // What decides whether a run starts the thread: the lines it would read, counted without reading them.
    assert.equal(await countPendingLines(h.database.db, t.id, {}), 5);
    assert.equal(await countPendingLines(h.database.db, t.id, { statementId: acme.id }), 0);
    const here = await runCashApplication(h.database.db, ctx, { dryRun: true, clueThread: false });
    const threaded = await runCashApplication(h.database.db, ctx, { dryRun: true, clueThread: true });
    assert.deepEqual(threaded, here);
    assert.deepEqual([here.auto, here.suggested, here.none], [3, 0, 1]);

    // Two lines a transaction: the return comes while the receipt of its cheque is still queued.
    const run = await runCashApplication(h.database.db, ctx, { clueThread: true, postBatch: 2 });
    assert.deepEqual(run.lines.map((l) => [l.amount, l.decision]), [['118000.00', 'auto'], ['58000.00', 'auto'], ['35400.00', 'auto'], ['-35400.00', 'auto'], ['1234.00', 'none']]);
    assert.equal(run.lines[3]!.receipt_number, run.lines[2]!.receipt_number);
    assert.equal(await countPendingLines(h.database.db, t.id, {}), 0);
    // The refund left unmatched waits for a rematch.
    assert.equal(await countPendingLines(h.database.db, t.id, { rematch: true }), 1);
    const applied = new Map(run.lines.map((l) => [l.amount, l]));
    assert.deepEqual(applied.get('118000.00')!.allocations.map((x) => x.invoice_number), [a1.number]);
    assert.ok(applied.get('58000.00')!.receipt_number);
    assert.equal(applied.get('35400.00')!.customer?.id, ganesh.id, applied.get('35400.00')!.reason);
    assert.equal(await balanceOf(h.app, t.token, acme.id), '0.00');
    assert.equal(await balanceOf(h.app, t.token, ganesh.id), '59000.00');
    assert.equal((await call(h.app, t.token, 'GET', `/invoices/${g1.id}`)).body.status, 'open');
    await assertLedgerSound(h.database, t.id);
  });

  test('a broken or unbalanced statement: a clear message, nothing half-written', async () => {
    const t = await createTestTenant(h.database);
    await call(h.app, t.token, 'POST', '/bank-accounts', { name: 'HDFC', account_number: '50200099999999', currency: 'INR' });
    const broken = mt940('50200099999999', '2025-06-20', '0.00', [{ mark: 'C', amount: '100,00', ref: 'X1', details: 'OK' }]).replace(':61:250620', ':61:25XX20');
    const bad = await upload(h.app, t.token, '/bank-statements', { name: 'broken.sta', content: broken });
    assert.equal(bad.status, 422, JSON.stringify(bad.body));
    assert.match(bad.body.error.message, /line \d+/);
    assert.equal((await call(h.app, t.token, 'GET', '/bank-lines')).body.data.length, 0);

    const unbalanced = mt940('50200099999999', '2025-06-20', '0.00', [{ mark: 'C', amount: '100,00', ref: 'X1', details: 'OK' }], '150.00');
    const res = await upload(h.app, t.token, '/bank-statements', { name: 'short.sta', content: unbalanced });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.statements[0].balance_status, 'mismatch');
    assert.match(res.body.statements[0].balance_message, /closing balance is 150.00 \(difference 50.00\)/);

    const unknown = await upload(h.app, t.token, '/bank-statements', { name: 'other.sta', content: mt940('99999999', '2025-06-20', '0.00', []) });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.details.field, 'bank_account_id');
  });
});
