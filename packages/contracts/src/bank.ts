import { z } from 'zod';
import { Amount, IsoDate, SignedAmount, Text, Uuid } from './common.ts';

// Bank accounts are set up in settings; their contract lives with the other settings.
export { BankAccountInput, BankAccountOut } from './customers.ts';

export const StatementImportOut = z.object({
  file_name: z.string(),
  file_sha256: z.string(),
  new_lines: z.number().int(),
  duplicate_lines: z.number().int(),
  message: z.string(),
  statements: z.array(
    z.object({
      statement_id: Uuid.nullable(),
      bank_account_id: Uuid,
      account: z.string().nullable(),
      format: z.string(),
      statement_ref: z.string().nullable(),
      entries: z.number().int(),
      new_lines: z.number().int(),
      duplicate_lines: z.number().int(),
      balance_status: z.enum(['ok', 'mismatch', 'unchecked']),
      balance_message: z.string().nullable(),
      continuity_warning: z.string().nullable(),
    }),
  ),
});

export const BankLineStatus = z.enum(['new', 'applied', 'suggested', 'unmatched', 'parked', 'reversed', 'ignored']);

export const ProposalAllocation = z.object({ invoice_id: Uuid, invoice_number: z.string(), amount: Amount, tds: Amount, bank_charges: Amount });

export const BankLineOut = z.object({
  id: Uuid,
  statement_id: Uuid,
  bank_account_id: Uuid,
  source: z.string(),
  booking_date: IsoDate,
  value_date: IsoDate.nullable(),
  amount: SignedAmount,
  currency: z.string(),
  reference: z.string().nullable(),
  bank_reference: z.string().nullable(),
  end_to_end_id: z.string().nullable(),
  counterparty_name: z.string().nullable(),
  counterparty_account: z.string().nullable(),
  remittance: z.string(),
  status: BankLineStatus,
  decision: z.enum(['auto', 'suggested', 'none', 'manual']).nullable(),
  confidence: z.number().int().nullable(),
  reason: z.string().nullable(),
  customer: z.object({ id: Uuid, code: z.string(), name: z.string() }).nullable(),
  proposal: z.object({ customer_id: Uuid.nullable(), allocations: z.array(ProposalAllocation), unapplied: Amount }).nullable(),
  receipt_number: z.string().nullable(),
});

export const BankLineQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',') : undefined))
    .pipe(z.array(BankLineStatus).optional()),
  statement_id: Uuid.optional(),
  bank_account_id: Uuid.optional(),
  /** Work waiting is done oldest first; what is settled is looked up newest first. */
  order: z.enum(['oldest', 'newest']).default('oldest'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.string().max(500).optional(),
});

export const AcceptMatchBody = z.object({
  customer_id: Uuid,
  allocations: z.array(z.object({ invoice_id: Uuid, amount: Amount, tds: Amount.optional(), bank_charges: Amount.optional() })).max(200),
});

export const ParkBody = z.object({ customer_id: Uuid });
export const IgnoreBody = z.object({ reason: Text(500) });

export const CashAppRunBody = z.object({ statement_id: Uuid.optional(), bank_account_id: Uuid.optional(), rematch: z.boolean().default(false) });

export const CashAppRunOut = z.object({
  auto: z.number().int(),
  suggested: z.number().int(),
  none: z.number().int(),
  lines: z.array(
    z.object({
      line_id: Uuid,
      source: z.string(),
      booking_date: IsoDate,
      amount: SignedAmount,
      currency: z.string(),
      references: z.object({ reference: z.string().nullable(), bank_reference: z.string().nullable(), end_to_end_id: z.string().nullable() }),
      decision: z.enum(['auto', 'suggested', 'none']),
      customer: z.object({ id: Uuid, code: z.string(), name: z.string() }).nullable(),
      allocations: z.array(ProposalAllocation),
      unapplied: Amount,
      confidence: z.number().int(),
      reason: z.string(),
      receipt_number: z.string().nullable(),
    }),
  ),
});
