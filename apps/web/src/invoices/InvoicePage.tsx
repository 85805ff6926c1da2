import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { GST_STATES } from '@duely/domain/gst';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useSession } from '../auth/session.tsx';
import { api } from '../lib/api.ts';
import { fmtDate, fmtInstant } from '../lib/dates.ts';
import { ErrorBanner, Field, fieldErrorsOf } from '../lib/forms.tsx';
import { Money, toMinor } from '../lib/money.tsx';
import type { InvoiceFull } from '../lib/types.ts';
import { ageClass, Badge, Dialog } from '../lib/ui.tsx';
import { AllocationsTable } from './AllocationsTable.tsx';
import { KIND_LABEL } from './InvoicesPage.tsx';

export function InvoicePage() {
  const { id } = useParams();
  const { can } = useSession();
  const location = useLocation();
  const [voiding, setVoiding] = useState(false);
  const invoice = useQuery({
    queryKey: ['invoice', id],
    queryFn: () => api.get<InvoiceFull>(`/invoices/${id}`),
  });
  const inv = invoice.data;
  if (!inv) {
    return (
      <section>
        <h1>Invoice</h1>
        {invoice.isPending ? <p role="status">Loading…</p> : <ErrorBanner error={invoice.error} />}
      </section>
    );
  }
  const cur = inv.currency;
  const activeAllocations = inv.allocations.some((a) => !a.reversed_on);
  // The server has the last word; this only hides a button that could not succeed.
  const voidable = inv.status !== 'void' && !activeAllocations && can('invoices.void');
  const showOther = toMinor(inv.other_tax, cur) !== 0n;
  return (
    <section>
      <div className="page-head">
        <div>
          <p className="crumbs">
            <Link to="/invoices">Invoices</Link> /{' '}
            <Link to={`/customers/${inv.customer_id}`}>{inv.customer_name}</Link>
          </p>
          <h1>
            {KIND_LABEL[inv.kind]} <span className="mono">{inv.number}</span> <Badge value={inv.status} />
            {inv.disputed && <Badge value="disputed" />}
          </h1>
        </div>
        <div className="actions">
          {inv.status !== 'void' &&
            inv.kind !== 'credit_note' &&
            toMinor(inv.open_amount, cur) > 0n &&
            can('receipts.write') && (
              <Link className="button primary" to={`/receipts/new?customer_id=${inv.customer_id}`}>
                Record receipt
              </Link>
            )}
          {voidable && (
            <button type="button" className="danger" onClick={() => setVoiding(true)}>
              Void…
            </button>
          )}
        </div>
      </div>
      {(location.state as { saved?: boolean } | null)?.saved && (
        <p className="banner ok" role="status">
          {KIND_LABEL[inv.kind]} {inv.number} saved.
        </p>
      )}
      {inv.status === 'void' && (
        <p className="banner warn" role="status">
          Voided {fmtInstant(inv.voided_at)}: {inv.void_reason}
        </p>
      )}
      <div className="summary-cards">
        <div className="card">
          <span className="field-label">Total</span>
          <span className="card-value">
            <Money value={inv.total} currency={cur} />
          </span>
        </div>
        <div className="card">
          <span className="field-label">Open</span>
          <span className="card-value" data-testid="invoice-open">
            <Money value={inv.open_amount} currency={cur} />
          </span>
        </div>
        <div className={`card ${ageClass(inv.days_overdue)}`}>
          <span className="field-label">Days overdue</span>
          <span className="card-value">{inv.days_overdue}</span>
        </div>
      </div>
      <dl className="profile wide">
        <dt>Customer</dt>
        <dd>
          <Link to={`/customers/${inv.customer_id}`}>
            <span className="mono">{inv.customer_code}</span> {inv.customer_name}
          </Link>
        </dd>
        <dt>Issued</dt>
        <dd>{fmtDate(inv.issue_date)}</dd>
        <dt>Due</dt>
        <dd>{fmtDate(inv.due_date)}</dd>
        <dt>Place of supply</dt>
        <dd>
          {inv.place_of_supply ? `${inv.place_of_supply} · ${GST_STATES[inv.place_of_supply] ?? ''}` : '—'} (
          {inv.supply_type === 'intra' ? 'CGST + SGST' : inv.supply_type === 'inter' ? 'IGST' : 'no GST'})
        </dd>
        {inv.reference && (
          <>
            <dt>Reference</dt>
            <dd>{inv.reference}</dd>
          </>
        )}
        {inv.irn && (
          <>
            <dt>IRN</dt>
            <dd className="mono small">
              {inv.irn} {inv.irn_status && <Badge value={inv.irn_status} />}
            </dd>
          </>
        )}
        {inv.against_invoice_id && (
          <>
            <dt>Against</dt>
            <dd>
              <Link to={`/invoices/${inv.against_invoice_id}`}>original invoice</Link>
            </dd>
          </>
        )}
        {inv.notes && (
          <>
            <dt>Notes</dt>
            <dd>{inv.notes}</dd>
          </>
        )}
      </dl>

      <section className="panel" aria-labelledby="lines-title">
        <h2 id="lines-title">Lines</h2>
        <div className="grid-scroll">
          <table className="grid" data-testid="invoice-lines">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Description</th>
                <th scope="col">HSN/SAC</th>
                <th scope="col" className="num">
                  Qty
                </th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col" className="num">
                  Discount
                </th>
                <th scope="col" className="num">
                  Taxable
                </th>
                <th scope="col" className="num">
                  Rate
                </th>
                <th scope="col" className="num">
                  CGST
                </th>
                <th scope="col" className="num">
                  SGST
                </th>
                <th scope="col" className="num">
                  IGST
                </th>
                {showOther && (
                  <th scope="col" className="num">
                    Tax
                  </th>
                )}
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {inv.lines.map((l) => (
                <tr key={l.line_no}>
                  <td>{l.line_no}</td>
                  <td>{l.description}</td>
                  <td className="mono">{l.hsn_sac ?? ''}</td>
                  <td className="num">
                    {l.quantity} {l.unit ?? ''}
                  </td>
                  <td className="num">
                    <Money value={l.unit_price} currency={cur} />
                  </td>
                  <td className="num">
                    <Money value={l.discount} currency={cur} />
                  </td>
                  <td className="num">
                    <Money value={l.taxable_amount} currency={cur} />
                  </td>
                  <td className="num">{l.tax_rate} %</td>
                  <td className="num">
                    <Money value={l.cgst} currency={cur} />
                  </td>
                  <td className="num">
                    <Money value={l.sgst} currency={cur} />
                  </td>
                  <td className="num">
                    <Money value={l.igst} currency={cur} />
                  </td>
                  {showOther && (
                    <td className="num">
                      <Money value={l.other_tax} currency={cur} />
                    </td>
                  )}
                  <td className="num">
                    <Money value={l.total} currency={cur} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={6}>
                  Totals
                </th>
                <td className="num">
                  <Money value={inv.taxable_amount} currency={cur} />
                </td>
                <td />
                <td className="num">
                  <Money value={inv.cgst} currency={cur} />
                </td>
                <td className="num">
                  <Money value={inv.sgst} currency={cur} />
                </td>
                <td className="num">
                  <Money value={inv.igst} currency={cur} />
                </td>
                {showOther && (
                  <td className="num">
                    <Money value={inv.other_tax} currency={cur} />
                  </td>
                )}
                <td className="num" data-testid="invoice-total">
                  <strong>
                    <Money value={inv.total} currency={cur} />
                  </strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      {inv.instalments.length > 0 && (
        <section className="panel" aria-labelledby="inst-title">
          <h2 id="inst-title">Instalments</h2>
          <table className="grid compact">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Due</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  Open
                </th>
              </tr>
            </thead>
            <tbody>
              {inv.instalments.map((s) => (
                <tr key={s.seq}>
                  <td>{s.seq}</td>
                  <td>{fmtDate(s.due_date)}</td>
                  <td className="num">
                    <Money value={s.amount} currency={cur} />
                  </td>
                  <td className="num">
                    <Money value={s.open_amount} currency={cur} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section className="panel" aria-labelledby="alloc-title">
        <h2 id="alloc-title">Payments and credits</h2>
        <AllocationsTable rows={inv.allocations} currency={cur} side="invoice" />
      </section>
      {voiding && <VoidDialog invoice={inv} onClose={() => setVoiding(false)} />}
    </section>
  );
}

function VoidDialog({ invoice, onClose }: { invoice: InvoiceFull; onClose: () => void }) {
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const voidIt = useMutation({
    mutationFn: () => api.post<InvoiceFull>(`/invoices/${invoice.id}/void`, { reason }),
    onSuccess: async (updated) => {
      if (updated && typeof updated === 'object' && 'lines' in updated)
        client.setQueryData(['invoice', invoice.id], updated);
      for (const key of ['invoice', 'invoices', 'customer', 'customers', 'statement'])
        await client.invalidateQueries({ queryKey: [key] });
      onClose();
    },
  });
  const errors = fieldErrorsOf(voidIt.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    voidIt.mutate();
  };
  return (
    <Dialog title={`Void ${KIND_LABEL[invoice.kind]?.toLowerCase()} ${invoice.number}`} onClose={onClose}>
      <form onSubmit={submit} className="stack">
        <p>A voided document stays on record with its number, at zero. This cannot be undone.</p>
        <Field label="Reason" error={errors.reason}>
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            autoFocus
            placeholder="Raised in error / duplicate"
          />
        </Field>
        {voidIt.error && !errors.reason && <ErrorBanner error={voidIt.error} />}
        <div className="form-actions">
          <button type="submit" className="danger" disabled={voidIt.isPending}>
            Void
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
