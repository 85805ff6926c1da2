import type { BankAccountInput, CustomerInput, PaymentTermsInput } from '@duely/contracts/customers';
import type { CreditNoteInput, DebitNoteInput, InvoiceInput } from '@duely/contracts/invoices';
import type { ReceiptInput } from '@duely/contracts/receipts';
import type { z } from 'zod';
import type { Role } from '../identity/permissions.ts';

/**
 * The demo as data: everything the loader will ask the services to do, in order, with keys in
 * place of ids (ids exist only once rows do). Pure, so it can be checked without a database.
 */

export type TermsKey = 'NET15' | 'NET30' | 'NET45' | 'NET60' | '2-10-NET30' | 'INST-30-30-40' | 'ON-RECEIPT';
export type BankKey = 'hdfc' | 'sbi';

export interface PlanUser {
  key: string;
  email: string;
  name: string;
  roles: Role[];
}

export interface PlanTerms {
  key: TermsKey;
  input: PaymentTermsInput;
}

export interface PlanBank {
  key: BankKey;
  input: z.infer<typeof BankAccountInput>;
}

export interface PlanCustomer {
  key: string;
  /** Key of the collecting user. */
  collector: string;
  terms: TermsKey;
  input: Omit<CustomerInput, 'collector_id' | 'payment_terms_id'>;
  /** How the generator made it behave; not stored, but handy in tests and for telling the story. */
  traits: {
    size: 'key' | 'large' | 'medium' | 'small' | 'retail';
    profile: string;
    cadence: string;
    segment: string;
  };
}

export interface PlanAllocation {
  /** Key of the invoice or debit note. */
  doc: string;
  amount: bigint;
  tds: bigint;
  bankCharges: bigint;
  discount: bigint;
  writeOff: bigint;
}

interface Base {
  date: string;
  customer: string;
}

export type PlanEvent =
  | (Base & { type: 'invoice'; key: string; input: Omit<InvoiceInput, 'customer_id'>; total: bigint })
  | (Base & {
      type: 'debit_note';
      key: string;
      against: string;
      input: Omit<DebitNoteInput, 'customer_id' | 'against_invoice_id'>;
      total: bigint;
    })
  | (Base & {
      type: 'credit_note';
      key: string;
      against: string;
      input: Omit<CreditNoteInput, 'customer_id' | 'against_invoice_id'>;
      total: bigint;
    })
  | (Base & {
      type: 'receipt';
      key: string;
      bank: BankKey;
      input: Omit<ReceiptInput, 'customer_id' | 'bank_account_id' | 'allocations' | 'amount'>;
      amount: bigint;
      allocations: PlanAllocation[];
    })
  | (Base & { type: 'allocate'; receipt: string; allocations: PlanAllocation[] })
  | (Base & { type: 'reversal'; receipt: string; reason: string; bounceCharge: bigint; chargeKey: string });

/** Same-day order: documents, then the credit notes that correct them, reversals, cash applied, cash received. */
export const EVENT_ORDER: Readonly<Record<PlanEvent['type'], number>> = {
  invoice: 0,
  debit_note: 0,
  credit_note: 1,
  reversal: 2,
  allocate: 3,
  receipt: 4,
};

export interface PlanTotals {
  /** Σ invoice totals (invoices only, not notes), paise. */
  invoiced: bigint;
  /** Σ receipts that stand (bounced cheques excluded), paise. */
  received: bigint;
  /** What customers owe at the end: open documents less unused credit notes and unapplied cash, paise. */
  outstanding: bigint;
}

export interface DemoPlan {
  seed: number;
  today: string;
  start: string;
  users: PlanUser[];
  terms: PlanTerms[];
  banks: PlanBank[];
  customers: PlanCustomer[];
  events: PlanEvent[];
  totals: PlanTotals;
}
