import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CustomerInput } from '@duely/contracts/customers';
import { CreditNoteInput, DebitNoteInput, InvoiceInput } from '@duely/contracts/invoices';
import { AllocateBody, ReceiptInput } from '@duely/contracts/receipts';
import {
  computeLine,
  daysBetween,
  dueDateFor,
  earlyPaymentDiscountLimit,
  formatAmount,
  GST_STATES,
  gstinProblem,
  minBig,
  panOfGstin,
  parseAmount,
  percentToBp,
  sumTaxes,
  supplyTypeOf,
} from '@duely/domain';
import { generateDemoPlan } from './generate.ts';
import { makeGstin } from './identifiers.ts';
import { CITIES } from './names.ts';
import type { DemoPlan, PlanAllocation } from './plan.ts';
import { Random } from './random.ts';
import { TERMS_RULE } from './setup.ts';

const TODAY = '2026-11-23';
const UUID = '0190f7a2-0000-7000-8000-000000000000';
const plan = generateDemoPlan({ seed: 1, today: TODAY, supplierState: '24' });

interface Open {
  customer: string;
  issue: string;
  due: string;
  total: bigint;
  taxable: bigint;
  open: bigint;
  terms: keyof typeof TERMS_RULE | null;
}

/**
 * Plays the plan against a ledger of its own, with the rules the services enforce, so a
 * generator bug shows here without a database: every allocation fits what is open, deductions
 * stay inside their limits, dates run forward.
 */
function replay(p: DemoPlan) {
  const customers = new Map(p.customers.map((c) => [c.key, c]));
  const docs = new Map<string, Open>();
  const receipts = new Map<
    string,
    {
      customer: string;
      date: string;
      amount: bigint;
      unapplied: bigint;
      lines: PlanAllocation[];
      reversed: boolean;
    }
  >();
  let creditNotesOpen = 0n;
  const stats = { tds: new Set<number>(), discounts: 0, bankCharges: 0, writeOffs: 0, partial: 0 };

  const taxesOf = (
    customer: string,
    lines: { quantity: string; unit_price: string; discount: string; tax_rate: string }[],
  ) => {
    const supply = supplyTypeOf('24', customers.get(customer)!.input.state_code ?? null);
    return sumTaxes(
      lines.map((l) =>
        computeLine(
          {
            quantity: l.quantity,
            unitPrice: parseAmount(l.unit_price, 'INR'),
            discount: parseAmount(l.discount, 'INR'),
            taxRateBp: percentToBp(l.tax_rate),
          },
          supply,
        ),
      ),
    );
  };
  const apply = (
    customer: string,
    date: string,
    lines: PlanAllocation[],
    available: bigint,
    kind: 'receipt' | 'allocate',
  ) => {
    let cash = 0n;
    const seen = new Set<string>();
    for (const line of lines) {
      const doc = docs.get(line.doc);
      assert.ok(doc, `allocation to unknown ${line.doc}`);
      assert.equal(doc.customer, customer, 'allocation to another customer');
      assert.ok(!seen.has(line.doc), 'document twice in one allocation');
      seen.add(line.doc);
      assert.ok(doc.issue <= date, `${line.doc} applied on ${date} before it was issued on ${doc.issue}`);
      const reduction = line.amount + line.tds + line.bankCharges + line.discount + line.writeOff;
      assert.ok(
        reduction > 0n && reduction <= doc.open,
        `${line.doc}: ${reduction} against open ${doc.open}`,
      );
      assert.ok(line.tds * 10_000n <= doc.taxable * 2000n, 'TDS above 20 % of the taxable value');
      assert.ok(line.bankCharges <= 50_000n, 'bank charges above the tolerance');
      const terms = doc.terms ? TERMS_RULE[doc.terms] : null;
      assert.ok(
        line.discount <= earlyPaymentDiscountLimit(doc.issue, doc.total, date, terms),
        `${line.doc}: discount outside the terms`,
      );
      if (line.writeOff > 0n) {
        assert.ok(
          line.writeOff <= 10_000n && reduction === doc.open,
          'write-off must be small and close the invoice',
        );
        stats.writeOffs++;
      }
      if (kind === 'allocate')
        assert.equal(reduction, line.amount, 'cash applied later carries no deductions');
      if (line.tds > 0n) {
        // TDS is rounded to the rupee, which blurs 0.1 % on small bills: classify by the nearest rate.
        const bp = Number((line.tds * 10_000n) / doc.taxable);
        stats.tds.add(bp < 50 ? 10 : bp < 150 ? 100 : bp < 500 ? 200 : 1000);
      }
      if (line.discount > 0n) stats.discounts++;
      if (line.bankCharges > 0n) stats.bankCharges++;
      if (reduction < doc.open) stats.partial++;
      doc.open -= reduction;
      cash += line.amount;
    }
    assert.ok(cash <= available, 'allocations use more cash than is available');
    return cash;
  };

  let previous = '';
  for (const e of p.events) {
    assert.ok(e.date >= previous, 'events run in date order');
    assert.ok(e.date >= p.start && e.date <= p.today, `${e.type} on ${e.date} outside the history`);
    previous = e.date;
    const terms = customers.get(e.customer)!.terms;
    switch (e.type) {
      case 'invoice': {
        const totals = taxesOf(e.customer, e.input.lines);
        assert.equal(totals.total, e.total);
        docs.set(e.key, {
          customer: e.customer,
          issue: e.date,
          due: dueDateFor(e.date, TERMS_RULE[terms]),
          total: totals.total,
          taxable: totals.taxable,
          open: totals.total,
          terms,
        });
        break;
      }
      case 'debit_note': {
        const totals = taxesOf(e.customer, e.input.lines);
        assert.ok(docs.get(e.against)!.issue < e.date, 'debit note after its invoice');
        docs.set(e.key, {
          customer: e.customer,
          issue: e.date,
          due: dueDateFor(e.date, TERMS_RULE[terms]),
          total: totals.total,
          taxable: totals.taxable,
          open: totals.total,
          terms,
        });
        break;
      }
      case 'credit_note': {
        const against = docs.get(e.against)!;
        assert.ok(against.issue < e.date, 'credit note after its invoice');
        const applied = minBig(against.open, e.total);
        against.open -= applied;
        creditNotesOpen += e.total - applied;
        break;
      }
      case 'receipt': {
        const cash = apply(e.customer, e.date, e.allocations, e.amount, 'receipt');
        receipts.set(e.key, {
          customer: e.customer,
          date: e.date,
          amount: e.amount,
          unapplied: e.amount - cash,
          lines: e.allocations,
          reversed: false,
        });
        break;
      }
      case 'allocate': {
        const r = receipts.get(e.receipt)!;
        assert.ok(r.date < e.date && !r.reversed);
        r.unapplied -= apply(e.customer, e.date, e.allocations, r.unapplied, 'allocate');
        r.lines.push(...e.allocations);
        break;
      }
      case 'reversal': {
        const r = receipts.get(e.receipt)!;
        assert.ok(r.date < e.date && !r.reversed, 'a cheque is returned after it was paid in, once');
        r.reversed = true;
        for (const line of r.lines)
          docs.get(line.doc)!.open +=
            line.amount + line.tds + line.bankCharges + line.discount + line.writeOff;
        r.unapplied = 0n;
        docs.set(e.chargeKey, {
          customer: e.customer,
          issue: e.date,
          due: e.date,
          total: e.bounceCharge,
          taxable: e.bounceCharge,
          open: e.bounceCharge,
          terms: null,
        });
        break;
      }
    }
  }
  const open = [...docs.values()].reduce((s, d) => s + d.open, 0n);
  const unapplied = [...receipts.values()].reduce((s, r) => s + r.unapplied, 0n);
  return { docs, receipts, outstanding: open - unapplied - creditNotesOpen, stats };
}

describe('demo generator (no database)', () => {
  test('mulberry32: the same seed gives the same stream, another seed another', () => {
    const draw = (seed: number) =>
      Array.from(
        { length: 5 },
        (
          (r) => () =>
            r.next()
        )(new Random(seed)),
      );
    assert.deepEqual(draw(42), draw(42));
    assert.notDeepEqual(draw(42), draw(43));
    const r = new Random(7);
    const values = Array.from({ length: 10_000 }, () => r.int(1, 6));
    assert.ok(values.every((v) => v >= 1 && v <= 6));
    assert.ok(Math.abs(values.filter((v) => v === 6).length - 10_000 / 6) < 300, 'roughly uniform');
  });

  test('same seed and today give the same plan; another seed or day another', () => {
    assert.deepEqual(generateDemoPlan({ seed: 1, today: TODAY, supplierState: '24' }), plan);
    const other = generateDemoPlan({ seed: 2, today: TODAY, supplierState: '24' });
    assert.notEqual(other.totals.invoiced, plan.totals.invoiced);
    const later = generateDemoPlan({ seed: 1, today: '2026-12-01', supplierState: '24' });
    assert.equal(later.start, '2025-06-02');
    assert.notDeepEqual(later.events.at(-1), plan.events.at(-1));
  });

  test('customers: at least 60, 45 businesses with valid GSTINs matching their city, 10 households', () => {
    const b2b = plan.customers.filter((c) => c.input.kind === 'b2b');
    const b2c = plan.customers.filter((c) => c.input.kind === 'b2c');
    assert.ok(
      plan.customers.length >= 60 && b2b.length >= 45 && b2c.length >= 10,
      `${b2b.length} + ${b2c.length}`,
    );
    assert.equal(new Set(plan.customers.map((c) => c.key)).size, plan.customers.length, 'codes are unique');
    for (const c of plan.customers) {
      CustomerInput.parse(c.input);
      const city = CITIES[c.input.city!]!;
      assert.equal(c.input.state_code, city.state, `${c.key} state matches ${city.name}`);
      assert.equal(c.input.language, city.language);
      assert.equal(c.collector, `collector:${city.collector}`);
      assert.ok(c.input.contacts.length >= 1 && c.input.contacts.length <= 3);
      for (const contact of c.input.contacts)
        if (contact.phone) assert.match(contact.phone, /^\+91 [6-9]\d{4} \d{5}$/);
    }
    for (const c of b2b) {
      const gstin = c.input.gstin!;
      assert.equal(gstinProblem(gstin), null, `${c.key} ${gstin}`);
      assert.equal(gstin.slice(0, 2), c.input.state_code);
      assert.match(panOfGstin(gstin), /^[A-Z]{3}[CFP][A-Z]\d{4}[A-Z]$/);
      assert.ok(c.input.credit_limit);
    }
    for (const c of b2c) assert.equal(c.input.gstin, null);
    const languages = new Set(plan.customers.map((c) => c.input.language));
    for (const l of ['gu', 'hi', 'te', 'mr', 'en']) assert.ok(languages.has(l), `language ${l}`);
    for (const r of ['low', 'medium', 'high', 'critical'])
      assert.ok(
        plan.customers.some((c) => c.input.risk_class === r),
        `risk ${r}`,
      );
    assert.ok(plan.customers.some((c) => c.input.contacts.some((k) => k.do_not_contact)));
    assert.ok(plan.customers.some((c) => c.input.contacts.some((k) => !k.consent_whatsapp)));
  });

  test('makeGstin: the check digit is the GSTN one', () => {
    assert.equal(makeGstin('27', 'AAPFU0939F', 1), '27AAPFU0939F1ZV');
    assert.ok(Object.keys(GST_STATES).includes(makeGstin('24', 'ABCPD1234E').slice(0, 2)));
  });

  test('every document and receipt passes its API contract; references have their bank shapes', () => {
    for (const e of plan.events) {
      if (e.type === 'invoice') InvoiceInput.parse({ ...e.input, customer_id: UUID });
      if (e.type === 'debit_note')
        DebitNoteInput.parse({ ...e.input, customer_id: UUID, against_invoice_id: UUID });
      if (e.type === 'credit_note')
        CreditNoteInput.parse({ ...e.input, customer_id: UUID, against_invoice_id: UUID });
      if (e.type === 'allocate')
        AllocateBody.parse({
          allocation_date: e.date,
          allocations: e.allocations.map((a) => ({
            invoice_id: UUID,
            amount: formatAmount(a.amount, 'INR'),
          })),
        });
      if (e.type !== 'receipt') continue;
      ReceiptInput.parse({
        ...e.input,
        customer_id: UUID,
        amount: formatAmount(e.amount, 'INR'),
        notes: e.input.notes?.replace('{docs}', 'INV/25-26/00001'),
      });
      const ref = e.input.reference ?? '';
      if (e.input.method === 'neft' || e.input.method === 'rtgs')
        assert.match(ref, /^[A-Z]{4}[NR][0-9A-Z]{11,17}$/);
      if (e.input.method === 'rtgs') assert.equal(ref.length, 22);
      if (e.input.method === 'upi' || e.input.method === 'imps') assert.match(ref, /^\d{12}$/);
      if (e.input.method === 'cheque') assert.match(ref, /^\d{6}$/);
      if (e.input.method === 'cash')
        assert.ok(e.amount < 200_000_00n, 'no cash receipt of ₹2 lakh or more (s.269ST)');
      if (e.input.method === 'upi') assert.ok(e.amount <= 100_000_00n);
      if (e.input.method === 'rtgs') assert.ok(e.amount >= 200_000_00n, 'RTGS starts at ₹2 lakh');
      if (e.input.payer_name) assert.equal(e.input.payer_name, e.input.payer_name.toUpperCase());
    }
  });

  test('replayed with the services’ rules, nothing is over-allocated and the closing balance is the plan’s', () => {
    const { docs, outstanding, stats } = replay(plan);
    assert.equal(outstanding, plan.totals.outstanding);
    assert.deepEqual(
      [...stats.tds].sort((a, b) => a - b),
      [10, 100, 200, 1000],
      'TDS at 0.1, 1, 2 and 10 %',
    );
    assert.ok(stats.discounts > 0 && stats.bankCharges > 0 && stats.writeOffs > 0 && stats.partial > 0);
    const buckets = new Set<string>();
    for (const d of docs.values()) {
      if (d.open === 0n) continue;
      const late = daysBetween(d.due, TODAY);
      buckets.add(
        late <= 0 ? 'current' : late <= 30 ? '1-30' : late <= 60 ? '31-60' : late <= 90 ? '61-90' : '90+',
      );
    }
    assert.deepEqual([...buckets].sort(), ['1-30', '31-60', '61-90', '90+', 'current']);
  });

  test('volume and variety: 3,000+ invoices for any seed, every method, GST at 5/12/18/28 %, intra- and inter-state, bounced cheques', () => {
    for (const seed of [1, 2, 3, 17, 2025]) {
      const p = seed === 1 ? plan : generateDemoPlan({ seed, today: TODAY, supplierState: '24' });
      const count = (type: string) => p.events.filter((e) => e.type === type).length;
      assert.ok(count('invoice') >= 3000, `seed ${seed}: ${count('invoice')} invoices`);
      assert.ok(count('reversal') >= 3, `seed ${seed}: ${count('reversal')} bounced cheques`);
      assert.ok(count('credit_note') > 0 && count('debit_note') > 0);
    }
    const methods = new Set(plan.events.flatMap((e) => (e.type === 'receipt' ? [e.input.method] : [])));
    for (const m of ['neft', 'rtgs', 'imps', 'upi', 'cheque', 'cash']) assert.ok(methods.has(m as never), m);
    const lines = plan.events.flatMap((e) => (e.type === 'invoice' ? e.input.lines : []));
    assert.deepEqual([...new Set(lines.map((l) => l.tax_rate))].sort(), ['12', '18', '28', '5']);
    assert.ok(
      lines.some((l) => l.quantity.includes('.')),
      'some quantities have decimals',
    );
    const states = new Set(plan.customers.map((c) => c.input.state_code));
    assert.ok(states.has('24') && states.size > 5);
    const unapplied = plan.events.filter((e) => e.type === 'receipt' && e.allocations.length === 0);
    assert.ok(unapplied.length > 0, 'on-account receipts');
    const reasons = plan.events.flatMap((e) => (e.type === 'reversal' ? [e.reason] : []));
    assert.ok(reasons.every((r) => r.startsWith('Cheque returned:')));
  });

  test('seasonality: the month before Diwali and March bill more than the monsoon', () => {
    const byMonth = new Map<string, number>();
    for (const e of plan.events)
      if (e.type === 'invoice') byMonth.set(e.date.slice(0, 7), (byMonth.get(e.date.slice(0, 7)) ?? 0) + 1);
    const july = byMonth.get('2026-07')!;
    assert.ok(byMonth.get('2026-03')! > july * 1.3, `March ${byMonth.get('2026-03')} vs July ${july}`);
    assert.ok(byMonth.get('2025-10')! > july * 1.2, `October ${byMonth.get('2025-10')} vs July ${july}`);
  });
});
