import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { AllocationTarget } from '../allocation.ts';
import { formatAmount, parseAmount } from '../money.ts';
import { createDirectory } from './directory.ts';
import { matchLine } from './match.ts';

/** The golden dataset: every hand-written case must get the decision, customer and split it names. */
const golden = JSON.parse(readFileSync(new URL('./golden-cases.json', import.meta.url), 'utf8'));
const customers = golden.customers.map((c: { code: string; name: string; currency: string }) => ({ id: `id-${c.code}`, code: c.code, name: c.name, currency: c.currency }));
const invoices: AllocationTarget[] = golden.invoices.map((i: Record<string, string>, n: number) => {
  const currency = i.currency ?? 'INR';
  return { id: `inv-${n}`, number: i.number, customerId: `id-${i.customer}`, currency, open: parseAmount(i.open!, currency), taxable: parseAmount(i.taxable!, currency), issueDate: '2024-04-01', dueDate: i.due, maxDiscount: 0n };
});
const dir = createDirectory({
  customers,
  identifiers: golden.identifiers.map((i: Record<string, string>) => ({ kind: i.kind, value: i.value, customerId: `id-${i.customer}` })),
  openInvoices: invoices,
});
const policy = { writeOffTolerance: parseAmount(golden.policy.write_off_tolerance, 'INR'), bankChargeTolerance: parseAmount(golden.policy.bank_charge_tolerance, 'INR'), maxTdsBp: golden.policy.max_tds_bp };
const numberOf = new Map(invoices.map((i) => [i.id, i]));

for (const c of golden.cases) {
  test(`golden: ${c.name}`, () => {
    const currency = c.line.currency ?? 'INR';
    const result = matchLine(
      {
        amount: parseAmount(c.line.amount, currency),
        currency,
        bookingDate: '2024-06-20',
        reference: c.line.reference ?? null,
        bankReference: null,
        endToEndId: c.line.end_to_end_id ?? null,
        counterpartyName: c.line.counterparty ?? null,
        counterpartyAccount: c.line.counterparty_account ?? null,
        remittance: c.line.remittance,
      },
      dir,
      policy,
      golden.policy.auto_at,
    );
    const got = {
      decision: result.decision,
      customer: result.decision === 'none' ? null : (dir.customer(result.customerId ?? '')?.code ?? null),
      allocations: result.decision === 'none' ? [] : result.lines.map((l) => [numberOf.get(l.invoiceId)!.number, formatAmount(l.amount, currency), formatAmount(l.tds, currency), formatAmount(l.bankCharges, currency)]),
    };
    const detail = `confidence ${result.confidence}: ${result.reason}`;
    assert.deepEqual(got, { decision: c.expect.decision, customer: c.expect.customer, allocations: c.expect.allocations }, detail);
    if (c.expect.reason) assert.ok(result.reason.includes(c.expect.reason), `reason "${result.reason}" should mention "${c.expect.reason}"`);
    if (c.expect.unapplied) assert.equal(formatAmount(result.unapplied, currency), c.expect.unapplied);
  });
}
