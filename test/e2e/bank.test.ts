import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { api, inr, login, newTenant, openPage, seedCustomer, seedInvoice, useE2E } from './harness.ts';

const e2e = useE2E();

const ACCOUNT = '50200012345678';

/** An MT940 statement as an Indian bank sends it: CRLF, comma decimals, one :61:/:86: pair a line. */
function mt940(
  lines: { amount: string; ref: string; details: string }[],
  opening = '1000,00',
  closing?: string,
  account = ACCOUNT,
) {
  const cents = (s: string) => Math.round(Number(s.replace(',', '.')) * 100);
  const close =
    closing ?? ((cents(opening) + lines.reduce((n, l) => n + cents(l.amount), 0)) / 100).toFixed(2);
  return [
    ':20:STMT250620',
    `:25:${account}`,
    ':28C:1/1',
    `:60F:C250620INR${opening}`,
    ...lines.flatMap((l) => [`:61:2506200620C${l.amount}NTRFNONREF//${l.ref}`, `:86:${l.details}`]),
    `:62F:C250620INR${close.replace('.', ',')}`,
    '-',
  ].join('\r\n');
}

const statement = mt940([
  // The VPA is set up for Acme: certain, applied without a person.
  {
    amount: '118000,00',
    ref: '512345678901',
    details: 'UPI-ACME TRADERS-acme.traders@okhdfcbank-HDFC0000001-512345678901-MAY',
  },
  // Only a misspelt name: a suggestion for a person to accept.
  {
    amount: '35400,00',
    ref: 'N171250699999999',
    details: 'NEFT CR-SBIN0004567-SHREE GANESH TRADRS-PAYMENT-N171250699999999',
  },
  // A payer no one knows and an amount that fits no invoice: split by hand.
  {
    amount: '30000,00',
    ref: 'N171250688888888',
    details: 'NEFT CR-UTIB0000123-JH EXPORTS-ORDER 88-N171250688888888',
  },
]);

describe('bank & cash workbench', () => {
  test('upload a statement, match, accept a suggestion with one key, split an unmatched line by hand', async () => {
    const t = await newTenant(e2e);
    const acme = await seedCustomer(e2e, t, { code: 'ACME-01', name: 'Acme Traders Pvt Ltd' });
    const ganesh = await seedCustomer(e2e, t, { code: 'SGT-01', name: 'Shree Ganesh Traders' });
    const jaipur = await seedCustomer(e2e, t, { code: 'JPR-01', name: 'Jaipur Handicrafts' });
    await seedInvoice(e2e, t, acme.id, '100000.00', '18', { issue_date: '2025-05-01' });
    const g1 = await seedInvoice(e2e, t, ganesh.id, '30000.00', '18', { issue_date: '2025-05-12' });
    await seedInvoice(e2e, t, ganesh.id, '20000.00', '18', { issue_date: '2025-05-20' });
    const j1 = await seedInvoice(e2e, t, jaipur.id, '10000.00', '18', { issue_date: '2025-05-02' });
    const j2 = await seedInvoice(e2e, t, jaipur.id, '25000.00', '18', { issue_date: '2025-05-15' });
    const bank = await api(e2e, t, 'POST', '/bank-accounts', {
      name: 'HDFC current',
      account_number: ACCOUNT,
      ifsc: 'HDFC0001234',
      currency: 'INR',
    });
    assert.equal(bank.status, 201, JSON.stringify(bank.body));
    const vpa = await api(e2e, t, 'POST', `/customers/${acme.id}/payer-identifiers`, {
      kind: 'vpa',
      value: 'acme.traders@okhdfcbank',
    });
    assert.equal(vpa.status, 201, JSON.stringify(vpa.body));

    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t, '/customers');
      await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
      await page.keyboard.press('g');
      await page.keyboard.press('b');
      await page.getByRole('heading', { name: 'Bank & cash', level: 1 }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/bank');
      await page.getByTestId('shortcut-legend').filter({ hasText: 'ignore' }).waitFor();

      // A broken file: the server's line-numbered message is shown, nothing is imported.
      const file = page.getByLabel('Statement file');
      await file.setInputFiles({
        name: 'broken.sta',
        mimeType: 'text/plain',
        buffer: Buffer.from(statement.replace(':61:250620', ':61:25XX20')),
      });
      await page
        .getByRole('alert')
        .filter({ hasText: /line \d+/ })
        .waitFor();

      await file.setInputFiles({
        name: 'hdfc-20250620.sta',
        mimeType: 'text/plain',
        buffer: Buffer.from(statement),
      });
      const result = page.getByTestId('statement-result');
      await result.waitFor();
      assert.equal(await result.getByTestId('new-lines').textContent(), '3');
      assert.equal(await result.getByTestId('duplicate-lines').textContent(), '0');
      await result.getByText('balances agree').waitFor();

      await page.getByRole('button', { name: 'Match now' }).click();
      const summary = page.getByTestId('match-summary');
      await summary.waitFor();
      assert.equal(await summary.getByTestId('count-applied').textContent(), '1 applied');
      assert.equal(await summary.getByTestId('count-suggested').textContent(), '1 suggested');
      assert.equal(await summary.getByTestId('count-none').textContent(), '1 not matched');
      assert.match(
        (await summary.textContent()) ?? '',
        new RegExp(`${inr('118000.00')} applied without a person`),
      );
      assert.equal(
        await summary.getByRole('img').getAttribute('aria-label'),
        'Applied 1, Suggested 1, Not matched 1',
      );

      // The suggestion, chosen with the keyboard and accepted with one key.
      const lines = page.getByTestId('bank-lines').locator('tbody tr[data-row]');
      await page.getByRole('tab', { name: 'Suggested (1)' }).waitFor();
      await lines.filter({ hasText: 'SHREE GANESH TRADRS' }).waitFor();
      assert.equal(await lines.count(), 1);
      await page.keyboard.press('j');
      const current = page.locator('tr[aria-current="true"]');
      assert.match((await current.textContent()) ?? '', /SHREE GANESH TRADRS/);
      assert.equal(await current.locator('td.num').first().textContent(), inr('35400.00'));
      assert.equal(await current.evaluate((el) => el === document.activeElement), true);
      const proposal = page.getByTestId('proposal');
      await proposal.filter({ hasText: 'Shree Ganesh Traders' }).waitFor();
      assert.match((await proposal.textContent()) ?? '', new RegExp(`${g1.number}${inr('35400.00')}`));
      await page.keyboard.press('a');
      const outcome = page.getByTestId('action-result');
      await outcome.getByTestId('receipt-number').filter({ hasText: /^RCT/ }).waitFor();
      const ganeshReceipt = (await outcome.getByTestId('receipt-number').textContent()) ?? '';
      // The server reports the name as its match key, folded for transliteration (SHREE → SRI).
      assert.match(
        (await outcome.getByTestId('learned').textContent()) ?? '',
        /learned: .*name (SHREE|SRI) GANESH TRADRS/,
      );
      await page.getByRole('tab', { name: 'Suggested (0)' }).waitFor();

      await page.getByRole('tab', { name: 'Applied' }).click();
      const applied = lines.filter({ hasText: 'SHREE GANESH TRADRS' });
      await applied.waitFor();
      assert.match((await applied.textContent()) ?? '', new RegExp(ganeshReceipt));
      assert.match((await lines.filter({ hasText: 'ACME TRADERS' }).textContent()) ?? '', /Applied · auto/);

      // The unknown payer: find the customer, split over two invoices with TDS on one.
      await page.getByRole('tab', { name: 'Unmatched (1)' }).click();
      await lines.filter({ hasText: 'JH EXPORTS' }).click();
      const detail = page.getByTestId('line-detail');
      await detail.getByRole('heading', { name: new RegExp(inr('30000.00')) }).waitFor();
      await page.locator('h1').click();
      await page.keyboard.press('/');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'open-item-search');
      await page.keyboard.press('Escape');

      await detail.getByLabel('Paid by customer').fill('Jaipur');
      await page.getByRole('option', { name: /Jaipur Handicrafts/ }).waitFor();
      await detail.getByLabel('Paid by customer').press('Enter');
      const grid = page.getByTestId('split-grid');
      await grid.waitFor();
      assert.equal(await grid.locator('tbody tr').count(), 2);
      await page.getByLabel(`Amount for ${j1.number}`).fill('11600');
      await page.getByLabel(`TDS for ${j1.number}`).fill('200');
      await page.getByLabel(`Amount for ${j2.number}`).fill('20000');
      // More cash applied than the line brought in: refused before it is sent.
      assert.equal(
        await page.getByTestId('left-to-apply').locator('.money').textContent(),
        `-${inr('1600.00')}`,
      );
      assert.equal(await page.getByRole('button', { name: 'Accept split' }).isDisabled(), true);
      await page.getByLabel(`Amount for ${j2.number}`).fill('18,400');
      assert.equal(await page.getByTestId('split-applied').locator('.money').textContent(), inr('30000.00'));
      assert.equal(await page.getByTestId('left-to-apply').locator('.money').textContent(), inr('0.00'));
      await page.getByRole('button', { name: 'Accept split' }).click();
      await outcome
        .filter({ hasText: inr('30000.00') })
        .getByTestId('receipt-number')
        .waitFor();
      assert.notEqual(await outcome.getByTestId('receipt-number').textContent(), ganeshReceipt);
      await page.getByRole('tab', { name: 'Unmatched (0)' }).waitFor();

      // What the ledger says: Acme paid in full, Shree Ganesh owes the second invoice, Jaipur the rest.
      const balance = async (id: string) => (await api(e2e, t, 'GET', `/customers/${id}`)).body.balance;
      assert.equal(await balance(acme.id), '0.00');
      assert.equal(await balance(ganesh.id), '23600.00');
      assert.equal(await balance(jaipur.id), '11100.00');
      assert.equal((await api(e2e, t, 'GET', `/invoices/${j1.id}`)).body.status, 'paid');
      assert.equal((await api(e2e, t, 'GET', `/invoices/${j2.id}`)).body.open_amount, '11100.00');
      const done = await api(e2e, t, 'GET', '/bank-lines?status=applied');
      assert.equal(done.body.data.length, 3);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('add an account on the page, a statement that does not balance, ignore one line and park another', async () => {
    const t = await newTenant(e2e);
    const c = await seedCustomer(e2e, t, { code: 'VZG-02', name: 'Coastal Fisheries' });
    await seedInvoice(e2e, t, c.id, '10000.00', '0', { issue_date: '2025-06-01' });
    // The closing balance says 6,000 but the lines add up to 5,512.50 on top of nothing.
    const short = mt940(
      [
        { amount: '512,50', ref: 'INT0620', details: 'INT.CREDIT FOR QUARTER ENDED JUN' },
        {
          amount: '5000,00',
          ref: 'N171250677777777',
          details: 'NEFT CR-KKBK0000958-KALPANA R-N171250677777777',
        },
      ],
      '0,00',
      '6000.00',
      '000405001234',
    );
    const { page, context, errors } = await openPage(e2e);
    try {
      await login(page, t, '/bank');
      await page.getByRole('button', { name: 'Add bank account' }).click();
      const form = page.getByRole('form', { name: 'New bank account' });
      await form.getByLabel('Account name').fill('ICICI current');
      await form.getByLabel('Account number or IBAN').fill('000405001234');
      await form.getByLabel('IFSC').fill('icic0000104');
      await form.getByRole('button', { name: 'Save account' }).click();
      await form.waitFor({ state: 'hidden' });
      // The list refetches after the save; the new account is chosen once its option is there.
      const chooser = page.getByLabel('Bank account');
      const chosen = () => chooser.locator('option:checked').textContent();
      for (let i = 0; i < 50 && (await chosen()) !== 'ICICI current ·1234 (INR)'; i++) await page.waitForTimeout(100);
      assert.equal(await chosen(), 'ICICI current ·1234 (INR)');

      const file = page.getByLabel('Statement file');
      await file.setInputFiles({ name: 'icici.sta', mimeType: 'text/plain', buffer: Buffer.from(short) });
      await page.getByTestId('balance-mismatch').filter({ hasText: 'difference 487.50' }).waitFor();
      assert.equal(await page.getByTestId('new-lines').textContent(), '2');
      // The same file again is recognised: nothing new, both lines counted as already imported.
      await file.setInputFiles({
        name: 'icici-again.sta',
        mimeType: 'text/plain',
        buffer: Buffer.from(short),
      });
      await page.getByTestId('duplicate-lines').filter({ hasText: '2' }).waitFor();
      assert.equal(await page.getByTestId('new-lines').textContent(), '0');

      await page.getByRole('button', { name: 'Match now' }).click();
      await page.getByTestId('count-none').filter({ hasText: '2 not matched' }).waitFor();
      await page.getByRole('tab', { name: 'Unmatched (2)' }).click();
      const lines = page.getByTestId('bank-lines').locator('tbody tr[data-row]');
      await lines.first().waitFor();

      // Interest is not customer money: i asks for the reason, and the line leaves the worklist.
      await lines.filter({ hasText: 'INT.CREDIT' }).click();
      await page.keyboard.press('i');
      const ignore = page.getByRole('dialog', { name: 'Ignore line' });
      await ignore.getByLabel('Reason').fill('Interest credited by the bank');
      await ignore.getByLabel('Reason').press('Enter');
      await page.getByTestId('action-result').filter({ hasText: 'Interest credited by the bank' }).waitFor();
      await page.getByRole('tab', { name: 'Unmatched (1)' }).waitFor();

      // The payer is known to the collector but owes no invoice of that amount: p parks it on account.
      assert.match((await page.locator('tr[aria-current="true"]').textContent()) ?? '', /KALPANA R/);
      await page.keyboard.press('p');
      const park = page.getByRole('dialog', { name: 'Park on account' });
      await park.getByLabel('Customer who paid').fill('Coastal');
      await page.getByRole('option', { name: /Coastal Fisheries/ }).waitFor();
      await park.getByLabel('Customer who paid').press('Enter');
      await park.getByRole('button', { name: 'Park on account' }).click();
      await page
        .getByTestId('action-result')
        .getByTestId('receipt-number')
        .filter({ hasText: /^RCT/ })
        .waitFor();
      assert.match(
        (await page.getByTestId('action-result').textContent()) ?? '',
        /₹5,000.00 parked on account/,
      );
      await page.getByRole('tab', { name: 'Parked' }).click();
      await lines.filter({ hasText: 'KALPANA R' }).filter({ hasText: 'On account' }).waitFor();

      assert.equal((await api(e2e, t, 'GET', `/customers/${c.id}`)).body.balance, '5000.00');
      assert.equal((await api(e2e, t, 'GET', '/bank-lines?status=ignored')).body.data.length, 1);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
