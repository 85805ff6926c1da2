import { GST_STATES } from '@duely/domain/gst';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useSession } from '../auth/session.tsx';
import { api } from '../lib/api.ts';
import { ErrorBanner } from '../lib/forms.tsx';
import { Money } from '../lib/money.tsx';
import type { CustomerFull } from '../lib/types.ts';
import { Badge, Card, Tabs } from '../lib/ui.tsx';
import { ContactsPanel } from './ContactsPanel.tsx';
import { CustomerReceiptsTab } from './CustomerReceiptsTab.tsx';
import { EditCustomer } from './EditCustomer.tsx';
import { OpenItemsTab } from './OpenItemsTab.tsx';
import { PaymentBehaviourTab } from './PaymentBehaviourTab.tsx';
import { StatementTab } from './StatementTab.tsx';

// The chart library is most of the bundle's weight; only this page needs it.
const CreditGauge = lazy(() => import('./CreditGauge.tsx').then((m) => ({ default: m.CreditGauge })));

type Tab = 'open' | 'statement' | 'receipts' | 'behaviour';
const TABS: { id: Tab; label: string }[] = [
  { id: 'open', label: 'Open items' },
  { id: 'statement', label: 'Statement' },
  { id: 'receipts', label: 'Receipts' },
  { id: 'behaviour', label: 'Payment behaviour' },
];

export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: ['customer', id],
    queryFn: () => api.get<CustomerFull>(`/customers/${id}`),
    enabled: Boolean(id),
  });
}

export function CustomerPage() {
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = (TABS.some((t) => t.id === params.get('tab')) ? params.get('tab') : 'open') as Tab;
  const { can } = useSession();
  const customer = useCustomer(id);
  const c = customer.data;

  if (!c) {
    return (
      <section>
        <h1>Customer</h1>
        {customer.isPending ? <p role="status">Loading…</p> : <ErrorBanner error={customer.error} />}
      </section>
    );
  }
  return (
    <section>
      <div className="page-head">
        <div>
          <p className="crumbs">
            <Link to="/customers">Customers</Link> / <span className="mono">{c.code}</span>
          </p>
          <h1>{c.name}</h1>
        </div>
        <div className="actions">
          {can('receipts.write') && (
            <Link className="button primary" to={`/receipts/new?customer_id=${c.id}`}>
              Record receipt
            </Link>
          )}
          {can('invoices.write') && (
            <Link className="button" to={`/invoices/new?customer_id=${c.id}`}>
              New invoice
            </Link>
          )}
        </div>
      </div>

      <div className="summary-cards">
        <Card label="Balance">
          <Money value={c.balance} currency={c.currency} />
        </Card>
        <Card label="Overdue">
          <Money value={c.overdue} currency={c.currency} className="overdue" />
        </Card>
        <Card label="Unapplied">
          <Money value={c.unapplied} currency={c.currency} />
        </Card>
        <Card label="Open invoices">{c.open_invoices}</Card>
      </div>

      <div className="two-col">
        <section className="panel" aria-labelledby="profile-title">
          <div className="panel-head">
            <h2 id="profile-title">Profile</h2>
            {can('customers.write') && <EditCustomer customer={c} />}
          </div>
          <dl className="profile">
            <dt>Kind</dt>
            <dd>{c.kind === 'b2b' ? 'Business (B2B)' : 'Consumer (B2C)'}</dd>
            <dt>GSTIN</dt>
            <dd className="mono">{c.gstin ?? '—'}</dd>
            <dt>PAN</dt>
            <dd className="mono">{c.pan ?? '—'}</dd>
            <dt>State</dt>
            <dd>{c.state_code ? `${c.state_code} · ${GST_STATES[c.state_code] ?? ''}` : '—'}</dd>
            <dt>City</dt>
            <dd>{c.city ?? '—'}</dd>
            <dt>Terms</dt>
            <dd>{c.payment_terms_code ?? '—'}</dd>
            <dt>Credit limit</dt>
            <dd>{c.credit_limit === null ? '—' : <Money value={c.credit_limit} currency={c.currency} />}</dd>
            <dt>Risk</dt>
            <dd>
              <Badge value={c.risk_class} tone={`risk-${c.risk_class}`} />
            </dd>
            <dt>Collector</dt>
            <dd>{c.collector_name ?? '—'}</dd>
            <dt>Currency</dt>
            <dd>{c.currency}</dd>
            {c.tags.length > 0 && (
              <>
                <dt>Tags</dt>
                <dd>
                  {c.tags.map((t) => (
                    <span key={t} className="badge">
                      {t}
                    </span>
                  ))}
                </dd>
              </>
            )}
          </dl>
          <Suspense fallback={<p className="muted">Loading chart…</p>}>
            <CreditGauge
              balance={c.balance}
              overdue={c.overdue}
              limit={c.credit_limit}
              currency={c.currency}
            />
          </Suspense>
        </section>
        <ContactsPanel customerId={c.id} contacts={c.contacts} />
      </div>

      <Tabs
        label="Customer ledger"
        tabs={TABS}
        active={tab}
        onChange={(t) => {
          const next = new URLSearchParams(params);
          next.set('tab', t);
          setParams(next, { replace: true });
        }}
      />
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === 'open' && <OpenItemsTab customer={c} />}
        {tab === 'statement' && <StatementTab customer={c} />}
        {tab === 'receipts' && <CustomerReceiptsTab customer={c} />}
        {tab === 'behaviour' && <PaymentBehaviourTab customer={c} />}
      </div>
    </section>
  );
}

