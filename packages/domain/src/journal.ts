import { DomainError } from './errors.ts';

/**
 * The fixed chart of accounts every document posts to. AR is the control account; its lines
 * carry the customer, so Σ of a customer's AR lines is that customer's balance.
 */
export const ACCOUNTS = {
  AR: 'Accounts receivable',
  REVENUE: 'Sales',
  SALES_RETURNS: 'Sales returns and allowances',
  CGST_OUTPUT: 'CGST output',
  SGST_OUTPUT: 'SGST output',
  IGST_OUTPUT: 'IGST output',
  OTHER_TAX_OUTPUT: 'Sales tax / VAT output',
  BANK: 'Bank',
  TDS_RECEIVABLE: 'TDS receivable',
  BANK_CHARGES: 'Bank charges',
  DISCOUNT_ALLOWED: 'Discount allowed',
  WRITE_OFF: 'Small balances written off',
  OTHER_INCOME: 'Other income (bounce and late fees)',
  OPENING_BALANCE: 'Opening balances (imported)',
} as const;

export type Account = keyof typeof ACCOUNTS;

export interface PostingLine {
  account: Account;
  customerId?: string | null;
  debit: bigint;
  credit: bigint;
  memo?: string;
}

export function assertBalanced(lines: PostingLine[]): void {
  let debit = 0n;
  let credit = 0n;
  for (const line of lines) {
    if (line.debit < 0n || line.credit < 0n || (line.debit !== 0n && line.credit !== 0n)) {
      throw new DomainError('bad_posting', `a journal line must be a debit or a credit, not both or negative (${line.account})`);
    }
    if (line.account === 'AR' && !line.customerId) throw new DomainError('bad_posting', 'an AR line needs a customer');
    debit += line.debit;
    credit += line.credit;
  }
  if (debit !== credit) throw new DomainError('unbalanced', `journal entry does not balance: debit ${debit} ≠ credit ${credit}`);
}

const dr = (account: Account, amount: bigint, customerId?: string, memo?: string): PostingLine => ({
  account,
  debit: amount,
  credit: 0n,
  ...(customerId ? { customerId } : {}),
  ...(memo ? { memo } : {}),
});
const cr = (account: Account, amount: bigint, customerId?: string, memo?: string): PostingLine => ({
  account,
  debit: 0n,
  credit: amount,
  ...(customerId ? { customerId } : {}),
  ...(memo ? { memo } : {}),
});

export interface TaxedAmounts {
  taxable: bigint;
  cgst: bigint;
  sgst: bigint;
  igst: bigint;
  otherTax: bigint;
  total: bigint;
}

const nonZero = (lines: PostingLine[]) => lines.filter((l) => l.debit !== 0n || l.credit !== 0n);

/** Invoice or debit note: the customer owes the total; sales and each tax are credited. */
export function salesPosting(customerId: string, amounts: TaxedAmounts, incomeAccount: Account = 'REVENUE'): PostingLine[] {
  return nonZero([
    dr('AR', amounts.total, customerId),
    cr(incomeAccount, amounts.taxable),
    cr('CGST_OUTPUT', amounts.cgst),
    cr('SGST_OUTPUT', amounts.sgst),
    cr('IGST_OUTPUT', amounts.igst),
    cr('OTHER_TAX_OUTPUT', amounts.otherTax),
  ]);
}

/** Credit note: sales and tax are reduced, the customer owes less. */
export function creditNotePosting(customerId: string, amounts: TaxedAmounts): PostingLine[] {
  return nonZero([
    dr('SALES_RETURNS', amounts.taxable),
    dr('CGST_OUTPUT', amounts.cgst),
    dr('SGST_OUTPUT', amounts.sgst),
    dr('IGST_OUTPUT', amounts.igst),
    dr('OTHER_TAX_OUTPUT', amounts.otherTax),
    cr('AR', amounts.total, customerId),
  ]);
}

/** Money received: the bank has it, the customer owes that much less (applied or not). */
export function receiptPosting(customerId: string, amount: bigint): PostingLine[] {
  return [dr('BANK', amount), cr('AR', amount, customerId)];
}

export interface DeductionAmounts {
  tds: bigint;
  bankCharges: bigint;
  discount: bigint;
  writeOff: bigint;
}

/** Deductions close part of an invoice without cash; each lands on its own account. */
export function deductionPosting(customerId: string, d: DeductionAmounts, invoiceNumber: string): PostingLine[] {
  const parts: [Account, bigint, string][] = [
    ['TDS_RECEIVABLE', d.tds, `TDS deducted on ${invoiceNumber}`],
    ['BANK_CHARGES', d.bankCharges, `Bank charges on ${invoiceNumber}`],
    ['DISCOUNT_ALLOWED', d.discount, `Early-payment discount on ${invoiceNumber}`],
    ['WRITE_OFF', d.writeOff, `Small balance written off on ${invoiceNumber}`],
  ];
  return parts.filter(([, amount]) => amount !== 0n).flatMap(([account, amount, memo]) => [dr(account, amount, undefined, memo), cr('AR', amount, customerId, memo)]);
}

/** The mirror image of a posting: reverses it without deleting it. */
export function reversePosting(lines: PostingLine[], memo?: string): PostingLine[] {
  return lines.map((l) => ({ ...l, debit: l.credit, credit: l.debit, ...(memo ? { memo } : {}) }));
}
