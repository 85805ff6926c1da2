import type { IsoDate } from '../dates.ts';
import { DomainError } from '../errors.ts';

/** Every bank statement format Duely reads. */
export type StatementFormat = 'mt940' | 'mt942' | 'camt.052' | 'camt.053' | 'camt.054' | 'bai2' | 'bank-csv';

/** A balance as the bank states it: signed minor units (a debit balance is negative). */
export interface StatementBalance {
  amount: bigint;
  currency: string;
  date: IsoDate;
}

/** Who paid or was paid, as far as the file says. */
export interface Counterparty {
  name: string | null;
  /** IBAN, account number or UPI VPA. */
  account: string | null;
  /** BIC, IFSC, sort code or routing number. */
  bankCode: string | null;
}

/** One booked line of a statement. */
export interface StatementEntry {
  /** Signed minor units of `currency`: credits (money in) positive, debits negative. */
  amount: bigint;
  currency: string;
  bookingDate: IsoDate;
  valueDate: IsoDate | null;
  /** The entry's own reference as written in the file (MT940 customer reference, camt NtryRef, BAI2 customer reference, a CSV's Chq./Ref. No.). */
  reference: string | null;
  /** The bank's reference (MT940 after //, camt AcctSvcrRef, BAI2 bank reference, UTR where the bank gives one). */
  bankReference: string | null;
  /** camt Refs/EndToEndId (or the SEPA EREF of an MT940 :86:); null where the file has none. */
  endToEndId: string | null;
  counterparty: Counterparty | null;
  /** Remittance / narration text, lines joined by "\n"; "" when the file has none. */
  remittance: string;
  /** The bank's transaction type: MT940 :61: type + GVC, camt BkTxCd, BAI2 type code; null if none. */
  transactionCode: string | null;
  /** True where the bank marks the line as a reversal (MT940 RC/RD, camt RvslInd). */
  reversal: boolean;
  /** Where the entry starts in the file: a line number (1-based) or an element path. */
  source: string;
}

export interface ParsedStatement {
  format: StatementFormat;
  /** The account as the file names it (IBAN, account number, MT940 :25:); null if the file has none. */
  account: string | null;
  /** The statement's currency where the file states one. */
  currency: string | null;
  /** The statement's own id or number (MT940 :20:/:28C:, camt Stmt/Id + ElctrncSeqNb). */
  statementId: string | null;
  opening: StatementBalance | null;
  closing: StatementBalance | null;
  entries: StatementEntry[];
}

/**
 * A file that is not a valid statement. `location` names the line ("line 14") or element
 * ("Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt") so the user can find the fault; nothing of such
 * a file is imported.
 */
export class StatementParseError extends DomainError {
  constructor(
    readonly location: string,
    message: string,
  ) {
    super('statement_invalid', `${location}: ${message}`, { location });
    this.name = 'StatementParseError';
  }
}
