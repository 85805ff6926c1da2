import { percentToBp } from '@duely/domain/gst';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../auth/session.tsx';
import { useCustomer } from '../customers/CustomerPage.tsx';
import { CustomerPicker, type Picked } from '../customers/CustomerPicker.tsx';
import { useOpenInvoices } from '../customers/OpenItemsTab.tsx';
import { api, type Page, postOnce } from '../lib/api.ts';
import { ErrorBanner, Field, fieldErrorsOf, needsBanner } from '../lib/forms.tsx';
import { newUuid } from '../lib/hooks.ts';
import { parseInput, toDecimal } from '../lib/money.tsx';
import type { BankAccount, Method, ReceiptBody, ReceiptFull } from '../lib/types.ts';
import { Empty } from '../lib/ui.tsx';
import { AllocationGrid, Total } from './AllocationGrid.tsx';
import {
  applyTdsRate,
  byAge,
  DEDUCTIONS,
  fillOldestFirst,
  type GridRow,
  gridRow,
  totals,
} from './allocation.ts';
import { METHODS, referenceLabel } from './labels.ts';

const HEADER_FIELDS = [
  'customer_id',
  'receipt_date',
  'amount',
  'method',
  'reference',
  'cheque_date',
  'payer_name',
  'bank_account_id',
  'notes',
];

export function NewReceiptPage() {
  const [params] = useSearchParams();
  const { today, currency: baseCurrency } = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const preset = useCustomer(params.get('customer_id') ?? undefined);
  const [customer, setCustomer] = useState<Picked | null>(null);
  const [form, setForm] = useState({
    receipt_date: today(),
    amount: '',
    method: 'neft' as Method,
    reference: '',
    cheque_date: '',
    payer_name: '',
    bank_account_id: '',
    notes: '',
  });
  const [rows, setRows] = useState<GridRow[]>([]);
  const [tdsRate, setTdsRate] = useState('');
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  useEffect(() => {
    if (preset.data && !customer) {
      const c = preset.data;
      setCustomer({ id: c.id, code: c.code, name: c.name, currency: c.currency });
    }
  }, [preset.data, customer]);

  const currency = customer?.currency ?? baseCurrency;
  const open = useOpenInvoices(customer?.id);
  useEffect(() => {
    setRows(open.data ? [...open.data.data].sort(byAge).map(gridRow) : []);
  }, [open.data]);

  const banks = useQuery({
    queryKey: ['bank-accounts'],
    queryFn: () => api.get<Page<BankAccount>>('/bank-accounts'),
    staleTime: 300_000,
  });
  useEffect(() => {
    const first = banks.data?.data[0];
    if (first) setForm((f) => (f.bank_account_id ? f : { ...f, bank_account_id: first.id }));
  }, [banks.data]);

  const sums = totals(form.amount, rows, currency);
  const sent = rows
    .map((r, i) => ({ r, c: sums.rows[i]! }))
    .filter(({ r, c }) => r.selected && c.amount + c.deductions > 0n);
  const body: ReceiptBody | null = customer
    ? {
        customer_id: customer.id,
        receipt_date: form.receipt_date,
        amount: toDecimal(sums.receipt ?? 0n, currency),
        method: form.method,
        reference: form.reference.trim() || null,
        cheque_date: form.method === 'cheque' && form.cheque_date ? form.cheque_date : null,
        payer_name: form.payer_name.trim() || null,
        bank_account_id: form.bank_account_id || null,
        notes: form.notes.trim() || null,
        allocations: sent.map(({ r }) => ({
          invoice_id: r.invoice.id,
          amount: toDecimal(parseInput(r.amount, currency) ?? 0n, currency),
          tds: toDecimal(parseInput(r.tds, currency) ?? 0n, currency),
          bank_charges: toDecimal(parseInput(r.bank_charges, currency) ?? 0n, currency),
          discount: toDecimal(parseInput(r.discount, currency) ?? 0n, currency),
          write_off: toDecimal(parseInput(r.write_off, currency) ?? 0n, currency),
        })),
      }
    : null;
  const bodyText = JSON.stringify(body);
  // One key per distinct request: a double click or a retry after a timeout replays the first
  // answer instead of recording the money twice; any edit makes it a new request.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key must follow the body's content
  const idempotencyKey = useMemo(() => newUuid(), [bodyText]);

  const inFlight = useRef(false);
  const save = useMutation({
    mutationFn: (payload: { body: ReceiptBody; key: string }) =>
      postOnce<ReceiptFull>('/receipts', payload.body, payload.key),
    onSuccess: (receipt) => {
      for (const key of ['customers', 'customer', 'invoices', 'invoice', 'receipts', 'statement'])
        client.invalidateQueries({ queryKey: [key] });
      navigate(`/receipts/${receipt.id}`, { state: { saved: true } });
    },
  });

  const errors = fieldErrorsOf(save.error);
  const rowErrors = (index: number) => {
    const at = sent.findIndex(({ r }) => r === rows[index]);
    if (at < 0) return {};
    const out: Record<string, string> = {};
    for (const f of ['amount', 'invoice_id', ...DEDUCTIONS]) {
      const message = errors[`allocations.${at}.${f}`];
      if (message) out[f === 'invoice_id' ? 'amount' : f] = message;
    }
    return out;
  };
  const placed = (f: string) =>
    HEADER_FIELDS.includes(f) ||
    /^allocations\.\d+\.(amount|invoice_id|tds|bank_charges|discount|write_off)$/.test(f);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    // The ref closes the gap before React re-renders the button as disabled.
    if (!body || sums.problems.length > 0 || inFlight.current) return;
    inFlight.current = true;
    save.mutate({ body, key: idempotencyKey }, { onSettled: () => (inFlight.current = false) });
  };

  const canFill = sums.receipt !== null && sums.receipt > 0n && rows.length > 0;
  return (
    <section>
      <div className="page-head">
        <div>
          <p className="crumbs">
            <Link to="/receipts">Receipts</Link> / new
          </p>
          <h1>Record receipt</h1>
        </div>
      </div>
      <form onSubmit={onSubmit} className="receipt-form" aria-label="Receipt">
        <div className="form-grid">
          <CustomerPicker
            value={customer}
            onChange={(c) => {
              setCustomer(c);
              setRows([]);
            }}
            error={errors.customer_id}
            autoFocus={!params.get('customer_id')}
          />
          <Field label="Receipt date" error={errors.receipt_date}>
            <input
              type="date"
              required
              value={form.receipt_date}
              onChange={(e) => set('receipt_date', e.target.value)}
            />
          </Field>
          <Field
            label={`Amount received (${currency})`}
            error={errors.amount ?? (sums.receipt === null ? 'not an amount' : undefined)}
          >
            <input
              inputMode="decimal"
              required
              className="num"
              value={form.amount}
              onChange={(e) => set('amount', e.target.value)}
              placeholder="0.00"
              // biome-ignore lint/a11y/noAutofocus: with the customer known, the amount is the next thing typed
              autoFocus={Boolean(params.get('customer_id'))}
            />
          </Field>
          <Field label="Method" error={errors.method}>
            <select value={form.method} onChange={(e) => set('method', e.target.value as Method)}>
              {METHODS.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </Field>
          <Field label={referenceLabel(form.method)} error={errors.reference}>
            <input
              className="mono"
              value={form.reference}
              onChange={(e) => set('reference', e.target.value)}
            />
          </Field>
          {form.method === 'cheque' && (
            <Field label="Cheque date" error={errors.cheque_date}>
              <input
                type="date"
                value={form.cheque_date}
                onChange={(e) => set('cheque_date', e.target.value)}
              />
            </Field>
          )}
          <Field label="Payer" error={errors.payer_name}>
            <input
              value={form.payer_name}
              onChange={(e) => set('payer_name', e.target.value)}
              placeholder={customer?.name ?? ''}
            />
          </Field>
          <Field label="Deposited to" error={errors.bank_account_id}>
            <select value={form.bank_account_id} onChange={(e) => set('bank_account_id', e.target.value)}>
              <option value="">—</option>
              {banks.data?.data.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                  {b.account_number ? ` ·${b.account_number.slice(-4)}` : ''}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Notes" error={errors.notes} className="wide">
            <input value={form.notes} onChange={(e) => set('notes', e.target.value)} />
          </Field>
        </div>

        {customer && (
          <section className="panel" aria-labelledby="alloc-title">
            <div className="panel-head">
              <h2 id="alloc-title">Apply to open invoices</h2>
              <div className="actions">
                <label className="inline-field">
                  TDS %
                  <input
                    size={4}
                    inputMode="decimal"
                    value={tdsRate}
                    onChange={(e) => setTdsRate(e.target.value)}
                    placeholder="2"
                    aria-label="TDS rate in percent"
                  />
                </label>
                <button
                  type="button"
                  disabled={!tdsRate || !rows.some((r) => r.selected)}
                  onClick={() => {
                    try {
                      setRows((rs) => applyTdsRate(rs, percentToBp(tdsRate), currency));
                    } catch {
                      // An unreadable rate leaves the grid as it was; the input shows what was typed.
                    }
                  }}
                >
                  Apply TDS to ticked
                </button>
                <button
                  type="button"
                  disabled={!canFill}
                  onClick={() => setRows((rs) => fillOldestFirst(sums.receipt ?? 0n, rs, currency))}
                >
                  Oldest first
                </button>
                <button
                  type="button"
                  className="link"
                  disabled={!rows.some((r) => r.selected)}
                  onClick={() => setRows((rs) => rs.map((r) => gridRow(r.invoice)))}
                >
                  Clear
                </button>
              </div>
            </div>
            {open.isPending && <p role="status">Loading open invoices…</p>}
            <ErrorBanner error={open.error} />
            {open.data && rows.length === 0 && (
              <Empty>This customer has no open invoices; the whole receipt stays unapplied.</Empty>
            )}
            {rows.length > 0 && (
              <AllocationGrid
                rows={rows.map((r, i) => ({ r, i }))}
                calcs={sums.rows}
                currency={currency}
                receiptText={form.amount}
                onRows={setRows}
                serverErrors={rowErrors}
              />
            )}
          </section>
        )}

        <div className="totals-bar" aria-live="polite" data-testid="receipt-totals">
          <Total label="Received" value={sums.receipt ?? 0n} currency={currency} />
          <Total label="Applied" value={sums.applied} currency={currency} testid="total-applied" />
          <Total label="Deductions" value={sums.deductions} currency={currency} testid="total-deductions" />
          <Total
            label="To unapplied"
            value={sums.unapplied}
            currency={currency}
            testid="total-unapplied"
            warn={sums.unapplied < 0n}
          />
          <span className="spacer" />
          <button
            type="submit"
            className="primary"
            disabled={!customer || save.isPending || sums.problems.length > 0}
          >
            {save.isPending ? 'Saving…' : 'Save receipt'}
          </button>
        </div>
        {customer && sums.problems.length > 0 && form.amount !== '' && (
          <ul className="problems" role="status">
            {sums.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {needsBanner(save.error, errors, placed) && <ErrorBanner error={save.error} />}
      </form>
    </section>
  );
}
