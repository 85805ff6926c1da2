import type { AllocationLine, AllocationPolicy } from '../allocation.ts';
import { type Fit, type FitTarget, findPaidSet, fitInvoices } from './amounts.ts';
import { percent, shortAmount } from './explain.ts';
import { invoiceKeys, keyStrength, sharedKeys, textKeys } from './invoice-refs.ts';

/** A credit line of a bank statement, as the matcher sees it. */
export interface MatchLine {
  amount: bigint;
  currency: string;
  bookingDate: string;
  reference: string | null;
  bankReference: string | null;
  endToEndId: string | null;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  remittance: string;
}

export interface MatchCustomer {
  id: string;
  code: string;
  name: string;
  currency: string;
}

/** An open invoice or debit note as the matcher sees it. */
export interface MatchInvoice extends FitTarget {
  customerId: string;
  currency: string;
}

export type NamedCustomers = { customer: MatchCustomer; similarity: number }[] & { complete: boolean };

export type PayerKind = 'vpa' | 'virtual_account' | 'bank_account' | 'name';

/** An invoice as the clue index knows it: its number and owner, not what is still open. */
export type ClueInvoice = Pick<MatchInvoice, 'id' | 'number' | 'customerId' | 'currency'>;

/**
 * What a line's clues are looked up in (findClues): payer identifiers, invoice numbers, customer
 * names. Nothing a run does changes it.
 */
export interface ClueDirectory {
  /** Whether any customer has an identifier of this kind (most tenants have no virtual accounts). */
  knows(kind: PayerKind): boolean;
  /** Customers a normalised identifier belongs to (set up, or learned from accepted matches). */
  customersWith(kind: PayerKind, value: string): string[];
  /**
   * Invoices (any customer) with `key` among their keys (invoiceKeys), or as the key of their
   * last group alone (`tail:` + key), and perhaps a few that only share its hash: the caller
   * checks each against the text. Some may be paid by now.
   */
  invoicesWithKeys(key: string): ClueInvoice[];
  /**
   * The few customers whose names are most like the payer's (sharing folded words, say), each
   * with how alike the two are (nameSimilarity); `complete` when the name index found no other
   * customer as alike (one whose name starts with the same words, or shares as many of them).
   */
  customersNamed(payerName: string): NamedCustomers;
}

/** The open items a run decides against (decideLine), lowered as it applies lines. */
export interface OpenItems {
  customer(id: string): MatchCustomer | undefined;
  /** An invoice with what is open of it now. */
  invoice(id: string): MatchInvoice | undefined;
  /** A customer's invoices in `currency` still open, oldest due first. */
  openInvoicesOf(customerId: string, currency: string): MatchInvoice[];
  /**
   * Open invoices of exactly `amount`: those of the one customer that has them, or none and
   * `customers: 2` once a second customer has one too (then the amount says nothing of who paid).
   */
  openForAmount(amount: bigint, currency: string): { invoices: MatchInvoice[]; customers: number };
  /** The number of an invoice this directory holds. */
  invoiceNumber(invoiceId: string): string | undefined;
  /** Lowers open amounts by what `lines` apply, so later lines of a run see it. */
  settle(lines: AllocationLine[]): void;
}

/** What the matcher may look up: the tenant's customers, payer identifiers and open invoices. */
export type MatchDirectory = ClueDirectory & OpenItems;

export interface MatchResult {
  decision: 'auto' | 'suggested' | 'none';
  customerId: string | null;
  lines: AllocationLine[];
  /** Cash proposed to stay on account (overpayment, or no invoice to pay). */
  unapplied: bigint;
  confidence: number;
  reason: string;
}

/** Upper-cased VPAs (name@bank) anywhere in the text. */
export function vpasIn(text: string): string[] {
  if (!text.includes('@')) return [];
  return [...text.matchAll(/[A-Za-z0-9][A-Za-z0-9._]{1,}@[A-Za-z][A-Za-z0-9]{1,}/g)].map((m) => m[0].toUpperCase());
}

export const normaliseIdentifier = (value: string) => value.replace(/[\s-]/g, '').toUpperCase();

interface Evidence {
  /** Independent signals, each a probability (0–1) that this customer paid. */
  signals: number[];
  reasons: string[];
  /** Invoices of this customer named in the text, with the key that found them. */
  referenced: Map<string, { target: MatchInvoice; strong: boolean }>;
  /** Whether more than a name points at this customer: its VPA, virtual or known account, or an invoice number as issued. */
  identified: boolean;
  /** The strongest of the signals that came from the payer's name alone (0 if none). */
  byName: number;
}

function identify(e: Evidence, signal: number) {
  e.signals.push(signal);
  e.identified = true;
}

function byName(e: Evidence, signal: number) {
  e.signals.push(signal);
  e.byName = Math.max(e.byName, signal);
}

/**
 * Whether `rival` brings nothing `best` lacks: only a name, no better than the one `best` also
 * has, against a payer something else identified. A similar name with an invoice of the same
 * amount is common (a few hundred price points, every town's Shree Ganesh); it is no reason to
 * doubt a VPA or an invoice number.
 */
function outranks(best: Evidence, rival: Evidence): boolean {
  return best.identified && !rival.identified && rival.referenced.size === 0 && best.byName >= rival.byName;
}

const combined = (e: Evidence) => 1 - e.signals.reduce((p, s) => p * (1 - s), 1);

/**
 * What the text said of the invoices a fit pays: all of them named (by a number as issued or
 * nearly, or only by a bare serial that may be a cheque number), some named and the rest found
 * by the amount, or none.
 */
type Named = 'strong' | 'weak' | 'some' | 'none';

/**
 * How well a fit explains the amount, 0–1. Its words (fitText) are put together only for the
 * customer that wins: every line weighs several, and formatting amounts is not free.
 */
function fitScore(fit: Fit, named: Named): number {
  const all = named === 'strong' || named === 'weak';
  // Which twin was paid is a convention (the older, as the customer's ledger clears it), not
  // something the amount says: fine when the payer is certain (a VPA, a virtual account), not
  // when only a name says who paid. On the bench the payer had chosen the older in about half
  // the twin cases.
  const penalty = fit.ambiguous ? 0.8 : fit.twins ? 0.95 : 1;
  switch (fit.kind) {
    case 'exact':
      // One set of two invoices adding up to the amount says as much as one invoice equal to it;
      // three or more leave more room for a coincidence.
      return (all ? 1 : named === 'some' ? 0.96 : fit.lines.length <= 2 ? 0.97 : 0.94) * penalty;
    // TDS at a usual rate of the named invoices' taxable value leaves as little to chance as the
    // exact amount ("INV-2024-0113 in narration; amount = open 1,18,000 − 2 % TDS on 1,00,000"):
    // on the bench, 144 of 144 such lines scored 89 and waited for a person.
    case 'tds':
      return (all ? 1 : named === 'some' ? 0.95 : 0.93) * penalty;
    case 'charges':
      return (all ? 0.97 : 0.9) * penalty;
    // A bare serial (a cheque number, an account's last digits, say) that happens to be an
    // invoice's, with an amount that does not pay it, is hardly a match at all.
    case 'over':
      return named === 'strong' ? 0.88 : named === 'weak' ? 0.55 : 0.6;
    default:
      return named === 'strong' ? 0.93 : named === 'weak' ? 0.6 : 0.55;
  }
}

/** A fit in the words a collector reads: "amount = open 1,18,000 − 2 % TDS on 1,00,000". */
function fitText(fit: Fit, dir: OpenItems, currency: string, named: Named): string {
  const a = (x: bigint) => shortAmount(x, currency);
  const targets = fit.lines.map((l) => dir.invoice(l.invoiceId)!);
  const open = targets.reduce((n, t) => n + t.open, 0n);
  const numbers = targets.map((t) => t.number).join(' + ');
  const what = named === 'none' ? ` (${numbers})` : named === 'some' ? ` (${numbers}, not all in narration)` : '';
  const ambiguity = fit.ambiguous ? '; another set of invoices adds up the same' : fit.twins ? '; an equal invoice is open too, the older is taken' : '';
  switch (fit.kind) {
    case 'exact':
      return `amount = open ${a(open)}${what}${ambiguity}`;
    case 'tds':
      return `amount = open ${a(open)} − ${percent(fit.tdsRateBp!)} TDS on ${a(targets.reduce((n, t) => n + t.taxable, 0n))}${what}${ambiguity}`;
    case 'charges':
      return `amount = open ${a(open)} − bank charges ${a(fit.lines.reduce((n, l) => n + l.bankCharges, 0n))}${what}${ambiguity}`;
    case 'over':
      return `pays open ${a(open)}${what} in full; ${a(fit.unapplied)} more stays unapplied`;
    default: {
      const paid = fit.lines.reduce((n, l) => n + l.amount, 0n);
      const all = named === 'strong' || named === 'weak';
      return `part-pays ${all ? '' : 'oldest '}${targets.map((t) => t.number).join(', ')}: ${a(paid)} of open ${a(open)}`;
    }
  }
}

/** The evidence gathered for a customer, started on first use. */
function evidenceOf(evidence: Map<string, Evidence>, customerId: string): Evidence {
  let e = evidence.get(customerId);
  if (!e) {
    e = { signals: [], reasons: [], referenced: new Map(), identified: false, byName: 0 };
    evidence.set(customerId, e);
  }
  return e;
}

const nameOf = (dir: OpenItems, id: string) => dir.customer(id)?.name ?? id;

/**
 * Decides one credit line: who paid (payer identifiers, invoice numbers in the text, the payer's
 * name) and what they paid (the invoices named, else a set of open invoices the amount fits, else
 * the oldest in part). Confidence is the chance the payer is right times how well the amount is
 * explained, less a margin when a second customer is nearly as likely (not when all that speaks
 * for the second is a name no better than the first's, and more than a name speaks for the
 * first). At or above `autoAt` the line is applied without a person; from 50 it is suggested.
 */
export function matchLine(line: MatchLine, dir: MatchDirectory, policy: AllocationPolicy, autoAt: number): MatchResult {
  return decideLine(line, findClues(line, dir), dir, policy, autoAt);
}

/**
 * What in a line points at a customer or an invoice: identifiers, invoice numbers in the text,
 * the payer's name, looked up in what a run does not change; decideLine weighs them against the
 * open items as they stand.
 */
export interface LineClues {
  /** Customers an identifier in the line belongs to, in the order found. */
  identifiers: { customerId: string; kind: 'vpa' | 'virtual_account' | 'bank_account' | 'virtual_account_token'; value: string }[];
  /** Invoices of the line's currency named in the text, and whether by a number as issued; some may be paid by now. */
  invoices: { id: string; customerId: string; strong: boolean }[];
  /** Customers the payer's name is a set-up or learned name of. */
  aliases: string[];
  /** The customers named most like the payer (customersNamed), with how alike. */
  named: { customerId: string; similarity: number }[];
  /** Whether `named` is every customer as alike (NamedCustomers.complete). */
  namedComplete: boolean;
}

const NO_CLUES: LineClues = { identifiers: [], invoices: [], aliases: [], named: [], namedComplete: false };

export function findClues(line: MatchLine, dir: ClueDirectory): LineClues {
  if (line.amount <= 0n) return NO_CLUES;
  const text = [line.remittance, line.reference, line.endToEndId].filter(Boolean).join(' ');
  const identifiers: LineClues['identifiers'] = [];
  const account = line.counterpartyAccount ? normaliseIdentifier(line.counterpartyAccount) : null;
  for (const vpa of vpasIn(`${text} ${line.counterpartyAccount ?? ''}`)) {
    for (const id of dir.customersWith('vpa', vpa)) identifiers.push({ customerId: id, kind: 'vpa', value: vpa });
  }
  if (account) {
    for (const id of dir.customersWith('virtual_account', account)) identifiers.push({ customerId: id, kind: 'virtual_account', value: account });
    for (const id of dir.customersWith('bank_account', account)) identifiers.push({ customerId: id, kind: 'bank_account', value: account });
  }
  if (dir.knows('virtual_account')) {
    for (const token of text.toUpperCase().match(/\b[A-Z0-9]{8,20}\b/g) ?? []) {
      for (const id of dir.customersWith('virtual_account', token)) {
        // One virtual account is enough: the payee's account and a token in the text are the same fact.
        if (identifiers.some((i) => i.customerId === id && (i.kind === 'virtual_account' || i.kind === 'virtual_account_token'))) continue;
        identifiers.push({ customerId: id, kind: 'virtual_account_token', value: token });
      }
    }
  }

  const keys = textKeys(text);
  const invoices: LineClues['invoices'] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    if (!key.startsWith('f:') || keyStrength(key) < 3) continue;
    for (const target of dir.invoicesWithKeys(key)) {
      if (seen.has(target.id) || target.currency !== line.currency) continue;
      // Only keys as strong as those looked up count: the index may return an invoice that
      // merely shares the hash of one.
      const shared = sharedKeys(invoiceKeys(target.number), keys).filter((k) => keyStrength(k) >= 3);
      if (shared.length === 0) continue;
      seen.add(target.id);
      invoices.push({ id: target.id, customerId: target.customerId, strong: !shared[0]!.startsWith('tail:') && keyStrength(shared[0]!) >= 5 });
    }
  }

  const payerName = line.counterpartyName?.trim();
  if (!payerName) return { identifiers, invoices, aliases: [], named: [], namedComplete: false };
  const named = dir.customersNamed(payerName);
  return {
    identifiers,
    invoices,
    aliases: dir.customersWith('name', payerName),
    named: named.map((n) => ({ customerId: n.customer.id, similarity: n.similarity })),
    namedComplete: named.complete,
  };
}

const IDENTIFIER_SIGNAL: Record<LineClues['identifiers'][number]['kind'], number> = {
  vpa: 0.97,
  virtual_account: 0.98,
  bank_account: 0.93,
  virtual_account_token: 0.98,
};

/**
 * Decides a line from its clues (findClues) and the open items as they stand: who paid and what
 * they paid, as matchLine describes.
 */
export function decideLine(line: MatchLine, clues: LineClues, dir: OpenItems, policy: AllocationPolicy, autoAt: number): MatchResult {
  if (line.amount <= 0n) return { decision: 'none', customerId: null, lines: [], unapplied: 0n, confidence: 0, reason: 'not a payment received' };
  const evidence = new Map<string, Evidence>();

  // Identifiers set up or learned for a customer.
  for (const { customerId: id, kind, value } of clues.identifiers) {
    const e = evidenceOf(evidence, id);
    identify(e, IDENTIFIER_SIGNAL[kind]);
    const name = nameOf(dir, id);
    e.reasons.push(
      kind === 'vpa'
        ? `VPA ${value.toLowerCase()} is ${name}'s`
        : kind === 'virtual_account'
          ? `paid into ${name}'s virtual account`
          : kind === 'bank_account'
            ? `account …${value.slice(-4)} paid ${name} before`
            : `virtual account ${value} is ${name}'s`,
    );
  }

  // Invoice numbers in the text, of invoices still open.
  for (const { id, customerId, strong } of clues.invoices) {
    const target = dir.invoice(id);
    if (!target || target.open <= 0n) continue;
    evidenceOf(evidence, customerId).referenced.set(target.id, { target, strong });
  }
  for (const e of evidence.values()) {
    if (e.referenced.size === 0) continue;
    const refs = [...e.referenced.values()];
    const strong = refs.some((r) => r.strong);
    if (strong) identify(e, 0.9);
    else e.signals.push(0.6);
    e.reasons.push(`${refs.map((r) => r.target.number).join(', ')} in narration`);
  }

  // The payer's name: the customers it is like, and whether they are all the directory has.
  const payerName = line.counterpartyName?.trim();
  const alike: { id: string; similarity: number }[] = [];
  const nameComplete = clues.namedComplete;
  for (const id of clues.aliases) {
    byName(evidenceOf(evidence, id), 0.9);
    evidenceOf(evidence, id).reasons.push(`${payerName} is a name ${nameOf(dir, id)} pays under`);
  }
  for (const { customerId: id, similarity } of clues.named) {
    if (similarity < 0.7) continue;
    alike.push({ id, similarity });
    // Calibrated on the cash-application bench: a name equal after folding, with an amount
    // that fits exactly one way, was right in 100 % of cases; a cut-off or near name was not.
    const signal = similarity >= 0.999 ? FULL_NAME : similarity >= 0.95 ? 0.85 : similarity >= 0.85 ? 0.7 : 0.45;
    byName(evidenceOf(evidence, id), signal);
    evidenceOf(evidence, id).reasons.push(similarity >= 0.95 ? `payer ${payerName} = ${nameOf(dir, id)}` : `payer ${payerName} ≈ ${nameOf(dir, id)}`);
  }

  // What each likely customer would have paid; the best-explained customer wins.
  const ranked = [...evidence.entries()]
    .map(([id, e]) => ({ id, e, p: Math.min(0.995, combined(e)) }))
    .filter((x) => dir.customer(x.id)?.currency === line.currency || x.e.referenced.size > 0)
    .sort((a, b) => b.p - a.p)
    .slice(0, 5);
  if (ranked.length === 0) return amountOnly(line, dir, policy);
  const scored: ((typeof ranked)[number] & ReturnType<typeof proposal>)[] = [];
  let top = 0;
  for (const x of ranked) {
    // Confidence is at most p (a fit scores at most 1). A customer whose p is no more than 0.8 of
    // the best confidence so far can neither win nor be the close rival that costs the winner
    // its margin, and neither can any after it: what they would have paid is not worked out.
    if (x.p <= top * 0.8) break;
    // Assigned onto the proposal, a fresh object, not spread into a third: see fitOf in amounts.ts.
    const scoredOne = Object.assign(proposal(line, dir, policy, x.e, x.id), x);
    scored.push(scoredOne);
    top = Math.max(top, scoredOne.p * scoredOne.fitScore);
  }
  scored.sort((a, b) => b.p * b.fitScore - a.p * a.fitScore);
  const best = scored[0]!;
  const runnerUp = scored[1];
  let confidence = best.p * best.fitScore;
  let rival = '';
  if (runnerUp && runnerUp.p * runnerUp.fitScore > confidence * 0.8 && !outranks(best.e, runnerUp.e)) {
    confidence -= runnerUp.p * runnerUp.fitScore * 0.5;
    rival = `; ${nameOf(dir, runnerUp.id)} fits almost as well`;
  } else if (nameComplete && onlyFitAmongNamed(best, scored, alike)) {
    // A name cut short is like several customers' (every town's Shree Ganesh Traders); when all
    // of them were weighed and only one has open invoices the amount pays, the amount told them
    // apart, as a name in full would have. A misspelt name ("TRADRS") stays a suggestion.
    if (FULL_NAME * best.fitScore > confidence) {
      confidence = FULL_NAME * best.fitScore;
      rival = alike.length > 1 ? `; of ${alike.length} customers so named, only this one has open invoices that add up` : '; no other customer is so named';
    }
  }
  const score = Math.max(0, Math.min(100, Math.round(confidence * 100)));
  const decision = score >= autoAt ? 'auto' : score >= 50 ? 'suggested' : 'none';
  return {
    decision,
    customerId: decision === 'none' && score < 30 ? null : best.id,
    lines: best.fit?.lines ?? [],
    unapplied: best.fit ? best.fit.unapplied : line.amount,
    confidence: score,
    reason: `${best.e.reasons.join('; ')}; ${best.fit ? `${fitText(best.fit, dir, line.currency, best.named)}${best.partStated ? ' (a part payment, the narration says)' : ''}` : `no open invoice; ${shortAmount(line.amount, line.currency)} would stay on account`}${rival}`,
  };
}

/** What a payer name equal (after folding) to a customer's says of who paid. */
const FULL_NAME = 0.93;

/**
 * Whether `best` was found by its name alone, that name equal to or a start of the payer's (cut
 * short by the bank, not misspelt), its amount fits it one way (in full or less TDS), every
 * customer so named was weighed, and none of the others has a fit.
 */
function onlyFitAmongNamed(best: { id: string; e: Evidence; fit: Fit | null }, scored: { id: string; fitScore: number }[], alike: { id: string; similarity: number }[]): boolean {
  const fit = best.fit;
  if (!fit || (fit.kind !== 'exact' && fit.kind !== 'tds') || fit.ambiguous || fit.twins) return false;
  if (best.e.referenced.size > 0 || best.e.signals.length !== 1) return false;
  if (!alike.some((a) => a.id === best.id && a.similarity >= 0.95)) return false;
  // A customer whose name is only somewhat like the payer's (< 0.85) is not one the payer could
  // be by name: its evidence is too weak to be weighed, and a fit there would not make it a rival.
  return alike.every((a) => a.similarity < 0.85 || scored.some((x) => x.id === a.id)) && scored.every((x) => x.id === best.id || x.fitScore <= 0.6);
}

interface Proposal {
  fit: Fit | null;
  fitScore: number;
  named: Named;
  /** The narration says the payment is a part one. */
  partStated?: boolean;
}

/** Words with which payers mark a payment short on purpose: part payment, partial, on account. */
const SAYS_PART_PAYMENT = /\b(PART(IAL)?[\s.-]*(PMT|PYMT|PAYMT|PAYMENT|PAY|PAID)?|ON[\s.-]*A\/?C|ON[\s.-]*ACCOUNT|ADVANCE|INSTAL+MENT|TEILZAHLUNG|ACOMPTE|ABSCHLAG)\b/i;

function proposal(line: MatchLine, dir: OpenItems, policy: AllocationPolicy, e: Evidence, customerId: string): Proposal {
  const open = dir.openInvoicesOf(customerId, line.currency);
  if (e.referenced.size > 0) {
    const refs = [...e.referenced.values()];
    const targets = refs.map((r) => r.target);
    const fit = fitInvoices(line.amount, targets, policy);
    // More than the named invoices: the rest may pay others the payer did not name (a number
    // mangled past reading, or left out).
    const completed = fit.kind === 'over' ? findPaidSet(line.amount, open, policy, targets) : null;
    if (completed) return { fit: completed, fitScore: fitScore(completed, 'some'), named: 'some' };
    const named = refs.some((r) => r.strong) ? 'strong' : 'weak';
    // "PART PMT INV-2025-0113": the payer says the amount is short on purpose, which explains it as
    // fully as an exact amount would. Only for an invoice named as issued: a bare serial may be a
    // cheque number.
    if (fit.kind === 'partial' && named === 'strong' && refs.length === 1 && SAYS_PART_PAYMENT.test(line.remittance)) return { fit, fitScore: 1, named, partStated: true };
    return { fit, fitScore: fitScore(fit, named), named };
  }
  const paid = findPaidSet(line.amount, open, policy);
  if (paid) return { fit: paid, fitScore: fitScore(paid, 'none'), named: 'none' };
  if (open.length === 0) return { fit: null, fitScore: 0.5, named: 'none' };
  const fit = fitInvoices(line.amount, open, policy);
  return { fit, fitScore: fitScore(fit, 'none'), named: 'none' };
}

/** No sign of who paid: an open invoice of exactly this amount is a lead, never a certainty. */
function amountOnly(line: MatchLine, dir: OpenItems, policy: AllocationPolicy): MatchResult {
  const { invoices: same, customers } = dir.openForAmount(line.amount, line.currency);
  if (customers > 1) {
    return { decision: 'none', customerId: null, lines: [], unapplied: 0n, confidence: 20, reason: `open invoices of ${shortAmount(line.amount, line.currency)} at more than one customer; nothing says whose` };
  }
  if (same.length === 0) return { decision: 'none', customerId: null, lines: [], unapplied: 0n, confidence: 0, reason: 'no customer, invoice number or amount recognised' };
  const target = same.sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1))[0]!;
  const fit = fitInvoices(line.amount, [target], policy);
  return {
    decision: 'suggested',
    customerId: target.customerId,
    lines: fit.lines,
    unapplied: 0n,
    confidence: 55,
    reason: `payer not recognised; only ${target.number} (${dir.customer(target.customerId)?.name ?? ''}) is open for exactly ${shortAmount(line.amount, line.currency)}`,
  };
}
