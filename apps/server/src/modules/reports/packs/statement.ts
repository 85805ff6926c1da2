import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { requireTenant } from '../../customers/customers.service.ts';
import { statementOfAccount } from '../../ledger/ledger.service.ts';
import { displayDate } from '../export/display.ts';
import type { ReportDocument } from '../export/index.ts';
import { documentOf, signed } from './shared.ts';

const TYPE_LABELS: Record<string, string> = {
  invoice: 'Invoice',
  debit_note: 'Debit note',
  credit_note: 'Credit note',
  receipt: 'Receipt',
  reversal: 'Receipt reversed',
  deduction: 'Deduction',
  deduction_reversal: 'Deduction reversed',
  void: 'Void',
};

/** One customer's statement of account: opening balance, each document with the running balance, closing balance. */
export async function statementPack(db: Executor, ctx: Ctx, customerId: string, from: string, to: string): Promise<ReportDocument> {
  const tenant = await requireTenant(db, ctx.tenantId);
  const s = await statementOfAccount(db, ctx, customerId, from, to);
  const currency = s.customer.currency;
  const amount = (v: string) => signed(v, currency);
  // A blank beats a column of zeros: each line is either a debit or a credit.
  const entry = (v: string) => (amount(v) === 0n ? null : amount(v));
  return documentOf(
    tenant,
    `Statement of account: ${s.customer.code} ${s.customer.name}`,
    `${displayDate(from)} to ${displayDate(to)}, in ${currency}; a positive balance is owed by the customer`,
    [
      {
        name: 'Statement',
        title: `Statement of account, ${displayDate(from)} to ${displayDate(to)}`,
        columns: [
          { key: 'date', label: 'Date', type: 'date' },
          { key: 'type', label: 'Type', type: 'text' },
          { key: 'number', label: 'Document', type: 'text' },
          { key: 'description', label: 'Particulars', type: 'text' },
          { key: 'debit', label: 'Debit', type: 'money' },
          { key: 'credit', label: 'Credit', type: 'money' },
          { key: 'balance', label: 'Balance', type: 'money' },
        ],
        rows: [
          { date: from, type: null, number: null, description: 'Opening balance', debit: null, credit: null, balance: amount(s.opening_balance) },
          ...s.lines.map((l) => ({
            date: l.date,
            type: TYPE_LABELS[l.type] ?? l.type,
            number: l.number,
            description: l.description,
            debit: entry(l.debit),
            credit: entry(l.credit),
            balance: amount(l.balance),
          })),
        ],
        totals: { date: to, type: 'Closing balance', number: null, description: null, debit: amount(s.total_debit), credit: amount(s.total_credit), balance: amount(s.closing_balance) },
      },
    ],
    currency,
  );
}
