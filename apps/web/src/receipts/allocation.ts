import { formatAmount, roundHalfUp } from '@duely/domain/money';
import { parseInput, toMinor } from '../lib/money.tsx';
import type { Invoice } from '../lib/types.ts';

/** One line of the allocation grid as typed: text, so a half-typed "1,2" is not lost. */
export interface GridRow {
  invoice: Invoice;
  selected: boolean;
  amount: string;
  tds: string;
  bank_charges: string;
  discount: string;
  write_off: string;
}

export const DEDUCTIONS = ['tds', 'bank_charges', 'discount', 'write_off'] as const;
export type Deduction = (typeof DEDUCTIONS)[number];
export type RowField = 'amount' | Deduction;

export interface RowCalc {
  open: bigint;
  amount: bigint;
  deductions: bigint;
  /** What stays open on the invoice after this allocation. */
  left: bigint;
  errors: Partial<Record<RowField, string>>;
}

export interface GridTotals {
  receipt: bigint | null;
  applied: bigint;
  deductions: bigint;
  /** Receipt amount not applied to any invoice: stays on account as unapplied cash. */
  unapplied: bigint;
  rows: RowCalc[];
  problems: string[];
}

export function gridRow(invoice: Invoice): GridRow {
  return { invoice, selected: false, amount: '', tds: '', bank_charges: '', discount: '', write_off: '' };
}

function parsed(row: GridRow, field: RowField, currency: string, errors: RowCalc['errors']): bigint {
  const value = parseInput(row[field], currency);
  if (value === null) {
    errors[field] = 'not an amount';
    return 0n;
  }
  return value;
}

export function calcRow(row: GridRow, currency: string): RowCalc {
  const open = toMinor(row.invoice.open_amount, currency);
  const errors: RowCalc['errors'] = {};
  if (!row.selected) return { open, amount: 0n, deductions: 0n, left: open, errors };
  const amount = parsed(row, 'amount', currency, errors);
  let deductions = 0n;
  for (const d of DEDUCTIONS) deductions += parsed(row, d, currency, errors);
  const left = open - amount - deductions;
  if (left < 0n) errors.amount = 'amount plus deductions exceed the open amount';
  else if (amount + deductions === 0n && !errors.amount)
    errors.amount = 'enter an amount or untick the invoice';
  return { open, amount, deductions, left, errors };
}

export function totals(receiptText: string, rows: GridRow[], currency: string): GridTotals {
  const receipt = parseInput(receiptText, currency);
  const calcs = rows.map((r) => calcRow(r, currency));
  let applied = 0n;
  let deductions = 0n;
  for (const c of calcs) {
    applied += c.amount;
    deductions += c.deductions;
  }
  const problems: string[] = [];
  if (receipt === null) problems.push('The receipt amount is not an amount.');
  else if (receipt === 0n) problems.push('Enter the amount received.');
  else if (applied > receipt) problems.push('More is applied to invoices than was received.');
  if (calcs.some((c) => Object.keys(c.errors).length > 0))
    problems.push('Fix the highlighted invoice lines.');
  return { receipt, applied, deductions, unapplied: (receipt ?? 0n) - applied, rows: calcs, problems };
}

/** Oldest due first, as the server's oldest-first rule orders them, so both agree. */
export function byAge(a: Invoice, b: Invoice): number {
  return (
    a.due_date.localeCompare(b.due_date) ||
    a.issue_date.localeCompare(b.issue_date) ||
    a.number.localeCompare(b.number)
  );
}

function deductionsOf(row: GridRow, currency: string): bigint {
  let sum = 0n;
  for (const d of DEDUCTIONS) sum += parseInput(row[d], currency) ?? 0n;
  return sum;
}

/**
 * Spreads the receipt over the oldest invoices. Deductions already typed on a line are kept:
 * the cash then covers what they leave open.
 */
export function fillOldestFirst(receipt: bigint, rows: GridRow[], currency: string): GridRow[] {
  let remaining = receipt;
  const order = rows.map((r, i) => ({ r, i })).sort((a, b) => byAge(a.r.invoice, b.r.invoice));
  const next = [...rows];
  for (const { r, i } of order) {
    const need = toMinor(r.invoice.open_amount, currency) - deductionsOf(r, currency);
    const take = remaining <= 0n || need <= 0n ? 0n : need < remaining ? need : remaining;
    remaining -= take;
    const keepsDeductions = deductionsOf(r, currency) > 0n;
    next[i] =
      take > 0n || keepsDeductions
        ? { ...r, selected: true, amount: formatAmount(take, currency) }
        : { ...r, selected: false, amount: '' };
  }
  return next;
}

/** Ticking a line offers what it still needs, capped at the cash not yet applied elsewhere. */
export function tick(rows: GridRow[], index: number, receiptText: string, currency: string): GridRow[] {
  const row = rows[index]!;
  if (row.selected) return rows.map((r, i) => (i === index ? { ...r, selected: false, amount: '' } : r));
  const receipt = parseInput(receiptText, currency) ?? 0n;
  let usedElsewhere = 0n;
  rows.forEach((r, i) => {
    if (i !== index && r.selected) usedElsewhere += parseInput(r.amount, currency) ?? 0n;
  });
  const need = toMinor(row.invoice.open_amount, currency) - deductionsOf(row, currency);
  const free = receipt - usedElsewhere;
  const take = free > 0n && free < need ? free : need;
  return rows.map((r, i) =>
    i === index ? { ...r, selected: true, amount: formatAmount(take > 0n ? take : 0n, currency) } : r,
  );
}

/**
 * A deduction typed on a ticked line takes the place of cash: the amount shrinks so amount plus
 * deductions still equals what the line covered, and the freed cash stays unapplied.
 */
export function setField(
  rows: GridRow[],
  index: number,
  field: RowField,
  text: string,
  currency: string,
): GridRow[] {
  return rows.map((r, i) => {
    if (i !== index) return r;
    const next: GridRow = {
      ...r,
      [field]: text,
      selected: r.selected || (parseInput(text, currency) ?? 0n) > 0n,
    };
    if (field === 'amount' || !r.selected) return next;
    const open = toMinor(r.invoice.open_amount, currency);
    const amount = parseInput(next.amount, currency);
    const ded = deductionsOf(next, currency);
    if (amount !== null && amount + ded > open && open - ded >= 0n)
      next.amount = formatAmount(open - ded, currency);
    return next;
  });
}

/** TDS at a rate on each ticked line's taxable value (customers withhold on the value before GST). */
export function applyTdsRate(rows: GridRow[], rateBp: number, currency: string): GridRow[] {
  return rows.reduce<GridRow[]>((acc, r, i) => {
    if (!r.selected) return acc;
    const taxable = toMinor(r.invoice.taxable_amount, currency);
    const open = toMinor(r.invoice.open_amount, currency);
    let tds = roundHalfUp(taxable * BigInt(rateBp), 10000n);
    if (tds > open) tds = open;
    return setField(acc, i, 'tds', formatAmount(tds, currency), currency);
  }, rows);
}
