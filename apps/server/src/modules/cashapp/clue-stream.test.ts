import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type MatchLine, type PayerIdentifier, invoiceColumns } from '@duely/domain/cashapp/index';
import { type ClueInput, type ClueStream, cluesInThread, lineAt, lineColumns, startClueThread } from './clue-stream.ts';

// A tenant small enough to read and varied enough that every kind of clue turns up: names shared
// by several firms, VPAs and accounts, invoice numbers as issued, mangled and cut to a serial,
// another currency, returns. Deterministic, so a failure repeats.
function tenant() {
  const towns = ['SURAT', 'PUNE', 'RAJKOT', 'INDORE'];
  const firms = ['SHREE GANESH', 'NAVKAR', 'JALARAM', 'ROYAL SARASWATI', 'KIRAN GAYATRI'];
  const kinds = ['TRADERS', 'FABRICS', 'PHARMA', 'MOTORS'];
  const customers = Array.from({ length: 80 }, (_, i) => ({ id: `c${i}`, code: `C${i}`, name: `${firms[i % 5]} ${kinds[(i >> 2) % 4]} ${towns[(i >> 4) % 4]}`, currency: i % 13 === 0 ? 'USD' : 'INR' }));
  const invoices = Array.from({ length: 600 }, (_, i) => ({
    id: `i${i}`,
    number: `INV-2025-${String(i * 7 + 3).padStart(5, '0')}`,
    customerId: `c${(i * 11) % 80}`,
    currency: (i * 11) % 80 % 13 === 0 ? 'USD' : 'INR',
    open: BigInt(10_000 + (i % 37) * 1_000) * 100n,
    taxable: BigInt(8_500 + (i % 37) * 850) * 100n,
    dueDate: `2025-0${1 + (i % 9)}-1${i % 10}`,
  }));
  const identifiers: PayerIdentifier[] = [
    { kind: 'vpa', value: 'navkar.surat@okhdfcbank', customerId: 'c1' },
    { kind: 'bank_account', value: '50100 2233 4455', customerId: 'c7' },
    { kind: 'name', value: 'GANESH TRDRS', customerId: 'c5' },
  ];
  const line = (i: number, amount: bigint, remittance: string, counterpartyName: string | null, counterpartyAccount: string | null = null, currency = 'INR'): MatchLine => ({
    amount,
    currency,
    bookingDate: `2025-06-${String(1 + (i % 28)).padStart(2, '0')}`,
    reference: i % 3 === 0 ? `N17125${i}` : null,
    bankReference: null,
    endToEndId: i % 5 === 0 ? `E2E-${i}` : null,
    counterpartyName,
    counterpartyAccount,
    remittance,
  });
  // More lines than a message of the clue thread holds (CLUE_CHUNK), so chunks follow one another.
  const lines: MatchLine[] = [];
  for (let i = 0; i < 2_500; i++) {
    const inv = invoices[(i * 17) % invoices.length]!;
    const owner = customers[Number(inv.customerId.slice(1))]!;
    const serial = inv.number.slice(-5);
    const forms = [
      `NEFT CR-HDFC0001234-${owner.name}-${inv.number}`,
      `UPI/${owner.name.split(' ')[0]}/inv 2025 ${Number(serial)}`,
      `IMPS ${owner.name.slice(0, 14)} BILL NO ${serial.replace(/0/g, 'O')}`,
      `CLG/52${i}/${owner.name}`,
      'NEFT CR-YESB0000001-INCOME TAX DEPARTMENT-REFUND',
      `UPI-NAVKAR-navkar.surat@okhdfcbank-${serial}`,
      `RTGS GANESH TRDRS ${inv.number}`,
    ];
    const text = forms[i % forms.length]!;
    lines.push(line(i, i % 23 === 0 ? -inv.open : inv.open, text, i % 7 === 6 ? 'GANESH TRDRS' : i % 4 === 3 ? null : owner.name.slice(0, 10 + (i % 20)), i % 9 === 0 ? '501002233 4455' : null, i % 31 === 0 ? 'USD' : 'INR'));
  }
  const input: ClueInput = { identifiers, invoices: invoiceColumns(customers, invoices) };
  return { input, lines };
}

async function all(stream: ClueStream, count: number) {
  const out = [];
  for (let i = 0; i < count; i++) out.push(await stream.next());
  return out;
}

test('the clue thread finds every line the clues this thread would, in the same order', async () => {
  const { input, lines } = tenant();
  const here = await all(cluesInThread(input, lines), lines.length);
  // Clues of every kind turned up, or the comparison says little.
  assert.ok(here.some((c) => c.identifiers.some((x) => x.kind === 'vpa')));
  assert.ok(here.some((c) => c.identifiers.some((x) => x.kind === 'bank_account')));
  assert.ok(here.filter((c) => c.invoices.some((x) => x.strong)).length > 50);
  assert.ok(here.some((c) => c.invoices.some((x) => !x.strong)));
  assert.ok(here.some((c) => c.aliases.length > 0));
  assert.ok(here.filter((c) => c.named.length > 1).length > 50);
  const thread = startClueThread();
  try {
    assert.deepEqual(await all(thread.find(input, lines), lines.length), here);
  } finally {
    await thread.close();
  }
});

test('lines copied to the clue thread as columns come back with every field findClues reads', () => {
  const { lines } = tenant();
  const columns = lineColumns(lines);
  for (const i of [0, 3, 5, 9, 23, 31, 1_000, 2_499]) {
    const back = lineAt(columns, i);
    const want = lines[i]!;
    assert.deepEqual([back.amount, back.currency, back.reference, back.endToEndId, back.counterpartyName, back.counterpartyAccount, back.remittance], [want.amount, want.currency, want.reference, want.endToEndId, want.counterpartyName, want.counterpartyAccount, want.remittance]);
  }
});

test('a clue thread that fails makes the next line fail with its error, not wait for ever', async () => {
  const { lines } = tenant();
  const thread = startClueThread();
  try {
    // Invoice columns without their arrays: the thread throws building its index.
    const broken = { identifiers: [], invoices: { count: 3 } } as unknown as ClueInput;
    await assert.rejects(async () => thread.find(broken, lines).next(), TypeError);
  } finally {
    await thread.close();
  }
});

test('a clue thread stopped half-way (a run that failed) lets the process go', async () => {
  const { input, lines } = tenant();
  const thread = startClueThread();
  const stream = thread.find(input, lines);
  await stream.next();
  await thread.close();
  await thread.close();
});
