import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/session.tsx';
import { api } from '../lib/api.ts';
import { currentFinancialYear, fmtDate } from '../lib/dates.ts';
import { ErrorBanner, Field } from '../lib/forms.tsx';
import { Money, toMinor } from '../lib/money.tsx';
import type { CustomerFull, StatementLineT, StatementT } from '../lib/types.ts';
import { Empty } from '../lib/ui.tsx';

const TYPE_LABEL: Record<string, string> = {
  invoice: 'Invoice',
  debit_note: 'Debit note',
  credit_note: 'Credit note',
  receipt: 'Receipt',
  reversal: 'Reversal',
  deduction: 'Deduction',
  void: 'Void',
};

function documentLink(line: StatementLineT): string | null {
  if (['invoice', 'debit_note', 'credit_note', 'void'].includes(line.type))
    return `/invoices/${line.document_id}`;
  if (line.type === 'receipt') return `/receipts/${line.document_id}`;
  return null;
}

export function StatementTab({ customer }: { customer: CustomerFull }) {
  const { today, me } = useSession();
  const fy = currentFinancialYear(today(), me.tenant.fiscal_year_start_month);
  const [range, setRange] = useState({ from: fy.start, to: fy.end });
  const [draft, setDraft] = useState(range);
  const statement = useQuery({
    queryKey: ['statement', customer.id, range],
    queryFn: () => api.get<StatementT>(`/customers/${customer.id}/statement`, range),
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setRange(draft);
  };
  const s = statement.data;
  const cur = customer.currency;
  return (
    <div className="statement">
      <form className="filters" onSubmit={apply} aria-label="Statement period">
        <Field label="From">
          <input
            type="date"
            required
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </Field>
        <Field label="To">
          <input
            type="date"
            required
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </Field>
        <button type="submit">Show</button>
        <button
          type="button"
          className="link"
          onClick={() => {
            setDraft({ from: fy.start, to: fy.end });
            setRange({ from: fy.start, to: fy.end });
          }}
        >
          FY {fy.label}
        </button>
        <span className="spacer" />
        {(['pdf', 'xlsx', 'csv'] as const).map((format) => (
          <a
            key={format}
            className="button"
            href={`/api/v1/reports/statement/export?${new URLSearchParams({ format, customer_id: customer.id, from: range.from, to: range.to })}`}
            download
            data-testid={`statement-export-${format}`}
          >
            {format.toUpperCase()}
          </a>
        ))}
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
      </form>
      {statement.isPending && <p role="status">Loading statement…</p>}
      <ErrorBanner error={statement.error} />
      {s && (
        <table className="grid" data-testid="statement">
          <caption>
            Statement of account, {fmtDate(s.from)} to {fmtDate(s.to)}
          </caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Type</th>
              <th scope="col">Number</th>
              <th scope="col">Description</th>
              <th scope="col" className="num">
                Debit
              </th>
              <th scope="col" className="num">
                Credit
              </th>
              <th scope="col" className="num">
                Balance
              </th>
            </tr>
          </thead>
          <tbody>
            <tr className="subtotal" data-testid="opening-balance">
              <td>{fmtDate(s.from)}</td>
              <td colSpan={5}>Opening balance</td>
              <td className="num">
                <Money value={s.opening_balance} currency={cur} />
              </td>
            </tr>
            {s.lines.map((line, i) => {
              const href = documentLink(line);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: a receipt yields several lines with one document id
                <tr key={`${line.document_id}-${i}`} data-testid="statement-line">
                  <td>{fmtDate(line.date)}</td>
                  <td>{TYPE_LABEL[line.type] ?? line.type}</td>
                  <td className="mono">
                    {href && line.number ? <Link to={href}>{line.number}</Link> : (line.number ?? '')}
                  </td>
                  <td>{line.description}</td>
                  <td className="num">
                    {toMinor(line.debit, cur) !== 0n && <Money value={line.debit} currency={cur} />}
                  </td>
                  <td className="num">
                    {toMinor(line.credit, cur) !== 0n && <Money value={line.credit} currency={cur} />}
                  </td>
                  <td className="num">
                    <Money value={line.balance} currency={cur} />
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                Totals
              </th>
              <td className="num">
                <Money value={s.total_debit} currency={cur} />
              </td>
              <td className="num">
                <Money value={s.total_credit} currency={cur} />
              </td>
              <td />
            </tr>
            <tr className="subtotal" data-testid="closing-balance">
              <th scope="row" colSpan={6}>
                Closing balance
              </th>
              <td className="num">
                <Money value={s.closing_balance} currency={cur} />
              </td>
            </tr>
          </tfoot>
        </table>
      )}
      {s && s.lines.length === 0 && <Empty>No transactions in this period.</Empty>}
    </div>
  );
}
