import { z } from 'zod';
import { Amount, Currency, IsoDate, OptionalText, PageQuery, Text, Timestamp, Uuid } from './common.ts';
import { AllocationOut } from './invoices.ts';

export const ReceiptMethod = z.enum(['neft', 'rtgs', 'imps', 'upi', 'cheque', 'cash', 'card', 'nach', 'wire', 'other']);
export type ReceiptMethod = z.infer<typeof ReceiptMethod>;

export const AllocationInput = z.object({
  invoice_id: Uuid.describe('Invoice or debit note'),
  amount: Amount.describe('Cash from this receipt applied to the invoice'),
  tds: Amount.default('0').describe('Tax deducted at source by the customer'),
  bank_charges: Amount.default('0'),
  discount: Amount.default('0').describe('Early-payment discount allowed by the terms'),
  write_off: Amount.default('0').describe('Small balance written off, within the tolerance; must close the invoice'),
});
export type AllocationInput = z.infer<typeof AllocationInput>;

export const ReceiptInput = z.object({
  customer_id: Uuid,
  receipt_date: IsoDate,
  amount: Amount,
  currency: Currency.optional().describe("Must be the customer's currency; defaults to it"),
  method: ReceiptMethod,
  reference: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9/-]{1,40}$/, 'UTR, RRN or cheque number: letters, digits, / or -')
    .nullish(),
  cheque_date: IsoDate.nullish(),
  payer_name: OptionalText(200),
  payer_account: z.string().trim().regex(/^[A-Za-z0-9@._-]{3,64}$/, 'account number or UPI VPA').nullish(),
  payer_ifsc: z.string().trim().toUpperCase().regex(/^[A-Z]{4}0[A-Z0-9]{6}$/, 'must be an IFSC such as HDFC0001234').nullish(),
  bank_account_id: Uuid.nullish(),
  notes: OptionalText(2000),
  allocations: z.array(AllocationInput).max(1000).optional(),
  allocate_oldest_first: z.boolean().default(false).describe('Apply to the oldest open invoices (ignored when allocations are given)'),
});
export type ReceiptInput = z.infer<typeof ReceiptInput>;

export const AllocateBody = z
  .object({
    allocation_date: IsoDate.optional().describe('Defaults to the receipt / credit note date or today, whichever is later'),
    allocations: z.array(AllocationInput).min(1).max(1000).optional(),
    oldest_first: z.boolean().optional(),
  })
  .refine((b) => Boolean(b.allocations) !== Boolean(b.oldest_first), { message: 'give either allocations or oldest_first: true', path: ['allocations'] });
export type AllocateBody = z.infer<typeof AllocateBody>;

export const ReverseReceiptBody = z.object({
  reversed_on: IsoDate,
  reason: Text(500).describe('For example: cheque returned, insufficient funds'),
  bounce_charge: Amount.nullish().describe('Raise a debit note for this charge'),
});
export type ReverseReceiptBody = z.infer<typeof ReverseReceiptBody>;

export const ReverseAllocationBody = z.object({ reversed_on: IsoDate.optional(), reason: Text(500) });

export const ReceiptOut = z.object({
  id: Uuid,
  number: z.string(),
  customer_id: Uuid,
  customer_code: z.string(),
  customer_name: z.string(),
  receipt_date: z.string(),
  currency: z.string(),
  amount: Amount,
  unapplied_amount: Amount,
  method: ReceiptMethod,
  reference: z.string().nullable(),
  cheque_date: z.string().nullable(),
  payer_name: z.string().nullable(),
  payer_account: z.string().nullable(),
  payer_ifsc: z.string().nullable(),
  bank_account_id: Uuid.nullable(),
  status: z.enum(['active', 'reversed']),
  reversed_on: z.string().nullable(),
  reversal_reason: z.string().nullable(),
  bounce_charge_id: Uuid.nullable(),
  notes: z.string().nullable(),
  created_at: Timestamp,
});
export type ReceiptOut = z.infer<typeof ReceiptOut>;

export const ReceiptDetail = ReceiptOut.extend({ allocations: z.array(AllocationOut) });

export const ReceiptListQuery = PageQuery.extend({
  customer_id: Uuid.optional(),
  method: ReceiptMethod.optional(),
  status: z.enum(['active', 'reversed', 'unapplied']).optional().describe('unapplied = active with money not yet applied'),
  q: z.string().trim().max(40).optional().describe('Receipt number or reference contains'),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type ReceiptListQuery = z.infer<typeof ReceiptListQuery>;

export const StatementQuery = z.object({ from: IsoDate, to: IsoDate });
export const StatementLine = z.object({
  date: z.string(),
  type: z.string().describe('invoice, debit_note, credit_note, receipt, reversal, deduction, void'),
  document_id: Uuid,
  number: z.string().nullable(),
  description: z.string(),
  debit: Amount,
  credit: Amount,
  balance: z.string(),
});
export const Statement = z.object({
  customer: z.object({ id: Uuid, code: z.string(), name: z.string(), currency: z.string() }),
  from: z.string(),
  to: z.string(),
  opening_balance: z.string(),
  closing_balance: z.string(),
  total_debit: Amount,
  total_credit: Amount,
  lines: z.array(StatementLine),
});
