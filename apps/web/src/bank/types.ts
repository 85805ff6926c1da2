import type {
  AcceptMatchBody,
  BankAccountInput,
  BankAccountOut,
  BankLineOut,
  CashAppRunOut,
  StatementImportOut,
} from '@duely/contracts/bank';
import type { z } from 'zod';

export type BankAccountT = z.output<typeof BankAccountOut>;
export type BankAccountBody = z.input<typeof BankAccountInput>;
export type StatementImport = z.output<typeof StatementImportOut>;
export type StatementResult = StatementImport['statements'][number];
export type BankLine = z.output<typeof BankLineOut>;
export type LineStatus = BankLine['status'];
export type CashAppRun = z.output<typeof CashAppRunOut>;
export type AcceptBody = z.input<typeof AcceptMatchBody>;

/** What accept and park answer: the receipt made from the line and the payer details remembered. */
export interface Applied {
  receipt_number: string;
  learned: string[];
}

/** Lines still waiting for a person; everything else is settled one way or another. */
export const PENDING: LineStatus[] = ['new', 'suggested', 'unmatched'];

export const STATUS_LABEL: Record<LineStatus, string> = {
  new: 'New',
  suggested: 'Suggested',
  unmatched: 'Not matched',
  applied: 'Applied',
  parked: 'On account',
  reversed: 'Reversed',
  ignored: 'Ignored',
};

export type TabId = 'suggested' | 'unmatched' | 'applied' | 'parked' | 'all';

export const TABS: { id: TabId; label: string; statuses: LineStatus[] | null }[] = [
  { id: 'suggested', label: 'Suggested', statuses: ['suggested'] },
  // Lines never matched yet ('new') need a person as much as those the matcher gave up on.
  { id: 'unmatched', label: 'Unmatched', statuses: ['unmatched', 'new'] },
  { id: 'applied', label: 'Applied', statuses: ['applied'] },
  { id: 'parked', label: 'Parked', statuses: ['parked'] },
  { id: 'all', label: 'All', statuses: null },
];
