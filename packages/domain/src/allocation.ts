import { type IsoDate, daysBetween } from './dates.ts';
import { InvalidValue } from './errors.ts';

/**
 * Applying a receipt or credit note to invoices. The source gives `amount` of its own money to
 * a target; deductions close more of the target without cash: TDS withheld by the customer,
 * bank charges taken on the way, early-payment discount, a small balance written off.
 * Target reduction = amount + deductions. Source reduction = amount.
 */
export interface Deductions {
  tds: bigint;
  bankCharges: bigint;
  discount: bigint;
  writeOff: bigint;
}

export interface AllocationLine extends Deductions {
  invoiceId: string;
  amount: bigint;
}

export interface AllocationTarget {
  id: string;
  number: string;
  customerId: string;
  currency: string;
  open: bigint;
  /** Taxable value (before GST): TDS is withheld on this, not on the total. */
  taxable: bigint;
  issueDate: IsoDate;
  dueDate: IsoDate;
  /** Largest early-payment discount allowed at the allocation date. */
  maxDiscount: bigint;
}

export interface AllocationPolicy {
  /** Largest small balance that may be written off on an allocation, per invoice. */
  writeOffTolerance: bigint;
  /** Largest bank charge accepted on one allocation. */
  bankChargeTolerance: bigint;
  /** TDS may not exceed this share of the taxable value (basis points; 2000 = 20 %). */
  maxTdsBp: number;
}

export interface AllocationSource {
  kind: 'receipt' | 'credit_note';
  customerId: string;
  currency: string;
  /** Unapplied amount of the receipt / open amount of the credit note. */
  available: bigint;
}

export const NO_DEDUCTIONS: Deductions = { tds: 0n, bankCharges: 0n, discount: 0n, writeOff: 0n };

export function deductionTotal(d: Deductions): bigint {
  return d.tds + d.bankCharges + d.discount + d.writeOff;
}

/**
 * Checks a set of allocations against the source and the targets' open amounts. The caller has
 * locked the rows it passes in; this is the whole rule, so it is the same for the API, imports
 * and cash application. Returns the cash taken from the source.
 */
export function validateAllocations(
  source: AllocationSource,
  lines: AllocationLine[],
  targets: Map<string, AllocationTarget>,
  policy: AllocationPolicy,
  field = 'allocations',
): { cash: bigint } {
  if (lines.length === 0) throw new InvalidValue(field, 'at least one allocation is needed');
  const seen = new Set<string>();
  let cash = 0n;
  lines.forEach((line, i) => {
    const at = `${field}[${i}]`;
    if (seen.has(line.invoiceId)) throw new InvalidValue(`${at}.invoice_id`, 'invoice appears twice');
    seen.add(line.invoiceId);
    const target = targets.get(line.invoiceId);
    if (!target || target.customerId !== source.customerId) {
      throw new InvalidValue(`${at}.invoice_id`, 'no such open invoice for this customer');
    }
    if (target.currency !== source.currency) {
      throw new InvalidValue(`${at}.invoice_id`, `invoice is in ${target.currency}, payment in ${source.currency}`);
    }
    for (const [name, value] of [
      ['amount', line.amount],
      ['tds', line.tds],
      ['bank_charges', line.bankCharges],
      ['discount', line.discount],
      ['write_off', line.writeOff],
    ] as const) {
      if (value < 0n) throw new InvalidValue(`${at}.${name}`, 'must not be negative');
    }
    const deductions = deductionTotal(line);
    if (source.kind === 'credit_note' && deductions !== 0n) {
      throw new InvalidValue(`${at}`, 'a credit note allocation cannot carry deductions');
    }
    const reduction = line.amount + deductions;
    if (reduction === 0n) throw new InvalidValue(`${at}.amount`, 'must be more than zero');
    if (reduction > target.open) {
      throw new InvalidValue(`${at}.amount`, `amount plus deductions exceed the open amount of ${target.number}`, {
        open: target.open.toString(),
        requested: reduction.toString(),
      });
    }
    if (line.tds * 10000n > target.taxable * BigInt(policy.maxTdsBp)) {
      throw new InvalidValue(`${at}.tds`, `TDS is more than ${policy.maxTdsBp / 100} % of the taxable value`);
    }
    if (line.bankCharges > policy.bankChargeTolerance) {
      throw new InvalidValue(`${at}.bank_charges`, 'bank charges exceed the tolerance');
    }
    if (line.discount > target.maxDiscount) {
      throw new InvalidValue(`${at}.discount`, 'no early-payment discount of that size applies on this date');
    }
    if (line.writeOff > 0n) {
      if (line.writeOff > policy.writeOffTolerance) {
        throw new InvalidValue(`${at}.write_off`, 'write-off exceeds the small-balance tolerance');
      }
      if (reduction !== target.open) {
        throw new InvalidValue(`${at}.write_off`, 'a small-balance write-off must close the invoice');
      }
    }
    cash += line.amount;
  });
  if (cash > source.available) {
    throw new InvalidValue(field, 'allocations use more than the amount available', {
      available: source.available.toString(),
      requested: cash.toString(),
    });
  }
  return { cash };
}

/**
 * Oldest-first: fills the earliest-due open invoices with the available amount. Ties break on
 * issue date then number, so the plan is deterministic.
 */
export function planOldestFirst(available: bigint, targets: AllocationTarget[]): AllocationLine[] {
  const ordered = [...targets].sort(
    (a, b) =>
      a.dueDate.localeCompare(b.dueDate) || a.issueDate.localeCompare(b.issueDate) || a.number.localeCompare(b.number),
  );
  const lines: AllocationLine[] = [];
  let remaining = available;
  for (const target of ordered) {
    if (remaining <= 0n) break;
    if (target.open <= 0n) continue;
    const amount = remaining < target.open ? remaining : target.open;
    lines.push({ invoiceId: target.id, amount, ...NO_DEDUCTIONS });
    remaining -= amount;
  }
  return lines;
}

export type InvoiceStatus = 'open' | 'partially_paid' | 'paid' | 'void';

export function invoiceStatus(total: bigint, open: bigint, voided: boolean): InvoiceStatus {
  if (voided) return 'void';
  if (open === 0n) return 'paid';
  return open === total ? 'open' : 'partially_paid';
}

export function daysOverdue(dueDate: IsoDate, asOf: IsoDate): number {
  return Math.max(0, daysBetween(dueDate, asOf));
}
