import { z } from 'zod';
import { Amount, IsoDate, OptionalText, PageQuery, Text, Timestamp, Uuid } from './common.ts';
import { StateCode } from './customers.ts';

export const DocumentKind = z.enum(['invoice', 'debit_note', 'credit_note']);
export const InvoiceStatus = z.enum(['open', 'partially_paid', 'paid', 'void']);
export const Percent = z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage such as "18" or "0.25"');
export const Quantity = z.string().regex(/^\d{1,9}(\.\d{1,3})?$/, 'must be a quantity with at most 3 decimals');
/** GST allows at most 16 characters: letters, digits, "/" and "-". */
export const DocumentNumber = z.string().trim().regex(/^[A-Za-z0-9/-]{1,16}$/, 'at most 16 letters, digits, / or -');

export const LineInput = z.object({
  description: Text(500),
  hsn_sac: z.string().regex(/^\d{4,8}$/, 'must be a 4–8 digit HSN/SAC code').nullish(),
  quantity: Quantity.default('1'),
  unit: OptionalText(20),
  unit_price: Amount,
  discount: Amount.default('0'),
  tax_rate: Percent.default('0').describe('GST (or VAT) rate in percent; split into CGST+SGST or IGST by place of supply'),
});
export type LineInput = z.infer<typeof LineInput>;

export const InvoiceInput = z.object({
  customer_id: Uuid,
  number: DocumentNumber.optional().describe('Leave out to take the next number of the series'),
  issue_date: IsoDate,
  due_date: IsoDate.optional().describe("Defaults from the payment terms (the invoice's, else the customer's)"),
  payment_terms_id: Uuid.nullish(),
  place_of_supply: StateCode.nullish().describe("GST state code; defaults to the customer's state"),
  reference: OptionalText(100).describe('Customer PO or order number'),
  notes: OptionalText(2000),
  irn: z.string().regex(/^[0-9a-f]{64}$/, 'must be the 64-hex-digit e-invoice IRN').nullish(),
  irn_status: z.enum(['ACT', 'CNL']).nullish(),
  lines: z.array(LineInput).min(1, 'at least one line').max(500),
});
export type InvoiceInput = z.infer<typeof InvoiceInput>;

export const DebitNoteInput = InvoiceInput.extend({ against_invoice_id: Uuid.nullish() });
export type DebitNoteInput = z.infer<typeof DebitNoteInput>;

export const CreditNoteInput = z.object({
  customer_id: Uuid,
  number: DocumentNumber.optional(),
  issue_date: IsoDate,
  against_invoice_id: Uuid.nullish().describe('The invoice this credit note corrects'),
  apply_to_invoice: z.boolean().default(true).describe('Allocate the credit to that invoice straight away'),
  place_of_supply: StateCode.nullish(),
  reason: Text(500),
  lines: z.array(LineInput).min(1).max(500),
});
export type CreditNoteInput = z.infer<typeof CreditNoteInput>;

export const VoidBody = z.object({ reason: Text(500) });

export const LineOut = z.object({
  line_no: z.number().int(),
  description: z.string(),
  hsn_sac: z.string().nullable(),
  quantity: z.string(),
  unit: z.string().nullable(),
  unit_price: Amount,
  discount: Amount,
  tax_rate: z.string(),
  taxable_amount: Amount,
  cgst: Amount,
  sgst: Amount,
  igst: Amount,
  other_tax: Amount,
  total: Amount,
});

export const AllocationOut = z.object({
  id: Uuid,
  allocation_date: z.string(),
  source: z.enum(['receipt', 'credit_note']),
  receipt_id: Uuid.nullable(),
  credit_note_id: Uuid.nullable(),
  source_number: z.string(),
  invoice_id: Uuid,
  invoice_number: z.string(),
  amount: Amount,
  tds: Amount,
  bank_charges: Amount,
  discount: Amount,
  write_off: Amount,
  reversed_on: z.string().nullable(),
  reversal_reason: z.string().nullable(),
});
export type AllocationOut = z.infer<typeof AllocationOut>;

export const InvoiceOut = z.object({
  id: Uuid,
  kind: DocumentKind,
  number: z.string(),
  customer_id: Uuid,
  customer_code: z.string(),
  customer_name: z.string(),
  issue_date: z.string(),
  due_date: z.string(),
  currency: z.string(),
  supply_type: z.enum(['intra', 'inter', 'none']),
  place_of_supply: z.string().nullable(),
  taxable_amount: Amount,
  cgst: Amount,
  sgst: Amount,
  igst: Amount,
  other_tax: Amount,
  total: Amount,
  open_amount: Amount,
  status: InvoiceStatus,
  days_overdue: z.number().int().describe('Days past due today; 0 when not yet due or settled'),
  reference: z.string().nullable(),
  irn: z.string().nullable(),
  irn_status: z.string().nullable(),
  notes: z.string().nullable(),
  disputed: z.boolean(),
  against_invoice_id: Uuid.nullable(),
  voided_at: Timestamp.nullable(),
  void_reason: z.string().nullable(),
  created_at: Timestamp,
});
export type InvoiceOut = z.infer<typeof InvoiceOut>;

export const InvoiceDetail = InvoiceOut.extend({
  lines: z.array(LineOut),
  instalments: z.array(z.object({ seq: z.number().int(), due_date: z.string(), amount: Amount, open_amount: Amount })),
  allocations: z.array(AllocationOut),
});

export const InvoiceListQuery = PageQuery.extend({
  kind: DocumentKind.optional(),
  customer_id: Uuid.optional(),
  status: z.enum(['open', 'partially_paid', 'paid', 'void', 'unpaid', 'overdue']).optional().describe('unpaid = open or partially paid'),
  q: z.string().trim().max(40).optional().describe('Invoice number contains'),
  from: IsoDate.optional().describe('Issued on or after'),
  to: IsoDate.optional().describe('Issued on or before'),
});
export type InvoiceListQuery = z.infer<typeof InvoiceListQuery>;
