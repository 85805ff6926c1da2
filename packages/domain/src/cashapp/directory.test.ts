import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findPaidSet } from './amounts.ts';
import { createDirectory } from './directory.ts';
import { HashIndex, hashOf } from './hash-index.ts';

test('the hash index finds every row added under a key, through growth, with several rows per key', () => {
  // Starts small on purpose: 50k keys make it double several times.
  const index = new HashIndex(4);
  for (let i = 0; i < 50_000; i++) {
    index.add(`f:${i}`, i);
    if (i % 10 === 0) index.add(`f:${i}`, i + 1_000_000);
  }
  for (const i of [0, 1, 9, 10, 12_345, 49_990, 49_999]) {
    const found: number[] = [];
    index.find(`f:${i}`, found);
    // A row of another key may share the hash; the caller checks. Its own rows are all there.
    assert.ok(found.includes(i), `f:${i}`);
    assert.equal(found.includes(i + 1_000_000), i % 10 === 0, `f:${i}`);
  }
  const missing: number[] = [];
  index.find('f:never-added', missing);
  assert.ok(missing.length <= 1);
});

test('keys that differ by a character hash apart', () => {
  const hashes = new Set(['f:2024113', 'f:2024114', 'f:2025113', 'tail:f:113', 'f:113', 'f:1130'].map(hashOf));
  assert.equal(hashes.size, 6);
});

test('a subset search on sums a double cannot hold exactly is not attempted, never guessed', () => {
  const big = (id: string, open: bigint) => ({ id, number: id, open, taxable: open, dueDate: '2024-05-01' });
  const policy = { writeOffTolerance: 0n, bankChargeTolerance: 0n, maxTdsBp: 0 };
  const huge = 2n ** 53n;
  assert.equal(findPaidSet(huge + 2n, [big('A', huge), big('B', 2n), big('C', 3n)], policy), null);
  // The same shape at an ordinary size is found.
  assert.deepEqual(findPaidSet(1_000_002n, [big('A', 1_000_000n), big('B', 2n), big('C', 3n)], policy)?.lines.map((l) => l.invoiceId), ['A', 'B']);
});

test('the directory: settled invoices leave the open lists; an amount at two customers names neither', async () => {
  const { createDirectory } = await import('./directory.ts');
  const inv = (id: string, customerId: string, open: bigint, dueDate: string) => ({ id, number: `INV-2025-${id}`, customerId, currency: 'INR', open, taxable: open, dueDate });
  const dir = createDirectory({
    customers: [
      { id: 'c1', code: 'C1', name: 'Shree Ganesh Traders', currency: 'INR' },
      { id: 'c2', code: 'C2', name: 'Navkar Steels', currency: 'INR' },
    ],
    identifiers: [],
    openInvoices: [inv('0002', 'c1', 500n, '2025-02-01'), inv('0001', 'c1', 700n, '2025-01-01'), inv('0003', 'c2', 500n, '2025-01-15')],
  });
  // Oldest due first, whatever order they came in.
  assert.deepEqual(dir.openInvoicesOf('c1', 'INR').map((t) => t.id), ['0001', '0002']);
  assert.deepEqual(dir.openForAmount(700n, 'INR'), { invoices: [dir.openInvoicesOf('c1', 'INR')[0]], customers: 1 });
  assert.equal(dir.openForAmount(500n, 'INR').customers, 2);
  // The serial alone finds the invoice by its last group.
  assert.deepEqual(dir.invoicesWithKeys('f:1').map((t) => t.id), ['0001']);
  assert.equal(dir.invoiceNumber('0003'), 'INV-2025-0003');
  dir.settle([{ invoiceId: '0001', amount: 600n, tds: 100n, bankCharges: 0n, discount: 0n, writeOff: 0n }]);
  assert.deepEqual(dir.openInvoicesOf('c1', 'INR').map((t) => t.id), ['0002']);
  assert.equal(dir.openForAmount(700n, 'INR').invoices.length, 0);
  assert.equal(dir.customersNamed('SHRI GANESH TRADERS')[0]?.customer.id, 'c1');
});

test('a payer name the bank cut mid-word finds the firms that word starts, among hundreds sharing the rest', async () => {
  const { createDirectory } = await import('./directory.ts');
  const kinds = ['Traders', 'Textiles', 'Steels', 'Agencies', 'Foods', 'Pharma', 'Plastics', 'Polymers', 'Motors', 'Hardware', 'Distributors'];
  const towns = ['Ahmedabad', 'Surat', 'Rajkot', 'Vadodara', 'Jaipur', 'Pune', 'Indore', 'Nagpur', 'Kochi', 'Bhopal'];
  // Distributors last, so a ranking by whole words shared would fill its few places before them.
  const customers = kinds.flatMap((kind, k) => towns.map((town, t) => ({ id: `c${k}-${t}`, code: `C${k}${t}`, name: `Hind Saraswati ${kind} ${town}`, currency: 'INR' })));
  const dir = createDirectory({ customers, identifiers: [], openInvoices: [] });
  const found = dir.customersNamed('HIND SARASWATI DISTRIBUTOR');
  assert.ok(found.length > 0 && found.every((f) => f.customer.name.includes('Distributors')), found.map((f) => f.customer.name).join(', '));
  assert.ok(found.every((f) => f.similarity >= 0.95 && f.similarity < 0.999));
  // Ten distributors, eight returned: the answer says it is not every customer so named.
  assert.equal(found.complete, false);
  const two = createDirectory({ customers: customers.filter((c) => c.id.startsWith('c10-') && /Surat|Pune/.test(c.name)), identifiers: [], openInvoices: [] });
  const both = two.customersNamed('HIND SARASWATI DISTRIBUTORS');
  assert.equal(both.length, 2);
  assert.equal(both.complete, true);
});

test('a payer name respelled past the folds still finds its firm among many alike ("VENKATESWARA" for Venkatesh)', () => {
  const seconds = ['Ganesh', 'Lakshmi', 'Balaji', 'Krishna', 'Sai', 'Patel', 'Shah', 'Mehta', 'Agarwal', 'Gupta', 'Reddy', 'Rao', 'Venkatesh', 'Siddhi'];
  const customers = seconds.map((second, i) => ({ id: `c${i}`, code: `C${i}`, name: `Divya ${second} Electricals Ahmedabad`, currency: 'INR' }));
  const dir = createDirectory({ customers, identifiers: [], openInvoices: [] });
  const named = dir.customersNamed('DIVYA VENKATESWARA ELECTRICALS AHMEDABAD');
  const best = [...named].sort((a, b) => b.similarity - a.similarity)[0]!;
  assert.equal(best.customer.name, 'Divya Venkatesh Electricals Ahmedabad');
  assert.ok(best.similarity >= 0.85, String(best.similarity));
  // A word like none of the customers' finds nobody by it, and costs nobody.
  assert.ok([...dir.customersNamed('DIVYA XYLOPHONE ELECTRICALS AHMEDABAD')].every((c) => c.similarity < 0.85));
});

test('a name cut two letters into the town ranks that town\'s firms first, and says when it weighed them all', () => {
  const towns = ['Ahmedabad', 'Surat', 'Rajkot', 'Jaipur', 'Pune', 'Nagpur', 'Indore', 'Bhopal', 'Kanpur', 'Vadodara'];
  const customers = towns.flatMap((town, i) => [
    { id: `a${i}`, code: `A${i}`, name: `Sri Murugan Pharma ${town}`, currency: 'INR' },
    { id: `b${i}`, code: `B${i}`, name: `Shree Murugan Pharma ${town} Pvt Ltd`, currency: 'INR' },
  ]);
  const dir = createDirectory({ customers, identifiers: [], openInvoices: [] });
  const named = dir.customersNamed('SRI MURUGAN PHARMA VA');
  const vadodara = [...named].filter((c) => c.customer.name.includes('Vadodara')).map((c) => c.customer.code);
  assert.deepEqual(vadodara.sort(), ['A9', 'B9']);
  assert.equal(named.complete, true);
});

test("a customer's open invoices are those in the line's currency; a currency no invoice has finds none", () => {
  const inv = (id: string, currency: string, dueDate: string) => ({ id, number: `INV-${id}`, customerId: 'c1', currency, open: 100n, taxable: 100n, dueDate });
  const dir = createDirectory({
    customers: [{ id: 'c1', code: 'C1', name: 'Navkar Exports', currency: 'INR' }],
    identifiers: [],
    openInvoices: [inv('1', 'INR', '2025-03-01'), inv('2', 'EUR', '2025-01-01'), inv('3', 'INR', '2025-02-01')],
  });
  assert.deepEqual(dir.openInvoicesOf('c1', 'INR').map((t) => t.id), ['3', '1']);
  assert.deepEqual(dir.openInvoicesOf('c1', 'EUR').map((t) => t.id), ['2']);
  assert.deepEqual(dir.openInvoicesOf('c1', 'USD'), []);
  assert.deepEqual(dir.openInvoicesOf('nobody', 'INR'), []);
});
