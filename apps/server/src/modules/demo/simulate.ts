import { createHash } from 'node:crypto';
import type { ReceiptMethod } from '@duely/contracts/receipts';
import {
  addDays,
  dueDateFor,
  earlyPaymentDiscountLimit,
  fiscalYear,
  instalmentSchedule,
  maxDate,
  minBig,
  roundHalfUp,
} from '@duely/domain';
import { isRunDay, isSunday, PROFILES, seasonalWeight, summerFactor, yearEndPull } from './behaviour.ts';
import type { CustomerModel } from './customers.ts';
import { type ComposedDocument, composeCreditNote, composeDebitNote, composeInvoice } from './documents.ts';
import { neftUtr, rrn, rtgsUtr } from './identifiers.ts';
import type { PlanAllocation, PlanEvent } from './plan.ts';
import type { Random } from './random.ts';

/**
 * Lives one customer's eighteen months day by day: invoices as it orders, notes as goods arrive
 * short or prices move, and payments as its habits dictate. Every allocation is computed against
 * the open amount the services will hold at that moment, so the load never asks for the
 * impossible; the services still check every rule.
 */

interface Intent {
  date: string;
  /** Fixed part of the open amount (an instalment, a part payment), or null for "whatever is left". */
  amount: bigint | null;
  discount?: boolean;
}

interface Doc {
  key: string;
  issue: string;
  due: string;
  total: bigint;
  taxable: bigint;
  open: bigint;
  tdsBp: number;
  tdsTaken: boolean;
  intents: Intent[];
  /** Nothing touches the document before this day (a credit note is on its way). */
  notBefore: string;
  /** Paid by a cheque that is about to bounce and be presented again. */
  held: boolean;
  seq: number;
  charge: boolean;
}

interface Credit {
  receipt: string;
  available: bigint;
  /** When the money is applied: a date, the day of the next invoice, or never (left on account). */
  applyOn: string | 'next' | null;
}

export interface SimulationResult {
  invoiced: bigint;
  received: bigint;
  outstanding: bigint;
}

const RUPEE = 100n;
const LAKH = 100_000n * RUPEE;
const BOUNCE_CHARGE = 590n * RUPEE;

function byDue(a: Doc, b: Doc): number {
  return a.due.localeCompare(b.due) || a.issue.localeCompare(b.issue) || a.seq - b.seq;
}

function reduction(line: PlanAllocation): bigint {
  return line.amount + line.tds + line.bankCharges + line.discount + line.writeOff;
}

function tdsLabel(bp: number): string {
  return { 10: '194Q @0.1%', 100: '194C @1%', 200: '194C @2%', 1000: '194J @10%' }[bp] ?? `@${bp / 100}%`;
}

function notSunday(date: string): string {
  return isSunday(date) ? addDays(date, 1) : date;
}

export function simulateCustomer(
  random: Random,
  customer: CustomerModel,
  today: string,
  seed: number,
  push: (event: PlanEvent) => void,
): SimulationResult {
  const code = customer.plan.key;
  const ci = customer.index;
  const rule = PROFILES[customer.profile];
  const docs: Doc[] = [];
  const credits: Credit[] = [];
  const schedule = new Map<string, { order: number; run: () => void }[]>();
  const usedReferences = new Set<string>();
  let counter = 0;
  let invoiced = 0n;
  let received = 0n;
  let creditNotesOpen = 0n;
  let bounced = 0;
  let noAdviceUsed = false;

  const nextKey = (prefix: string) => `${prefix}${ci}-${++counter}`;
  const later = (date: string, order: number, run: () => void) => {
    const list = schedule.get(date) ?? [];
    list.push({ order, run });
    schedule.set(date, list);
  };
  const runScheduled = (date: string, from: number, to: number) => {
    for (const item of (schedule.get(date) ?? [])
      .filter((s) => s.order >= from && s.order <= to)
      .sort((a, b) => a.order - b.order))
      item.run();
  };

  function settle(doc: Doc, by: bigint) {
    if (by > doc.open) throw new Error(`demo generator: ${by} exceeds open ${doc.open} of ${doc.key}`);
    doc.open -= by;
    let rest = by;
    while (rest > 0n && doc.intents[0]?.amount != null) {
      const intent = doc.intents[0]!;
      const take = minBig(intent.amount!, rest);
      intent.amount = intent.amount! - take;
      rest -= take;
      if (intent.amount === 0n) doc.intents.shift();
    }
    if (doc.open === 0n) doc.intents = [];
  }

  function intentsFor(doc: Doc): Intent[] {
    const delay = () => random.int(rule.delay[0], rule.delay[1]);
    let intents: Intent[];
    if (customer.profile === 'discount' && random.chance(0.8)) {
      intents = [{ date: addDays(doc.issue, random.int(3, 9)), amount: null, discount: true }];
    } else if (customer.terms.instalments?.length) {
      const parts = instalmentSchedule(doc.issue, doc.total, customer.terms);
      intents = parts.map((p, i) => ({
        date: addDays(p.dueDate, customer.b2c && customer.profile === 'prompt' ? random.int(-2, 6) : delay()),
        amount: i === parts.length - 1 ? null : p.amount,
      }));
    } else if (customer.b2c && customer.profile === 'prompt') {
      intents = [{ date: addDays(doc.issue, random.int(0, 3)), amount: null }];
    } else {
      const date = addDays(doc.due, delay());
      const first = ((doc.total * BigInt(random.int(30, 60))) / 100n / (1000n * RUPEE)) * 1000n * RUPEE;
      intents =
        (customer.profile === 'chronic' || customer.profile === 'slow') &&
        customer.bounces === 0 &&
        first > 0n &&
        random.chance(0.3)
          ? [
              { date, amount: first },
              { date: addDays(date, random.int(20, 60)), amount: null },
            ]
          : [{ date, amount: null }];
    }
    return intents.map((i) => ({
      ...i,
      date: maxDate(yearEndPull(random, doc.issue, i.date), doc.notBefore),
    }));
  }

  function addDoc(
    key: string,
    issue: string,
    due: string,
    total: bigint,
    taxable: bigint,
    tdsBp: number,
    notBefore: string,
    charge = false,
  ): Doc {
    const doc: Doc = {
      key,
      issue,
      due,
      total,
      taxable,
      open: total,
      tdsBp,
      tdsTaken: false,
      intents: [],
      notBefore,
      held: false,
      seq: counter,
      charge,
    };
    docs.push(doc);
    return doc;
  }

  function reference(method: ReceiptMethod, date: string): string | null {
    for (;;) {
      let ref: string | null;
      switch (method) {
        case 'neft':
          ref = neftUtr(random, customer.payer.bank, date);
          break;
        case 'rtgs':
          ref = rtgsUtr(random, customer.payer.bank, date);
          break;
        case 'imps':
        case 'upi':
        case 'card':
          ref = rrn(random, date);
          break;
        case 'cheque':
          ref = String(customer.payer.nextCheque++).padStart(6, '0');
          break;
        default:
          ref = null;
      }
      if (!ref || !usedReferences.has(`${method}:${ref}`)) {
        if (ref) usedReferences.add(`${method}:${ref}`);
        return ref;
      }
    }
  }

  function methodFor(cash: bigint): ReceiptMethod {
    if (customer.b2c) {
      if (cash <= LAKH)
        return random.weighted<ReceiptMethod>([
          ['upi', 6],
          ['card', 2],
          ['cash', 2],
          ['imps', 1],
        ]);
      return random.weighted<ReceiptMethod>([
        ['neft', 3],
        ['imps', cash <= 5n * LAKH ? 2 : 0],
        ['cheque', 1],
        ['card', 1],
      ]);
    }
    if (customer.prefersCheque && random.chance(0.9)) return 'cheque';
    if (cash >= 2n * LAKH) return random.chance(0.55) ? 'rtgs' : 'neft';
    if (cash <= LAKH && customer.size !== 'key' && random.chance(0.25))
      return random.chance(0.5) ? 'upi' : 'imps';
    if (cash < 50_000n * RUPEE && customer.size === 'small' && random.chance(0.05)) return 'cash';
    return cash <= 5n * LAKH && random.chance(0.15) ? 'imps' : 'neft';
  }

  function receipt(
    date: string,
    method: ReceiptMethod,
    amount: bigint,
    allocations: PlanAllocation[],
    notes: string | null,
    ref?: { reference: string | null; chequeDate: string | null },
  ): string {
    const key = nextKey('R');
    const reference_ = ref ? ref.reference : reference(method, date);
    const banked = method !== 'cash';
    push({
      type: 'receipt',
      date,
      customer: code,
      key,
      bank:
        method === 'cheque' || method === 'cash'
          ? random.chance(0.6)
            ? 'sbi'
            : customer.bank
          : customer.bank,
      amount,
      allocations,
      input: {
        receipt_date: date,
        method,
        reference: reference_,
        cheque_date: method === 'cheque' ? (ref?.chequeDate ?? addDays(date, -random.int(0, 4))) : null,
        payer_name: customer.payer.name,
        payer_account:
          method === 'upi' ? customer.payer.vpa : banked && method !== 'card' ? customer.payer.account : null,
        payer_ifsc: banked && method !== 'card' ? customer.payer.ifsc : null,
        notes,
        allocate_oldest_first: false,
      },
    });
    received += amount;
    for (const line of allocations) {
      const doc = docs.find((d) => d.key === line.doc)!;
      settle(doc, reduction(line));
      if (line.tds > 0n) doc.tdsTaken = true;
    }
    return key;
  }

  function lineFor(doc: Doc, date: string): PlanAllocation {
    const intent = doc.intents[0]!;
    const payable = intent.amount === null ? doc.open : minBig(intent.amount, doc.open);
    let tds = 0n;
    if (!doc.tdsTaken && doc.tdsBp > 0) {
      // TDS is rounded to the rupee (s.288B) and worked on the taxable value, not the GST-inclusive total.
      const t = roundHalfUp(roundHalfUp(doc.taxable * BigInt(doc.tdsBp), 10_000n), RUPEE) * RUPEE;
      if (t > 0n && t + RUPEE < payable) tds = t;
    }
    let discount = 0n;
    if (intent.discount && intent.amount === null) {
      const limit = earlyPaymentDiscountLimit(doc.issue, doc.total, date, customer.terms);
      if (limit > 0n && limit + tds + RUPEE < payable) discount = limit;
    }
    return { doc: doc.key, amount: payable - tds - discount, tds, bankCharges: 0n, discount, writeOff: 0n };
  }

  function issueInvoice(date: string) {
    const composed: ComposedDocument = composeInvoice(random, customer, date);
    const key = nextKey('I');
    const fy = fiscalYear(date).short;
    const reference = customer.b2c
      ? null
      : customer.size === 'key'
        ? `45000${random.digits(5)}`
        : random.weighted<string | null>([
            [`PO/${fy}/${random.int(100, 2999)}`, 5],
            [`WO-${random.int(100, 999)}`, 1],
            ['Telephonic order', 1],
            [null, 2],
          ]);
    push({
      type: 'invoice',
      date,
      customer: code,
      key,
      total: composed.totals.total,
      input: {
        issue_date: date,
        reference,
        // B2B invoices of a company this size are e-invoices: each carries its IRN from the IRP.
        irn: customer.b2c ? null : createHash('sha256').update(`${seed}|${code}|${key}`).digest('hex'),
        irn_status: customer.b2c ? null : 'ACT',
        lines: composed.lines.map((l) => l.input),
      },
    });
    invoiced += composed.totals.total;
    const tdsBp = composed.category === 'goods' ? customer.tds.goods : customer.tds[composed.category];
    const doc = addDoc(
      key,
      date,
      dueDateFor(date, customer.terms),
      composed.totals.total,
      composed.totals.taxable,
      tdsBp,
      date,
    );

    if (random.chance(customer.b2c ? 0.01 : 0.035)) {
      const note = composeCreditNote(random, composed, customer.supply);
      const noteDate = notSunday(addDays(date, random.int(1, 5)));
      if (note && noteDate <= today) {
        doc.notBefore = addDays(noteDate, 1);
        later(noteDate, 1, () => {
          const applied = minBig(doc.open, note.totals.total);
          push({
            type: 'credit_note',
            date: noteDate,
            customer: code,
            key: nextKey('C'),
            against: doc.key,
            total: note.totals.total,
            input: {
              issue_date: noteDate,
              reason: note.reason,
              apply_to_invoice: true,
              lines: note.lines.map((l) => l.input),
            },
          });
          settle(doc, applied);
          creditNotesOpen += note.totals.total - applied;
        });
      }
    }
    if (!customer.b2c && random.chance(0.03)) {
      const note = composeDebitNote(random, composed, customer.supply);
      const noteDate = notSunday(addDays(date, random.int(5, 20)));
      if (note && noteDate <= today) {
        later(noteDate, 0, () => {
          const noteKey = nextKey('D');
          push({
            type: 'debit_note',
            date: noteDate,
            customer: code,
            key: noteKey,
            against: doc.key,
            total: note.totals.total,
            input: { issue_date: noteDate, notes: note.reason, lines: note.lines.map((l) => l.input) },
          });
          const debit = addDoc(
            noteKey,
            noteDate,
            dueDateFor(noteDate, customer.terms),
            note.totals.total,
            note.totals.taxable,
            tdsBp,
            noteDate,
          );
          debit.intents = intentsFor(debit);
        });
      }
    }
    doc.intents = intentsFor(doc);
    for (const credit of credits) if (credit.applyOn === 'next') credit.applyOn = date;
  }

  function applyCredits(date: string) {
    for (const credit of credits) {
      if (credit.available === 0n || !credit.applyOn || credit.applyOn === 'next' || credit.applyOn > date)
        continue;
      const targets = docs
        .filter((d) => d.open > 0n && !d.held && d.notBefore <= date && d.issue <= date)
        .sort(byDue);
      if (targets.length === 0) continue;
      const lines: PlanAllocation[] = [];
      let rest = credit.available;
      for (const doc of targets) {
        if (rest === 0n) break;
        const amount = minBig(rest, doc.open);
        lines.push({ doc: doc.key, amount, tds: 0n, bankCharges: 0n, discount: 0n, writeOff: 0n });
        rest -= amount;
      }
      push({ type: 'allocate', date, customer: code, receipt: credit.receipt, allocations: lines });
      for (const line of lines) settle(docs.find((d) => d.key === line.doc)!, line.amount);
      credit.available = rest;
    }
  }

  function bounce(
    receiptKey: string,
    amount: bigint,
    lines: PlanAllocation[],
    date: string,
    ref: { reference: string | null; chequeDate: string | null },
  ) {
    const held = lines.map((l) => docs.find((d) => d.key === l.doc)!);
    for (const doc of held) doc.held = true;
    bounced++;
    // A customer whose cheque bounced is watched for a while before it happens again.
    customer.bounceFrom = addDays(date, 90);
    const returned = notSunday(addDays(date, random.int(3, 5)));
    later(returned, 2, () => {
      const chargeKey = `${receiptKey}-BC`;
      push({
        type: 'reversal',
        date: returned,
        customer: code,
        receipt: receiptKey,
        reason: random.weighted([
          ['Cheque returned: funds insufficient', 6],
          ['Cheque returned: signature differs', 2],
          ['Cheque returned: exceeds arrangement', 1],
          ['Cheque returned: payment stopped by drawer', 1],
        ] as const),
        bounceCharge: BOUNCE_CHARGE,
        chargeKey,
      });
      received -= amount;
      lines.forEach((line, i) => {
        const doc = held[i]!;
        doc.open += reduction(line);
        if (line.tds > 0n) doc.tdsTaken = false;
      });
      const charge = addDoc(chargeKey, returned, returned, BOUNCE_CHARGE, BOUNCE_CHARGE, 0, returned, true);
      const outcome = random.weighted([
        ['represent', customer.profile === 'chronic' ? 0.4 : 0.65],
        ['replace', 0.2],
        ['never', customer.profile === 'chronic' ? 0.4 : 0.15],
      ] as const);
      const represent = notSunday(addDays(returned, random.int(6, 15)));
      if (outcome === 'represent' && represent <= today) {
        charge.intents = [{ date: addDays(represent, random.int(7, 30)), amount: null }];
        later(represent, 4, () => {
          for (const doc of held) doc.held = false;
          receipt(
            represent,
            'cheque',
            amount,
            lines,
            `Cheque ${ref.reference} presented again after the return memo of ${returned}`,
            ref,
          );
        });
        return;
      }
      const payOn = outcome === 'replace' ? addDays(returned, random.int(10, 30)) : null;
      for (const doc of held) {
        doc.held = false;
        doc.intents = payOn ? [{ date: payOn, amount: null }] : [];
      }
      charge.intents = payOn ? [{ date: payOn, amount: null }] : [];
    });
  }

  function paymentRun(date: string) {
    const ripe = docs
      .filter(
        (d) =>
          d.open > 0n && !d.held && d.notBefore <= date && d.intents.length > 0 && d.intents[0]!.date <= date,
      )
      .sort(byDue);
    if (ripe.length === 0) return;
    let lines = ripe.map((doc) => lineFor(doc, date));
    const sum = () => lines.reduce((s, l) => s + l.amount, 0n);

    if (customer.noAdvice && !noAdviceUsed && date >= addDays(today, -40) && random.chance(0.5)) {
      // Paid, but nobody said for what: the cash waits on account and the invoices stay open.
      noAdviceUsed = true;
      const cash = sum();
      const key = receipt(date, cash >= 2n * LAKH ? 'rtgs' : 'neft', cash, [], 'Remittance advice awaited');
      credits.push({ receipt: key, available: cash, applyOn: null });
      for (const doc of ripe) doc.intents = [];
      return;
    }

    if (random.chance(rule.partial) && sum() >= 20_000n * RUPEE) {
      const cash = sum();
      const step = cash > 5n * LAKH ? 50_000n * RUPEE : cash > LAKH ? 10_000n * RUPEE : 5_000n * RUPEE;
      const round = ((cash * BigInt(random.int(30, 75))) / 100n / step) * step;
      if (round >= step) {
        const cut: PlanAllocation[] = [];
        let paid = 0n;
        for (const line of lines) {
          if (paid + line.amount <= round) {
            cut.push(line);
            paid += line.amount;
            continue;
          }
          if (round > paid)
            cut.push({
              doc: line.doc,
              amount: round - paid,
              tds: 0n,
              bankCharges: 0n,
              discount: 0n,
              writeOff: 0n,
            });
          break;
        }
        // What was left out waits: the customer is short of cash, not forgetful.
        const deferred = new Set(lines.slice(cut.length - 1).map((l) => l.doc));
        for (const doc of ripe)
          if (deferred.has(doc.key) && doc.intents[0])
            doc.intents[0].date = addDays(date, random.int(15, 45));
        lines = cut;
      }
    }

    const method = methodFor(sum());
    const bounces =
      method === 'cheque' &&
      bounced < customer.bounces &&
      customer.bounceFrom !== null &&
      date >= customer.bounceFrom &&
      date <= addDays(today, -12);

    if (
      !bounces &&
      customer.bankCharges &&
      (method === 'neft' || method === 'rtgs' || method === 'imps') &&
      random.chance(0.35)
    ) {
      const charge = random.pick([295n, 590n, 1770n, 2950n]);
      const line = lines.find((l) => l.amount > charge + RUPEE);
      if (line) {
        line.amount -= charge;
        line.bankCharges = charge;
      }
    }
    if (!bounces && customer.rounds && random.chance(0.5)) {
      // The customer pays a round figure; the odd rupees and paise are written off.
      const short = sum() % (100n * RUPEE);
      const closing = [...lines]
        .reverse()
        .find((l) => l.amount > short && reduction(l) === docs.find((d) => d.key === l.doc)!.open);
      if (short > 0n && closing) {
        closing.amount -= short;
        closing.writeOff = short;
      }
    }
    const cash = sum();
    let excess = 0n;
    if (!bounces && random.chance(customer.rounds ? 0.08 : 0.012)) {
      const thousand = 1000n * RUPEE;
      excess = ((cash + thousand) / thousand) * thousand - cash;
    }
    const lines_ = lines.filter((l) => reduction(l) > 0n);
    const tdsNote = lines_.find((l) => l.tds > 0n);
    const notes = [
      tdsNote ? `TDS u/s ${tdsLabel(docs.find((d) => d.key === tdsNote.doc)!.tdsBp)} deducted` : null,
      !customer.b2c && random.chance(0.4) ? 'Remittance: {docs}' : null,
    ].filter(Boolean);
    const ref =
      method === 'cheque'
        ? { reference: reference('cheque', date), chequeDate: addDays(date, -random.int(0, 4)) }
        : undefined;
    const key = receipt(date, method, cash + excess, lines_, notes.length ? notes.join('. ') : null, ref);
    if (excess > 0n)
      credits.push({
        receipt: key,
        available: excess,
        applyOn: random.chance(0.5) ? null : addDays(date, random.int(5, 40)),
      });
    if (bounces) bounce(key, cash, lines_, date, ref!);
  }

  function advance(date: string) {
    if (credits.some((c) => c.applyOn === 'next')) return;
    const amount =
      BigInt(
        Math.max(1, Math.round(random.logUniform(customer.value[0] * 0.3, customer.value[1] * 0.5) / 5000)),
      ) *
      5000n *
      RUPEE;
    const method = amount >= 2n * LAKH ? 'rtgs' : customer.b2c && amount <= LAKH ? 'upi' : 'neft';
    const note = customer.b2c
      ? 'Advance for rooftop solar installation'
      : `Advance against PO/${fiscalYear(date).short}/${random.int(100, 2999)}`;
    const key = receipt(date, method, amount, [], note);
    credits.push({ receipt: key, available: amount, applyOn: 'next' });
  }

  const perDay = customer.invoicesPerMonth / 26;
  const seasonal = customer.segment === 'home' || customer.segment === 'hvac';
  for (let date = customer.start; date <= today; date = addDays(date, 1)) {
    // A customer enters the ledger with its first order.
    const first =
      date === customer.start || (date === addDays(customer.start, 1) && isSunday(customer.start));
    if (
      date <= customer.lastInvoice &&
      !isSunday(date) &&
      (first || random.chance(perDay * seasonalWeight(date) * (seasonal ? summerFactor(date) : 1)))
    )
      issueInvoice(date);
    runScheduled(date, 0, 2);
    applyCredits(date);
    runScheduled(date, 3, 4);
    const paying = !customer.stopDate || date < customer.stopDate;
    if (paying && isRunDay(date, customer.cadence)) paymentRun(date);
    if (paying && customer.advances && !isSunday(date) && random.chance(customer.b2c ? 0.003 : 0.008))
      advance(date);
  }

  const open = docs.reduce((s, d) => s + d.open, 0n);
  const unapplied = credits.reduce((s, c) => s + c.available, 0n);
  return { invoiced, received, outstanding: open - unapplied - creditNotesOpen };
}
