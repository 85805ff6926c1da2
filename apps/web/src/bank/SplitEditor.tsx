import { type FormEvent, useEffect, useRef, useState } from 'react';
import { CustomerPicker, type Picked } from '../customers/CustomerPicker.tsx';
import { useOpenInvoices } from '../customers/OpenItemsTab.tsx';
import { ErrorBanner } from '../lib/forms.tsx';
import { parseInput, toDecimal, toMinor } from '../lib/money.tsx';
import type { Invoice } from '../lib/types.ts';
import { Empty } from '../lib/ui.tsx';
import { type AllocationColumn, AllocationGrid, Total } from '../receipts/AllocationGrid.tsx';
import { byAge, fillOldestFirst, type GridRow, gridRow, totals } from '../receipts/allocation.ts';
import { OpenItemSearch } from './OpenItemSearch.tsx';
import type { AcceptBody, BankLine } from './types.ts';

/** A bank line settles with cash, TDS withheld and the bank's charges; discounts go through receipts. */
const SPLIT_COLUMNS: AllocationColumn[] = [
  { field: 'amount', label: 'Amount' },
  { field: 'tds', label: 'TDS' },
  { field: 'bank_charges', label: 'Bank charges' },
];

/** Rows for a customer's open invoices, pre-filled with the matcher's proposal when it is theirs. */
function rowsFor(invoices: Invoice[], line: BankLine, customerId: string, tickId: string | null): GridRow[] {
  const proposal = line.proposal?.customer_id === customerId ? line.proposal.allocations : [];
  return [...invoices].sort(byAge).map((inv) => {
    const p = proposal.find((a) => a.invoice_id === inv.id);
    if (p)
      return { ...gridRow(inv), selected: true, amount: p.amount, tds: p.tds, bank_charges: p.bank_charges };
    if (inv.id === tickId) return { ...gridRow(inv), selected: true, amount: inv.open_amount };
    return gridRow(inv);
  });
}

export function SplitEditor({
  line,
  onAccept,
  pending,
  error,
}: {
  line: BankLine;
  onAccept: (body: AcceptBody) => void;
  pending: boolean;
  error: unknown;
}) {
  const currency = line.currency;
  const [customer, setCustomer] = useState<Picked | null>(
    line.customer ? { ...line.customer, currency } : null,
  );
  const [rows, setRows] = useState<GridRow[]>([]);
  const [search, setSearch] = useState('');
  // An invoice picked from the any-customer search is ticked once its customer's list arrives.
  const tickNext = useRef<string | null>(null);
  const open = useOpenInvoices(customer?.id);
  // The line is read, not watched: a refetch of the worklist must not wipe a split being typed.
  const lineRef = useRef(line);
  lineRef.current = line;
  useEffect(() => {
    if (open.data && customer) {
      setRows(rowsFor(open.data.data, lineRef.current, customer.id, tickNext.current));
      tickNext.current = null;
    } else setRows([]);
  }, [open.data, customer]);

  const lineAmount = toMinor(line.amount, currency);
  const receiptText = toDecimal(lineAmount, currency);
  const sums = totals(receiptText, rows, currency);
  const chosen = rows.filter((r, i) => r.selected && sums.rows[i]!.amount + sums.rows[i]!.deductions > 0n);
  const needle = search.trim().toLowerCase();
  const visible = rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => !needle || customer === null || matches(r.invoice, needle));
  const otherCurrency = customer && customer.currency !== currency;
  const problems = [...sums.problems];
  if (sums.unapplied < 0n) problems.push('Left to apply cannot be below zero.');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!customer || chosen.length === 0 || problems.length > 0 || pending) return;
    onAccept({
      customer_id: customer.id,
      allocations: chosen.map((r) => ({
        invoice_id: r.invoice.id,
        amount: toDecimal(parseInput(r.amount, currency) ?? 0n, currency),
        tds: toDecimal(parseInput(r.tds, currency) ?? 0n, currency),
        bank_charges: toDecimal(parseInput(r.bank_charges, currency) ?? 0n, currency),
      })),
    });
  };

  return (
    <form className="split-editor" aria-label="Split across invoices" onSubmit={onSubmit}>
      <h3>Split across invoices</h3>
      <div className="split-head">
        <CustomerPicker
          value={customer}
          onChange={(c) => {
            setCustomer(c);
            setRows([]);
          }}
          label="Paid by customer"
        />
        <OpenItemSearch
          text={search}
          onText={setSearch}
          customerChosen={customer !== null}
          onPick={(inv) => {
            tickNext.current = inv.id;
            setSearch('');
            setCustomer({
              id: inv.customer_id,
              code: inv.customer_code,
              name: inv.customer_name,
              currency: inv.currency,
            });
          }}
        />
      </div>
      {otherCurrency && (
        <p className="banner warn">
          {customer.name} is billed in {customer.currency}; this line is in {currency}.
        </p>
      )}
      {customer && open.isPending && <p role="status">Loading open invoices…</p>}
      <ErrorBanner error={open.error} />
      {customer && open.data && rows.length === 0 && (
        <Empty>{customer.name} has no open invoices: park the money on account (p) instead.</Empty>
      )}
      {rows.length > 0 && (
        <>
          <div className="actions">
            <button type="button" onClick={() => setRows((rs) => fillOldestFirst(lineAmount, rs, currency))}>
              Oldest first
            </button>
            <button
              type="button"
              className="link"
              onClick={() => setRows((rs) => rs.map((r) => gridRow(r.invoice)))}
            >
              Clear
            </button>
            {visible.length < rows.length && (
              <span className="muted">{rows.length - visible.length} invoices hidden by the search</span>
            )}
          </div>
          <AllocationGrid
            rows={visible}
            calcs={sums.rows}
            currency={currency}
            receiptText={receiptText}
            onRows={setRows}
            columns={SPLIT_COLUMNS}
            compact
            testId="split-grid"
            caption="Open invoices of the customer; tick the ones this line pays"
          />
        </>
      )}
      <div className="split-totals" aria-live="polite" data-testid="split-totals">
        <Total label="Line amount" value={lineAmount} currency={currency} />
        <Total label="Applied" value={sums.applied} currency={currency} testid="split-applied" />
        <Total label="TDS + charges" value={sums.deductions} currency={currency} />
        <Total
          label="Left to apply"
          value={sums.unapplied}
          currency={currency}
          testid="left-to-apply"
          warn={sums.unapplied < 0n}
        />
        <button
          type="submit"
          className="primary"
          disabled={!customer || chosen.length === 0 || problems.length > 0 || pending}
        >
          {pending ? 'Applying…' : 'Accept split'}
        </button>
      </div>
      {rows.length > 0 && problems.length > 0 && (
        <ul className="problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {sums.unapplied > 0n && chosen.length > 0 && problems.length === 0 && (
        <p className="muted small">What is left stays on the customer's account as unapplied cash.</p>
      )}
      <ErrorBanner error={error} />
    </form>
  );
}

function matches(inv: Invoice, needle: string): boolean {
  return inv.number.toLowerCase().includes(needle) || (inv.reference ?? '').toLowerCase().includes(needle);
}
