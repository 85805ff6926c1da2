import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLedgerSound, balanceOf, createCustomer, createInvoice } from '../../testing/fixtures.ts';
import { call, createTestTenant, useHarness } from '../../testing/harness.ts';
import { systemCtx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db.ts';
import { requireTenant } from '../customers/customers.service.ts';
import { recordReceipts } from './payments.service.ts';
import { ReceiptInput } from '@duely/contracts/receipts';

const h = useHarness();

describe('receipts and allocations', () => {
  test('receipt split over two invoices with TDS on one; statement shows each movement with a running balance', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const a = await createInvoice(h.app, t.token, c.id, '100000.00', '18', { issue_date: '2025-05-01' });
    const b = await createInvoice(h.app, t.token, c.id, '50000.00', '18', { issue_date: '2025-05-15' });
    assert.equal(await balanceOf(h.app, t.token, c.id), '177000.00');
    // The customer withholds 2 % TDS on A's taxable value and pays the rest of both by NEFT.
    const res = await call(h.app, t.token, 'POST', '/receipts', {
      customer_id: c.id,
      receipt_date: '2025-06-20',
      amount: '175000.00',
      method: 'neft',
      reference: 'HDFCN52025062012345',
      payer_name: 'SHREE GANESH TRADERS',
      allocations: [
        { invoice_id: a.id, amount: '116000.00', tds: '2000.00' },
        { invoice_id: b.id, amount: '59000.00' },
      ],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.number, 'RCT/25-26/00001');
    assert.equal(res.body.unapplied_amount, '0.00');
    assert.equal(res.body.allocations.length, 2);
    assert.equal((await call(h.app, t.token, 'GET', `/invoices/${a.id}`)).body.status, 'paid');
    assert.equal(await balanceOf(h.app, t.token, c.id), '0.00');

    const st = (await call(h.app, t.token, 'GET', `/customers/${c.id}/statement?from=2025-05-10&to=2025-06-30`)).body;
    assert.equal(st.opening_balance, '118000.00');
    assert.deepEqual(
      st.lines.map((l: any) => [l.date, l.type, l.debit, l.credit, l.balance]),
      [
        ['2025-05-15', 'invoice', '59000.00', '0.00', '177000.00'],
        ['2025-06-20', 'receipt', '0.00', '175000.00', '2000.00'],
        ['2025-06-20', 'deduction', '0.00', '2000.00', '0.00'],
      ],
    );
    assert.match(st.lines[2].description, /TDS deducted on INV/);
    assert.equal(st.closing_balance, '0.00');
    await assertLedgerSound(h.database, t.id);
  });

  test('over-payment stays as customer credit and is applied to a later invoice', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const a = await createInvoice(h.app, t.token, c.id, '1000.00', '0');
    const r = await call(h.app, t.token, 'POST', '/receipts', { customer_id: c.id, receipt_date: '2025-06-02', amount: '1500.00', method: 'upi', reference: '512345678901', allocate_oldest_first: true });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.unapplied_amount, '500.00');
    assert.equal(await balanceOf(h.app, t.token, c.id), '-500.00');
    const unapplied = await call(h.app, t.token, 'GET', '/receipts?status=unapplied');
    assert.equal(unapplied.body.data.length, 1);
    const b = await createInvoice(h.app, t.token, c.id, '800.00', '0', { issue_date: '2025-06-10' });
    const applied = await call(h.app, t.token, 'POST', `/receipts/${r.body.id}/allocations`, { oldest_first: true });
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    assert.equal(applied.body.unapplied_amount, '0.00');
    assert.equal(applied.body.allocations[1].allocation_date, '2025-06-10', 'dated when the invoice existed');
    assert.equal((await call(h.app, t.token, 'GET', `/invoices/${b.id}`)).body.open_amount, '300.00');
    assert.equal(a.open_amount, '1000.00');
    await assertLedgerSound(h.database, t.id);
  });

  test('bounced cheque re-opens what it paid, undoes its TDS, and raises a bounce charge', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const a = await createInvoice(h.app, t.token, c.id, '10000.00', '18');
    const r = await call(h.app, t.token, 'POST', '/receipts', {
      customer_id: c.id,
      receipt_date: '2025-06-15',
      amount: '11600.00',
      method: 'cheque',
      reference: '004512',
      allocations: [{ invoice_id: a.id, amount: '11600.00', tds: '200.00' }],
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(await balanceOf(h.app, t.token, c.id), '0.00');
    const early = await call(h.app, t.token, 'POST', `/receipts/${r.body.id}/reverse`, { reversed_on: '2025-06-01', reason: 'x' });
    assert.equal(early.status, 400);
    assert.equal(early.body.error.details.field, 'reversed_on');
    const rev = await call(h.app, t.token, 'POST', `/receipts/${r.body.id}/reverse`, { reversed_on: '2025-06-18', reason: 'Cheque returned: funds insufficient', bounce_charge: '590.00' });
    assert.equal(rev.status, 200, JSON.stringify(rev.body));
    assert.equal(rev.body.status, 'reversed');
    assert.equal(rev.body.allocations[0].reversed_on, '2025-06-18');
    assert.ok(rev.body.bounce_charge_id);
    const inv = (await call(h.app, t.token, 'GET', `/invoices/${a.id}`)).body;
    assert.equal(inv.open_amount, '11800.00');
    const charge = (await call(h.app, t.token, 'GET', `/invoices/${rev.body.bounce_charge_id}`)).body;
    assert.equal(charge.kind, 'debit_note');
    assert.equal(charge.total, '590.00');
    assert.equal(await balanceOf(h.app, t.token, c.id), '12390.00');
    const twice = await call(h.app, t.token, 'POST', `/receipts/${r.body.id}/reverse`, { reversed_on: '2025-06-19', reason: 'again' });
    assert.equal(twice.status, 409);
    // The same cheque number may be presented again once the first is reversed.
    const again = await call(h.app, t.token, 'POST', '/receipts', { customer_id: c.id, receipt_date: '2025-06-25', amount: '11800.00', method: 'cheque', reference: '004512', allocate_oldest_first: true });
    assert.equal(again.status, 201, JSON.stringify(again.body));
    const st = (await call(h.app, t.token, 'GET', `/customers/${c.id}/statement?from=2025-04-01&to=2026-03-31`)).body;
    assert.deepEqual(st.lines.map((l: any) => l.type), ['invoice', 'receipt', 'deduction', 'reversal', 'deduction_reversal', 'debit_note', 'receipt']);
    assert.equal(st.closing_balance, '590.00');
    await assertLedgerSound(h.database, t.id);
  });

  test('an allocation made to the wrong invoice is taken back, the cash returns to the receipt', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const a = await createInvoice(h.app, t.token, c.id, '100.00', '0');
    const b = await createInvoice(h.app, t.token, c.id, '100.00', '0');
    const r = await call(h.app, t.token, 'POST', '/receipts', { customer_id: c.id, receipt_date: '2025-06-05', amount: '100.00', method: 'cash', allocations: [{ invoice_id: a.id, amount: '100.00' }] });
    const undo = await call(h.app, t.token, 'POST', `/allocations/${r.body.allocations[0].id}/reverse`, { reason: 'Customer paid invoice B', reversed_on: '2025-06-06' });
    assert.equal(undo.status, 200, JSON.stringify(undo.body));
    const redo = await call(h.app, t.token, 'POST', `/receipts/${r.body.id}/allocations`, { allocation_date: '2025-06-06', allocations: [{ invoice_id: b.id, amount: '100.00' }] });
    assert.equal(redo.status, 200, JSON.stringify(redo.body));
    assert.equal((await call(h.app, t.token, 'GET', `/invoices/${a.id}`)).body.open_amount, '100.00');
    assert.equal((await call(h.app, t.token, 'GET', `/invoices/${b.id}`)).body.open_amount, '0.00');
    assert.equal((await call(h.app, t.token, 'POST', `/allocations/${r.body.allocations[0].id}/reverse`, { reason: 'again' })).status, 409);
    await assertLedgerSound(h.database, t.id);
  });

  test('deductions: small-balance write-off within tolerance, bank charges, early-payment discount by terms', async () => {
    const t = await createTestTenant(h.database);
    const terms = await call(h.app, t.token, 'POST', '/payment-terms', { code: '2-10-N30', name: '2/10 net 30', net_days: 30, discount_percent: '2', discount_days: 10 });
    const c = await createCustomer(h.app, t.token, { payment_terms_id: terms.body.id });
    const a = await createInvoice(h.app, t.token, c.id, '1000.00', '0', { issue_date: '2025-06-01' });
    const b = await createInvoice(h.app, t.token, c.id, '1000.00', '0', { issue_date: '2025-06-01' });
    const tooMuch = await call(h.app, t.token, 'POST', '/receipts', { customer_id: c.id, receipt_date: '2025-06-08', amount: '970.00', method: 'imps', reference: '512345678902', allocations: [{ invoice_id: a.id, amount: '970.00', discount: '30.00' }] });
    assert.equal(tooMuch.status, 400);
    assert.equal(tooMuch.body.error.details.field, 'allocations[0].discount');
    const writeOffTooBig = await call(h.app, t.token, 'POST', '/receipts', { customer_id: c.id, receipt_date: '2025-06-08', amount: '800.00', method: 'cash', allocations: [{ invoice_id: b.id, amount: '800.00', write_off: '200.00' }] });
    assert.equal(writeOffTooBig.status, 400);
    assert.equal(writeOffTooBig.body.error.details.field, 'allocations[0].write_off');
    const ok = await call(h.app, t.token, 'POST', '/receipts', {
      customer_id: c.id,
      receipt_date: '2025-06-08',
      amount: '1935.00',
      method: 'rtgs',
      reference: 'SBINR52025060800001',
      allocations: [
        { invoice_id: a.id, amount: '980.00', discount: '20.00' },
        { invoice_id: b.id, amount: '955.00', bank_charges: '5.00', write_off: '40.00' },
      ],
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(await balanceOf(h.app, t.token, c.id), '0.00');
    const late = await createInvoice(h.app, t.token, c.id, '1000.00', '0', { issue_date: '2025-06-01' });
    const lateDiscount = await call(h.app, t.token, 'POST', '/receipts', { customer_id: c.id, receipt_date: '2025-06-12', amount: '980.00', method: 'cash', allocations: [{ invoice_id: late.id, amount: '980.00', discount: '20.00' }] });
    assert.equal(lateDiscount.status, 400, 'the discount window closed on day 10');
    await assertLedgerSound(h.database, t.id);
  });

  test('bad receipts are refused with the field named and nothing is written', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const usd = await createCustomer(h.app, t.token, { currency: 'USD', state_code: null, country: 'US' });
    const a = await createInvoice(h.app, t.token, c.id, '100.00', '0');
    const u = await createInvoice(h.app, t.token, usd.id, '100.00', '0');
    const base = { customer_id: c.id, receipt_date: '2025-06-05', amount: '100.00', method: 'neft' };
    const cases: [object, string][] = [
      [{ ...base, amount: '-1' }, 'amount'],
      [{ ...base, amount: '0' }, 'amount'],
      [{ ...base, amount: '1e6' }, 'amount'],
      [{ ...base, amount: '99999999999999999' }, 'amount'],
      [{ ...base, currency: 'USD' }, 'currency'],
      [{ ...base, currency: 'ABC' }, 'currency'],
      [{ ...base, method: 'bitcoin' }, 'method'],
      [{ ...base, method: 'upi', reference: '123' }, 'reference'],
      [{ ...base, method: 'cheque' }, 'reference'],
      [{ ...base, receipt_date: '05/06/2025' }, 'receipt_date'],
      [{ ...base, allocations: [{ invoice_id: a.id, amount: '100.01' }] }, 'allocations[0].amount'],
      [{ ...base, amount: '50.00', allocations: [{ invoice_id: a.id, amount: '60.00' }] }, 'allocations'],
      [{ ...base, allocations: [{ invoice_id: u.id, amount: '10.00' }] }, 'allocations[0].invoice_id'],
      [{ ...base, allocations: [{ invoice_id: a.id, amount: '10.00', tds: '-1' }] }, 'allocations.0.tds'],
      [{ ...base, payer_name: '\u0000evil' }, 'payer_name'],
    ];
    for (const [body, field] of cases) {
      const res = await call(h.app, t.token, 'POST', '/receipts', body);
      assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.details.field, field, JSON.stringify(res.body));
    }
    assert.equal((await call(h.app, t.token, 'GET', '/receipts')).body.data.length, 0);
    const advance = await call(h.app, t.token, 'POST', '/receipts', { ...base, receipt_date: '2025-05-01' });
    const backdated = await call(h.app, t.token, 'POST', `/receipts/${advance.body.id}/allocations`, { allocation_date: '2025-05-15', allocations: [{ invoice_id: a.id, amount: '10.00' }] });
    assert.equal(backdated.status, 400, 'cannot apply before the invoice exists');
    assert.equal(backdated.body.error.details.field, 'allocation_date');
    const advanceApplied = await call(h.app, t.token, 'POST', `/receipts/${advance.body.id}/allocations`, { allocations: [{ invoice_id: a.id, amount: '10.00' }] });
    assert.equal(advanceApplied.body.allocations[0].allocation_date, '2025-06-01', 'an advance applies from the invoice date');
    const first = await call(h.app, t.token, 'POST', '/receipts', { ...base, reference: 'UTR0001' });
    assert.equal(first.status, 201);
    const dup = await call(h.app, t.token, 'POST', '/receipts', { ...base, reference: 'UTR0001' });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.details.field, 'reference');
    assert.equal((await call(h.app, t.token, 'GET', `/invoices/${a.id}`)).body.open_amount, '90.00');
    await assertLedgerSound(h.database, t.id);
  });

  test('50 concurrent allocations to one invoice never over-allocate', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const inv = await createInvoice(h.app, t.token, c.id, '1000.00', '0');
    const receipts = [];
    for (let i = 0; i < 50; i++) {
      const r = await call(h.app, t.token, 'POST', '/receipts', { customer_id: c.id, receipt_date: '2025-06-05', amount: '70.00', method: 'cash' });
      receipts.push(r.body.id);
    }
    const results = await Promise.all(receipts.map((id) => call(h.app, t.token, 'POST', `/receipts/${id}/allocations`, { allocations: [{ invoice_id: inv.id, amount: '70.00' }] })));
    const ok = results.filter((r) => r.status === 200).length;
    assert.equal(ok, 14, `1000 / 70 → 14 fit; statuses ${JSON.stringify(results.map((r) => r.status))}`);
    assert.ok(results.every((r) => r.status === 200 || (r.status === 400 && r.body.error.details.field === 'allocations[0].amount')));
    const after = (await call(h.app, t.token, 'GET', `/invoices/${inv.id}`)).body;
    assert.equal(after.open_amount, '20.00');
    await assertLedgerSound(h.database, t.id);
  });

  test('Idempotency-Key: a retried POST records once and replays the response', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const body = { customer_id: c.id, receipt_date: '2025-06-05', amount: '10.00', method: 'cash' };
    const key = { 'idempotency-key': 'receipt-abc-1' };
    const [one, two] = await Promise.all([call(h.app, t.token, 'POST', '/receipts', body, key), call(h.app, t.token, 'POST', '/receipts', body, key)]);
    const statuses = [one.status, two.status].sort();
    assert.ok(statuses[0] === 201 && (statuses[1] === 201 || statuses[1] === 409), JSON.stringify(statuses));
    const replay = await call(h.app, t.token, 'POST', '/receipts', body, key);
    assert.equal(replay.status, 201);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal(replay.body.id, one.status === 201 ? one.body.id : two.body.id);
    const mismatch = await call(h.app, t.token, 'POST', '/receipts', { ...body, amount: '11.00' }, key);
    assert.equal(mismatch.status, 409);
    assert.equal(mismatch.body.error.code, 'idempotency_mismatch');
    assert.equal((await call(h.app, t.token, 'GET', '/receipts')).body.data.length, 1);
    const other = await createTestTenant(h.database);
    const c2 = await createCustomer(h.app, other.token);
    const sameKeyOtherTenant = await call(h.app, other.token, 'POST', '/receipts', { ...body, customer_id: c2.id }, key);
    assert.equal(sameKeyOtherTenant.status, 201, 'keys are per tenant');
  });
  test('receipts in a batch: each is checked against the invoices as the ones before leave them, a failing one fails alone, a repeated reference is refused only if the first was recorded', async () => {
    const t = await createTestTenant(h.database);
    const c = await createCustomer(h.app, t.token);
    const a = await createInvoice(h.app, t.token, c.id, '1000.00', '0', { issue_date: '2025-05-01' });
    const b = await createInvoice(h.app, t.token, c.id, '500.00', '0', { issue_date: '2025-05-10' });
    const ctx = systemCtx(t.id);
    const receipt = (fields: Record<string, unknown>) => ({ input: ReceiptInput.parse({ customer_id: c.id, receipt_date: '2025-06-01', ...fields }) });
    const outcomes = await inTransaction(h.database.db, async (trx) =>
      recordReceipts(trx, ctx, await requireTenant(trx, t.id), [
        receipt({ amount: '600.00', method: 'neft', reference: 'UTR0001', allocations: [{ invoice_id: a.id, amount: '600.00' }] }),
        // A has 400 left after the first: asking 600 of it breaks the rule, and only this one fails.
        receipt({ amount: '600.00', method: 'neft', reference: 'UTR0002', allocations: [{ invoice_id: a.id, amount: '600.00' }] }),
        // Same reference as the failed one: one by one it would be recorded, so it is.
        receipt({ amount: '450.00', method: 'neft', reference: 'UTR0002', allocate_oldest_first: true }),
        // Same reference as the recorded first one: a duplicate.
        receipt({ amount: '5.00', method: 'neft', reference: 'UTR0001' }),
        receipt({ amount: '0.00', method: 'cash' }),
        receipt({ amount: '50.00', method: 'cash', allocate_oldest_first: true }),
      ]),
    );
    assert.deepEqual(
      outcomes.map((o) => (o.ok ? 'ok' : ((o.error as { field?: string; code?: string }).code ?? String(o.error)))),
      ['ok', 'invalid_value', 'ok', 'duplicate', 'validation_failed', 'ok'],
    );
    assert.match((outcomes[1] as { error: Error }).error.message, /400\.00|open/);
    const numbers = outcomes.flatMap((o) => (o.ok ? [o.number] : []));
    assert.equal(new Set(numbers).size, 3, 'each recorded receipt has its own number');
    // The third (450 oldest first, in its second pass) and sixth (50 oldest first) clear A's 400 and pay 100 of B.
    assert.equal((await call(h.app, t.token, 'GET', `/invoices/${a.id}`)).body.open_amount, '0.00');
    assert.equal((await call(h.app, t.token, 'GET', `/invoices/${b.id}`)).body.open_amount, '400.00');
    assert.equal(await balanceOf(h.app, t.token, c.id), '400.00');
    assert.equal((await call(h.app, t.token, 'GET', '/receipts')).body.data.length, 3);
    await assertLedgerSound(h.database, t.id);
  });
});
