import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { computeLine, GST_STATES, percentToBp } from '@duely/domain/gst';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../auth/session.tsx';
import { useCustomer } from '../customers/CustomerPage.tsx';
import { CustomerPicker, type Picked } from '../customers/CustomerPicker.tsx';
import { api, type Page, postOnce } from '../lib/api.ts';
import { ErrorBanner, Field, fieldErrorsOf, GstStateOptions, needsBanner } from '../lib/forms.tsx';
import { newUuid } from '../lib/hooks.ts';
import { Money, parseInput, toDecimal } from '../lib/money.tsx';
import type { InvoiceBody, InvoiceFull, PaymentTerms } from '../lib/types.ts';

interface LineDraft {
  key: string;
  description: string;
  hsn_sac: string;
  quantity: string;
  unit: string;
  unit_price: string;
  discount: string;
  tax_rate: string;
}

const RATES = ['0', '0.25', '3', '5', '12', '18', '28'];
const HEADER_FIELDS = [
  'customer_id',
  'number',
  'issue_date',
  'due_date',
  'payment_terms_id',
  'place_of_supply',
  'reference',
  'notes',
  'lines',
];
const LINE_FIELDS = [
  'description',
  'hsn_sac',
  'quantity',
  'unit',
  'unit_price',
  'discount',
  'tax_rate',
] as const;

function blankLine(): LineDraft {
  return {
    key: newUuid(),
    description: '',
    hsn_sac: '',
    quantity: '1',
    unit: '',
    unit_price: '',
    discount: '',
    tax_rate: '18',
  };
}

/**
 * A rough tax preview so the user sees the order of magnitude while typing; the server computes
 * the real split (CGST+SGST or IGST) from the place of supply and the company's state.
 */
function preview(line: LineDraft, currency: string): { taxable: bigint; tax: bigint } | null {
  const price = parseInput(line.unit_price, currency);
  const discount = parseInput(line.discount, currency);
  if (price === null || discount === null || line.unit_price.trim() === '') return null;
  try {
    const t = computeLine(
      { quantity: line.quantity, unitPrice: price, discount, taxRateBp: percentToBp(line.tax_rate || '0') },
      'inter',
    );
    return { taxable: t.taxable, tax: t.igst };
  } catch {
    return null;
  }
}

export function NewInvoicePage() {
  const [params] = useSearchParams();
  const { today, currency: baseCurrency } = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const preset = useCustomer(params.get('customer_id') ?? undefined);
  const [kind, setKind] = useState<'invoice' | 'debit_note'>('invoice');
  const [customer, setCustomer] = useState<Picked | null>(null);
  const [head, setHead] = useState({
    number: '',
    issue_date: today(),
    due_date: '',
    payment_terms_id: '',
    place_of_supply: '',
    reference: '',
    notes: '',
  });
  const [lines, setLines] = useState<LineDraft[]>(() => [blankLine()]);
  const terms = useQuery({
    queryKey: ['payment-terms'],
    queryFn: () => api.get<Page<PaymentTerms>>('/payment-terms'),
    staleTime: 300_000,
  });
  const picked = useCustomer(customer?.id);

  useEffect(() => {
    if (preset.data && !customer) {
      const c = preset.data;
      setCustomer({ id: c.id, code: c.code, name: c.name, currency: c.currency });
    }
  }, [preset.data, customer]);

  const currency = customer?.currency ?? baseCurrency;
  const setH = <K extends keyof typeof head>(key: K, value: string) =>
    setHead((h) => ({ ...h, [key]: value }));
  const setLine = (i: number, field: keyof LineDraft, value: string) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, [field]: value } : l)));

  const amount = (text: string) => {
    const v = parseInput(text, currency);
    return v === null ? text.trim() : toDecimal(v, currency);
  };
  const body: InvoiceBody | null = customer
    ? {
        customer_id: customer.id,
        number: head.number.trim() || undefined,
        issue_date: head.issue_date,
        due_date: head.due_date || undefined,
        payment_terms_id: head.payment_terms_id || null,
        place_of_supply: head.place_of_supply || null,
        reference: head.reference.trim() || null,
        notes: head.notes.trim() || null,
        lines: lines.map((l) => ({
          description: l.description,
          hsn_sac: l.hsn_sac.trim() || null,
          quantity: l.quantity.trim() || '1',
          unit: l.unit.trim() || null,
          unit_price: amount(l.unit_price),
          discount: l.discount.trim() ? amount(l.discount) : '0',
          tax_rate: l.tax_rate.trim() || '0',
        })),
      }
    : null;
  const bodyText = JSON.stringify([kind, body]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: one key per distinct request body
  const idempotencyKey = useMemo(() => newUuid(), [bodyText]);

  const inFlight = useRef(false);
  const save = useMutation({
    mutationFn: (p: { body: InvoiceBody; key: string }) =>
      postOnce<InvoiceFull>(kind === 'invoice' ? '/invoices' : '/debit-notes', p.body, p.key),
    onSuccess: (inv) => {
      for (const key of ['customers', 'customer', 'invoices', 'statement'])
        client.invalidateQueries({ queryKey: [key] });
      navigate(`/invoices/${inv.id}`, { state: { saved: true } });
    },
  });
  const errors = fieldErrorsOf(save.error);
  const placed = (f: string) =>
    HEADER_FIELDS.includes(f) ||
    /^lines\.\d+\.(description|hsn_sac|quantity|unit|unit_price|discount|tax_rate)$/.test(f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body || inFlight.current) return;
    inFlight.current = true;
    save.mutate({ body, key: idempotencyKey }, { onSettled: () => (inFlight.current = false) });
  };

  let taxable = 0n;
  let tax = 0n;
  for (const l of lines) {
    const p = preview(l, currency);
    if (p) {
      taxable += p.taxable;
      tax += p.tax;
    }
  }

  return (
    <section>
      <div className="page-head">
        <div>
          <p className="crumbs">
            <Link to="/invoices">Invoices</Link> / new
          </p>
          <h1>{kind === 'invoice' ? 'New invoice' : 'New debit note'}</h1>
        </div>
      </div>
      <form onSubmit={submit} aria-label="Invoice">
        <fieldset className="segmented">
          <legend className="sr-only">Document kind</legend>
          <label>
            <input
              type="radio"
              name="kind"
              checked={kind === 'invoice'}
              onChange={() => setKind('invoice')}
            />{' '}
            Invoice
          </label>
          <label>
            <input
              type="radio"
              name="kind"
              checked={kind === 'debit_note'}
              onChange={() => setKind('debit_note')}
            />{' '}
            Debit note
          </label>
        </fieldset>
        <div className="form-grid">
          <CustomerPicker
            value={customer}
            onChange={setCustomer}
            error={errors.customer_id}
            autoFocus={!params.get('customer_id')}
          />
          <Field label="Number" error={errors.number} hint="Blank: next in series">
            <input
              className="mono"
              value={head.number}
              onChange={(e) => setH('number', e.target.value)}
              maxLength={16}
            />
          </Field>
          <Field label="Issue date" error={errors.issue_date}>
            <input
              type="date"
              required
              value={head.issue_date}
              onChange={(e) => setH('issue_date', e.target.value)}
            />
          </Field>
          <Field label="Due date" error={errors.due_date} hint="Blank: from the terms">
            <input type="date" value={head.due_date} onChange={(e) => setH('due_date', e.target.value)} />
          </Field>
          <Field label="Payment terms" error={errors.payment_terms_id}>
            <select value={head.payment_terms_id} onChange={(e) => setH('payment_terms_id', e.target.value)}>
              <option value="">
                Customer's terms
                {picked.data?.payment_terms_code ? ` (${picked.data.payment_terms_code})` : ''}
              </option>
              {terms.data?.data.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.code} — {t.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Place of supply" error={errors.place_of_supply}>
            <select value={head.place_of_supply} onChange={(e) => setH('place_of_supply', e.target.value)}>
              <option value="">
                Customer's state
                {picked.data?.state_code
                  ? ` (${picked.data.state_code} ${GST_STATES[picked.data.state_code] ?? ''})`
                  : ''}
              </option>
              <GstStateOptions />
            </select>
          </Field>
          <Field label="Customer PO / reference" error={errors.reference}>
            <input value={head.reference} onChange={(e) => setH('reference', e.target.value)} />
          </Field>
          <Field label="Notes" error={errors.notes} className="wide">
            <input value={head.notes} onChange={(e) => setH('notes', e.target.value)} />
          </Field>
        </div>

        <section className="panel" aria-labelledby="lines-title">
          <div className="panel-head">
            <h2 id="lines-title">Lines</h2>
            <button type="button" onClick={() => setLines((ls) => [...ls, blankLine()])}>
              Add line
            </button>
          </div>
          {errors.lines && (
            <p className="field-error" role="alert">
              {errors.lines}
            </p>
          )}
          <div className="grid-scroll">
            <table className="grid lines-grid" data-testid="lines-grid">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Description</th>
                  <th scope="col">HSN/SAC</th>
                  <th scope="col" className="num">
                    Qty
                  </th>
                  <th scope="col">Unit</th>
                  <th scope="col" className="num">
                    Price
                  </th>
                  <th scope="col" className="num">
                    Discount
                  </th>
                  <th scope="col" className="num">
                    GST %
                  </th>
                  <th scope="col" className="num">
                    Taxable
                  </th>
                  <th scope="col">
                    <span className="sr-only">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {lines.map((l, i) => {
                  const p = preview(l, currency);
                  const cell = (
                    field: (typeof LINE_FIELDS)[number],
                    props: {
                      className?: string;
                      inputMode?: 'decimal' | 'numeric';
                      size?: number;
                      list?: string;
                      required?: boolean;
                    },
                  ) => {
                    const message = errors[`lines.${i}.${field}`];
                    return (
                      <td className={`cell-input ${message ? 'has-error' : ''} ${props.className ?? ''}`}>
                        <input
                          aria-label={`Line ${i + 1} ${field.replace('_', ' ')}`}
                          aria-invalid={Boolean(message)}
                          value={l[field]}
                          onChange={(e) => setLine(i, field, e.target.value)}
                          className={props.className}
                          inputMode={props.inputMode}
                          size={props.size}
                          list={props.list}
                          required={props.required}
                        />
                        {message && (
                          <span className="cell-error" role="alert">
                            {message}
                          </span>
                        )}
                      </td>
                    );
                  };
                  return (
                    <tr key={l.key}>
                      <td>{i + 1}</td>
                      {cell('description', { required: true })}
                      {cell('hsn_sac', { className: 'mono', inputMode: 'numeric', size: 8 })}
                      {cell('quantity', { className: 'num', inputMode: 'decimal', size: 6 })}
                      {cell('unit', { size: 4 })}
                      {cell('unit_price', {
                        className: 'num',
                        inputMode: 'decimal',
                        size: 10,
                        required: true,
                      })}
                      {cell('discount', { className: 'num', inputMode: 'decimal', size: 8 })}
                      {cell('tax_rate', {
                        className: 'num',
                        inputMode: 'decimal',
                        size: 4,
                        list: 'gst-rates',
                      })}
                      <td className="num">
                        {p ? (
                          <Money value={p.taxable} currency={currency} />
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="link danger"
                          aria-label={`Remove line ${i + 1}`}
                          disabled={lines.length === 1}
                          onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
                        >
                          ✕
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={8}>
                    Taxable value
                  </th>
                  <td className="num">
                    <Money value={taxable} currency={currency} />
                  </td>
                  <td />
                </tr>
                <tr>
                  <th scope="row" colSpan={8}>
                    GST (estimate; the server splits CGST/SGST or IGST)
                  </th>
                  <td className="num">
                    <Money value={tax} currency={currency} />
                  </td>
                  <td />
                </tr>
                <tr>
                  <th scope="row" colSpan={8}>
                    Total (estimate)
                  </th>
                  <td className="num" data-testid="preview-total">
                    <strong>
                      <Money value={taxable + tax} currency={currency} />
                    </strong>
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
          <datalist id="gst-rates">
            {RATES.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        </section>
        {needsBanner(save.error, errors, placed) && <ErrorBanner error={save.error} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!customer || save.isPending}>
            {save.isPending ? 'Saving…' : kind === 'invoice' ? 'Save invoice' : 'Save debit note'}
          </button>
          <Link to={customer ? `/customers/${customer.id}` : '/invoices'} className="button">
            Cancel
          </Link>
        </div>
      </form>
    </section>
  );
}
