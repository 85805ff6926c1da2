import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AllocationTarget } from '../allocation.ts';
import { findPaidSet, fitInvoices } from './amounts.ts';
import { shortAmount } from './explain.ts';
import { invoiceKeys, sharedKeys, textKeys } from './invoice-refs.ts';
import { nameKey, nameSimilarity } from './names.ts';

const hits = (number: string, text: string) => sharedKeys(invoiceKeys(number), textKeys(text));

test('invoice numbers are found however the payer wrote them', () => {
  for (const text of ['INV-2024-0113', 'inv 2024 113', 'INV2024/0113', 'lNV-2O24-O113', 'NEFT CR-HDFC0001234-ACME-INV 2024-0113', 'UPI-412345678901-INV20240113', 'bill no. 2024/113']) {
    const found = hits('INV-2024-0113', text);
    assert.ok(found.length > 0 && !found[0]!.startsWith('tail:'), `${text}: ${found}`);
  }
  // Only the serial, without the year: found, but as the weaker tail key.
  assert.equal(hits('INV-2024-0113', 'payment 0113')[0], 'tail:f:113');
  // A serial whose zeros all came back as O: its leading Os are no series prefix.
  for (const text of ['PART PMT lNV-2O25-OO669OO-N000253685679300', 'lNV-2O25-OOO97OO']) {
    const number = text.includes('669') ? 'INV-2025-0066900' : 'INV-2025-0009700';
    const found = hits(number, text);
    assert.ok(found.length > 0 && !found[0]!.startsWith('tail:'), `${text}: ${found}`);
  }
  // A word is not read as a number because some of its letters look like digits.
  assert.deepEqual([...textKeys('GOODS SBIN0004567')], ['t:GOODS', 't:SBIN0004567']);
});

test('numbers that only look alike are not the invoice', () => {
  assert.deepEqual(hits('INV-2024-0113', 'INV-2024-0114'), []);
  // An IFSC is a bank branch, not invoice 1234.
  assert.deepEqual(hits('INV-1234', 'NEFT CR-HDFC0001234-ACME'), []);
  // A 12-digit UPI reference does not contain the invoice: tokens match whole.
  assert.deepEqual(hits('INV-456789', 'UPI-412345678901'), []);
});

test('payer names match across transliteration, truncation and legal forms', () => {
  assert.ok(nameSimilarity('SHREE LAXMI TRADERS', 'Sri Lakshmi Traders Pvt Ltd') >= 0.95);
  assert.ok(nameSimilarity('ACME TRADERS PRIVA', 'Acme Traders Private Limited') >= 0.95);
  assert.ok(nameSimilarity('AGARWAL STEELS', 'Aggarwal Steels') >= 0.95);
  assert.ok(nameSimilarity('M/S PATEL AND SONS', 'Patel & Sons') >= 0.95);
  assert.ok(nameSimilarity('RAMESH KUMAR', 'Suresh Kumar') < 0.7);
  assert.ok(nameSimilarity('TATA STEEL', 'Tata Motors') < 0.7);
  assert.equal(nameKey('M/s. Shree Laxmi Traders Pvt. Ltd.'), nameKey('SRI LAKSHMI TRADERS'));
  // Cut in a legal form: the stub says nothing and costs nothing.
  assert.equal(nameKey('ACME AGENCIES PRIVA'), nameKey('Acme Agencies'));
  // "Enterprises" is part of the name, not its legal form: Divya Bhavani Enterprises and Divya
  // Bhavani Agencies are two firms (on the bench, the one mistaken for the other).
  assert.ok(nameSimilarity('NEW JALARAM ENTERPRI', 'New Jalaram Enterprises') >= 0.95);
  assert.ok(nameSimilarity('DIVYA BHAVANI ENTERPRISES', 'Divya Bhavani Agencies Ahmedabad LLP') < 0.7);
  assert.equal(nameKey('ACME TRADERS PRIVA'), nameKey('Acme Traders'));
  // Cut before the town: like every firm of that name, equal to none of them.
  const cut = nameSimilarity('VISHAL VENKATESH TEXTILES', 'Vishal Venkatesh Textiles Surat');
  assert.ok(cut >= 0.95 && cut < 0.999, String(cut));
  assert.ok(nameSimilarity('VISHAL VENKATESH TEXTILES SURAT', 'Vishal Venkatesh Textiles Surat') >= 0.999);
});

const policy = { writeOffTolerance: 0n, bankChargeTolerance: 10_000n, maxTdsBp: 2000 };
const inv = (number: string, open: bigint, taxable: bigint, dueDate: string): AllocationTarget => ({ id: number, number, customerId: 'c', currency: 'INR', open, taxable, issueDate: '2024-04-01', dueDate, maxDiscount: 0n });

test('TDS is found at the usual rates of the taxable value, rupee rounding allowed', () => {
  const a = inv('A', 11_800_00n, 10_000_00n, '2024-05-01');
  assert.deepEqual(fitInvoices(11_600_00n, [a], policy).lines[0], { invoiceId: 'A', amount: 11_600_00n, tds: 200_00n, bankCharges: 0n, discount: 0n, writeOff: 0n });
  // 2 % of 4,236.44 is 84.73; the payer withheld 85: still TDS, cash + TDS closes the invoice.
  const b = inv('B', 4_999_00n, 4_236_44n, '2024-05-01');
  const fit = fitInvoices(4_914_00n, [b], policy);
  assert.equal(fit.kind, 'tds');
  assert.equal(fit.lines[0]!.amount + fit.lines[0]!.tds, 4_999_00n);
  // 20 % is above the tenant's 10 % cap on TDS rates we consider: a partial payment instead.
  assert.equal(fitInvoices(9_440_00n, [a], { ...policy, maxTdsBp: 1000 }).kind, 'partial');
});

test('the set of invoices a payment covers is found, oldest set first when two fit', () => {
  const open = [inv('A', 50_000_00n, 0n, '2024-05-01'), inv('B', 25_000_00n, 0n, '2024-05-10'), inv('C', 10_000_00n, 0n, '2024-05-20'), inv('D', 15_000_00n, 0n, '2024-05-30')];
  const exact = findPaidSet(35_000_00n, open, policy)!;
  assert.equal(exact.kind, 'exact');
  assert.deepEqual(exact.lines.map((l) => l.invoiceId), ['B', 'C']);
  assert.equal(exact.ambiguous, false);
  // 25,000 is B alone or C + D: both fit, B is older, and the doubt is said.
  const twoWays = findPaidSet(25_000_00n, open, policy)!;
  assert.deepEqual(twoWays.lines.map((l) => l.invoiceId), ['B']);
  assert.equal(twoWays.ambiguous, true);
  assert.equal(findPaidSet(1_234_00n, open, policy), null);
  const charges = findPaidSet(59_975_00n, open, policy)!;
  assert.equal(charges.kind, 'charges');
  assert.equal(charges.lines.reduce((n, l) => n + l.bankCharges, 0n), 25_00n);
});

test('of twin sets (equal invoices of one customer) the older is paid, and the choice is said', () => {
  const open = [inv('A', 100_00n, 0n, '2024-05-01'), inv('B', 50_00n, 0n, '2024-05-10'), inv('C', 70_00n, 0n, '2024-05-15'), inv('D', 50_00n, 0n, '2024-05-20')];
  const fit = findPaidSet(150_00n, open, policy)!;
  assert.deepEqual(fit.lines.map((l) => l.invoiceId), ['A', 'B']);
  assert.equal(fit.twins, true);
  assert.equal(fit.ambiguous, false);
  assert.equal(findPaidSet(170_00n, open, policy)!.twins, false);
});

test('a payment of more than the named invoice is completed by the others its rest pays', () => {
  const a = inv('A', 118_000_00n, 100_000_00n, '2024-05-01');
  const b = inv('B', 59_000_00n, 50_000_00n, '2024-05-10');
  const c = inv('C', 23_600_00n, 20_000_00n, '2024-05-20');
  const exact = findPaidSet(141_600_00n, [a, b, c], policy, [a])!;
  assert.deepEqual(exact.lines.map((l) => [l.invoiceId, l.amount]), [['A', 118_000_00n], ['C', 23_600_00n]]);
  // 2 % TDS withheld on both the named invoice and the one left out.
  const tds = findPaidSet(139_200_00n, [a, b, c], policy, [a])!;
  assert.equal(tds.kind, 'tds');
  assert.deepEqual(tds.lines.map((l) => [l.invoiceId, l.amount, l.tds]), [['A', 116_000_00n, 2_000_00n], ['C', 23_200_00n, 400_00n]]);
  // Nothing else adds up: no completion (the caller keeps the rest unapplied).
  assert.equal(findPaidSet(130_000_00n, [a, b, c], policy, [a]), null);
});

test('amounts read in one line: lakh grouping for INR, no .00', () => {
  assert.equal(shortAmount(118_000_00n, 'INR'), '1,18,000');
  assert.equal(shortAmount(1_234_567_89n, 'INR'), '12,34,567.89');
  assert.equal(shortAmount(1_234_567_00n, 'EUR'), '1,234,567');
});
