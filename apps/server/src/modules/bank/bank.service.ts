import { createHash } from 'node:crypto';
import { formatAmount, isCurrency } from '@duely/domain';
import { type ParsedStatement, checkStatementBalance, entryIdentityKeys, withNarrationParties } from '@duely/domain/statements/index';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Executor, type Trx, inTransaction } from '../../platform/db.ts';
import { ConflictError, ValidationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import type { BankLineStatus } from '../../platform/schema.ts';
import type { BankAccountInput } from '@duely/contracts/customers';
import type { z } from 'zod';
import { requireTenant } from '../customers/customers.service.ts';
import type { ImportSource } from '../imports/readers/source.ts';
import * as repo from './bank.repo.ts';
import { readStatementFile } from './statement-file.ts';

/** How statements write an account: IBANs with spaces, MT940 ":25:BLZ/ACCOUNT" or "ACCOUNT/EUR". */
export function normaliseAccountIdentifier(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}

/** Every form under which a statement's account could be set up: whole, and each part around a "/". */
function identifierCandidates(account: string | null): string[] {
  if (!account) return [];
  const whole = normaliseAccountIdentifier(account);
  const parts = whole.split('/').filter((p) => p.length >= 4 && !isCurrency(p));
  return [...new Set([whole, ...parts])];
}

export async function createBankAccount(db: Executor, ctx: Ctx, input: z.infer<typeof BankAccountInput>) {
  if (input.currency && !isCurrency(input.currency)) throw new ValidationError('currency', `unknown currency "${input.currency}"`);
  return inTransaction(db, async (trx) => {
    const tenant = await requireTenant(trx, ctx.tenantId);
    const identifier = input.account_number ? normaliseAccountIdentifier(input.account_number) : null;
    if (identifier && (await repo.findBankAccountByIdentifier(trx, ctx.tenantId, [identifier]))) {
      throw new ConflictError('duplicate', 'another bank account has this account number');
    }
    const row = {
      tenant_id: ctx.tenantId,
      id: newId(),
      name: input.name,
      bank_name: input.bank_name ?? null,
      account_number: input.account_number ?? null,
      ifsc: input.ifsc ?? null,
      bic: input.bic ?? null,
      currency: input.currency ?? tenant.base_currency,
      statement_identifier: identifier,
    };
    await repo.insertBankAccount(trx, row);
    await recordAudit(trx, ctx, { action: 'bank_account.create', entityType: 'bank_account', entityId: row.id, after: row });
    const { tenant_id: _t, statement_identifier: _s, ...out } = row;
    return out;
  });
}

export interface StatementImportResult {
  statement_id: string | null;
  bank_account_id: string;
  account: string | null;
  format: string;
  statement_ref: string | null;
  entries: number;
  new_lines: number;
  duplicate_lines: number;
  balance_status: 'ok' | 'mismatch' | 'unchecked';
  balance_message: string | null;
  /** Set when this statement's opening is not the previous statement's closing: one is missing. */
  continuity_warning: string | null;
}

export interface StatementFileImport {
  file_name: string;
  file_sha256: string;
  statements: StatementImportResult[];
  new_lines: number;
  duplicate_lines: number;
  message: string;
}

async function accountFor(trx: Trx, ctx: Ctx, statement: ParsedStatement, chosen: string | undefined) {
  if (chosen) {
    const account = await repo.lockBankAccount(trx, ctx.tenantId, chosen);
    if (!account) throw new ValidationError('bank_account_id', 'no such bank account');
    return account;
  }
  const found = await repo.findBankAccountByIdentifier(trx, ctx.tenantId, identifierCandidates(statement.account));
  if (found) return (await repo.lockBankAccount(trx, ctx.tenantId, found.id))!;
  const all = await repo.listBankAccounts(trx, ctx.tenantId);
  // A bank's CSV often names no account; with one account set up there is no doubt which it is.
  if (!statement.account && all.length === 1) return (await repo.lockBankAccount(trx, ctx.tenantId, all[0]!.id))!;
  throw new ValidationError(
    'bank_account_id',
    statement.account
      ? `no bank account has the number ${statement.account}: choose the account or add this number to it`
      : 'the statement names no account: choose the bank account it belongs to',
  );
}

/**
 * Imports every statement in a file, all or nothing. Lines the account already holds (an earlier
 * import of the same file, or the intraday report of the same day) are counted as duplicates and
 * not written again; a statement with no new line is not recorded a second time.
 */
export async function importStatementFile(db: Executor, ctx: Ctx, input: { source: ImportSource; bankAccountId?: string | undefined }): Promise<StatementFileImport> {
  const file = await readStatementFile(input.source);
  if (file.statements.length === 0) throw new ValidationError('file', 'the file holds no statement');
  const results = await inTransaction(db, async (trx) => {
    const out: StatementImportResult[] = [];
    for (const statement of file.statements) out.push(await importStatement(trx, ctx, statement, file, input.bankAccountId));
    return out;
  });
  const newLines = results.reduce((n, r) => n + r.new_lines, 0);
  const duplicates = results.reduce((n, r) => n + r.duplicate_lines, 0);
  const mismatches = results.filter((r) => r.balance_status === 'mismatch').length;
  const message =
    newLines === 0 && duplicates > 0
      ? `already imported: all ${duplicates} lines are in the account`
      : `${newLines} new lines${duplicates ? `, ${duplicates} already imported` : ''}${mismatches ? `; ${mismatches} statement(s) do not balance` : ''}`;
  return { file_name: file.fileName, file_sha256: file.sha256, statements: results, new_lines: newLines, duplicate_lines: duplicates, message };
}

async function importStatement(trx: Trx, ctx: Ctx, statement: ParsedStatement, file: { sha256: string; fileName: string }, chosen: string | undefined): Promise<StatementImportResult> {
  const account = await accountFor(trx, ctx, statement, chosen);
  const currency = statement.currency ?? statement.opening?.currency ?? statement.entries[0]?.currency ?? account.currency;
  if (currency !== account.currency) {
    throw new ValidationError('bank_account_id', `the statement is in ${currency} but ${account.name} is a ${account.currency} account`);
  }
  const foreign = statement.entries.find((e) => e.currency !== currency);
  if (foreign) throw new ValidationError('file', `${foreign.source}: a ${foreign.currency} line in a ${currency} statement`);
  // Identities come from the file as read, so enrichment rules may change without re-importing lines twice.
  const identities = entryIdentityKeys(statement.entries).map((key) => createHash('sha256').update(key).digest('base64url'));
  const existing = await repo.existingIdentities(trx, ctx.tenantId, account.id, identities);
  const fresh = statement.entries.map((entry, i) => ({ entry, identity: identities[i]!, position: i })).filter((e) => !existing.has(e.identity));
  const balance = checkStatementBalance(statement);
  const previous = await repo.lastStatement(trx, ctx.tenantId, account.id);
  let continuity: string | null = null;
  if (previous?.closing_amount != null && statement.opening && previous.closing_date! < statement.opening.date && previous.closing_amount !== statement.opening.amount) {
    continuity = `the opening balance ${formatAmount(statement.opening.amount, currency)} is not the previous statement's closing ${formatAmount(previous.closing_amount, currency)} of ${previous.closing_date}: a statement in between may be missing`;
  }
  const result: StatementImportResult = {
    statement_id: null,
    bank_account_id: account.id,
    account: statement.account,
    format: statement.format,
    statement_ref: statement.statementId,
    entries: statement.entries.length,
    new_lines: fresh.length,
    duplicate_lines: statement.entries.length - fresh.length,
    balance_status: balance.status,
    balance_message: balance.status === 'ok' ? null : balance.message,
    continuity_warning: continuity,
  };
  if (fresh.length === 0 && statement.entries.length > 0) return result;

  const statementId = newId();
  result.statement_id = statementId;
  await repo.insertStatement(trx, {
    tenant_id: ctx.tenantId,
    id: statementId,
    bank_account_id: account.id,
    format: statement.format,
    file_name: file.fileName,
    file_sha256: file.sha256,
    statement_ref: statement.statementId,
    currency,
    opening_amount: statement.opening?.amount ?? null,
    opening_date: statement.opening?.date ?? null,
    closing_amount: statement.closing?.amount ?? null,
    closing_date: statement.closing?.date ?? null,
    entries_total: balance.entriesTotal,
    line_count: statement.entries.length,
    new_lines: fresh.length,
    duplicate_lines: result.duplicate_lines,
    balance_status: balance.status,
    balance_message: result.balance_message,
    imported_by: ctx.actor.userId ?? null,
  });
  await repo.insertLines(
    trx,
    fresh.map(({ entry: read, identity, position }) => ({ entry: withNarrationParties(read), identity, position })).map(({ entry, identity, position }) => ({
      tenant_id: ctx.tenantId,
      id: newId(),
      bank_account_id: account.id,
      statement_id: statementId,
      identity,
      position,
      booking_date: entry.bookingDate,
      value_date: entry.valueDate,
      currency: entry.currency,
      amount: entry.amount,
      reference: entry.reference,
      bank_reference: entry.bankReference,
      end_to_end_id: entry.endToEndId,
      counterparty_name: entry.counterparty?.name ?? null,
      counterparty_account: entry.counterparty?.account ?? null,
      counterparty_bank_code: entry.counterparty?.bankCode ?? null,
      remittance: entry.remittance,
      transaction_code: entry.transactionCode,
      reversal: entry.reversal,
      source: entry.source,
      // Debits wait too: cash application tells a returned cheque from an ordinary payment out.
      status: 'new',
    })),
  );
  await recordAudit(trx, ctx, {
    action: 'bank_statement.imported',
    entityType: 'bank_statement',
    entityId: statementId,
    after: { bank_account_id: account.id, file_name: file.fileName, file_sha256: file.sha256, format: statement.format, statement_ref: statement.statementId, lines: fresh.length, duplicates: result.duplicate_lines, balance: balance.status },
  });
  return result;
}

/** A page of bank lines and how many the filter holds in all. */
export async function listLines(
  db: Executor,
  ctx: Ctx,
  q: { status?: BankLineStatus[] | undefined; statement_id?: string | undefined; bank_account_id?: string | undefined; order: 'oldest' | 'newest'; limit: number; cursor?: string | undefined },
) {
  const cursor = decodeCursor(q.cursor, ['date', 'uuid', 'int']);
  const f: repo.LineFilters = { status: q.status, statementId: q.statement_id, bankAccountId: q.bank_account_id, order: q.order, limit: q.limit, after: cursor as [string, string, number] | null };
  const [rows, total] = await Promise.all([repo.listLines(db, ctx.tenantId, f), repo.countLines(db, ctx.tenantId, f)]);
  return { ...toPage(rows, q.limit, (r) => [r.booking_date, r.statement_id, r.position], lineOut), total };
}

function lineOut(r: Awaited<ReturnType<typeof repo.listLines>>[number]) {
  return {
    id: r.id,
    statement_id: r.statement_id,
    bank_account_id: r.bank_account_id,
    source: r.source,
    booking_date: r.booking_date,
    value_date: r.value_date,
    amount: formatAmount(r.amount, r.currency),
    currency: r.currency,
    reference: r.reference,
    bank_reference: r.bank_reference,
    end_to_end_id: r.end_to_end_id,
    counterparty_name: r.counterparty_name,
    counterparty_account: r.counterparty_account,
    remittance: r.remittance,
    status: r.status,
    decision: r.decision,
    confidence: r.confidence,
    reason: r.reason,
    customer: r.customer_id && r.customer_code ? { id: r.customer_id, code: r.customer_code, name: r.customer_name ?? '' } : null,
    proposal: (r.proposal as { customer_id: string | null; allocations: []; unapplied: string } | null)?.allocations ? (r.proposal as never) : null,
    receipt_number: r.receipt_number,
  };
}

export async function listBankAccounts(db: Executor, ctx: Ctx) {
  const rows = await repo.listBankAccounts(db, ctx.tenantId);
  return rows.map((r) => ({ id: r.id, name: r.name, bank_name: r.bank_name, account_number: r.account_number, ifsc: r.ifsc, bic: r.bic, currency: r.currency }));
}
