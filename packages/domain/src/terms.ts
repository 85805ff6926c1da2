import { type IsoDate, addDays } from './dates.ts';
import { InvalidValue } from './errors.ts';
import { roundHalfUp } from './money.ts';

/**
 * Payment terms: net N days, or instalments (percentages of the total due at offsets from the
 * invoice date), with an optional early-payment discount ("2 % if paid within 10 days").
 */
export interface PaymentTermsRule {
  netDays: number;
  instalments?: { percentBp: number; days: number }[] | null;
  discountBp?: number | null;
  discountDays?: number | null;
}

export interface Instalment {
  seq: number;
  dueDate: IsoDate;
  amount: bigint;
}

export function validateTerms(terms: PaymentTermsRule): void {
  if (!Number.isInteger(terms.netDays) || terms.netDays < 0 || terms.netDays > 3650) {
    throw new InvalidValue('net_days', 'must be a whole number of days between 0 and 3650');
  }
  if (terms.instalments?.length) {
    let total = 0;
    let lastDays = -1;
    terms.instalments.forEach((part, i) => {
      if (!Number.isInteger(part.percentBp) || part.percentBp <= 0) {
        throw new InvalidValue(`instalments[${i}].percent`, 'must be more than zero');
      }
      if (!Number.isInteger(part.days) || part.days < 0 || part.days <= lastDays) {
        throw new InvalidValue(`instalments[${i}].days`, 'must increase from one instalment to the next');
      }
      lastDays = part.days;
      total += part.percentBp;
    });
    if (total !== 10000) throw new InvalidValue('instalments', 'percentages must add up to 100');
  }
  const hasDiscount = terms.discountBp != null && terms.discountBp > 0;
  if (hasDiscount) {
    if (terms.discountBp! > 10000) throw new InvalidValue('discount_percent', 'must be at most 100 %');
    if (terms.discountDays == null || terms.discountDays < 0 || terms.discountDays > terms.netDays) {
      throw new InvalidValue('discount_days', 'must be set and not beyond the net days');
    }
  }
}

/** Final due date: the last instalment, or issue date + net days. */
export function dueDateFor(issueDate: IsoDate, terms: PaymentTermsRule): IsoDate {
  const last = terms.instalments?.at(-1);
  return addDays(issueDate, last ? last.days : terms.netDays);
}

/**
 * Splits a total over the instalments; rounding leftovers go to the last one so the parts always
 * add up to the total exactly.
 */
export function instalmentSchedule(issueDate: IsoDate, total: bigint, terms: PaymentTermsRule): Instalment[] {
  const parts = terms.instalments?.length ? terms.instalments : [{ percentBp: 10000, days: terms.netDays }];
  let allocated = 0n;
  return parts.map((part, i) => {
    const amount =
      i === parts.length - 1 ? total - allocated : roundHalfUp(total * BigInt(part.percentBp), 10000n);
    allocated += amount;
    return { seq: i + 1, dueDate: addDays(issueDate, part.days), amount };
  });
}

/** Largest early-payment discount a payment on `paymentDate` may take, or 0n if none applies. */
export function earlyPaymentDiscountLimit(
  issueDate: IsoDate,
  invoiceTotal: bigint,
  paymentDate: IsoDate,
  terms: PaymentTermsRule | null,
): bigint {
  if (!terms?.discountBp || terms.discountDays == null) return 0n;
  if (paymentDate > addDays(issueDate, terms.discountDays)) return 0n;
  return roundHalfUp(invoiceTotal * BigInt(terms.discountBp), 10000n);
}

/**
 * How much of each instalment is still open after `paid` has been applied oldest-first: the
 * allocations apply to the invoice, instalments fill in order.
 */
export function openInstalments(schedule: Instalment[], paid: bigint): Instalment[] {
  let remaining = paid;
  return schedule.map((part) => {
    const covered = remaining >= part.amount ? part.amount : remaining;
    remaining -= covered;
    return { ...part, amount: part.amount - covered };
  });
}
