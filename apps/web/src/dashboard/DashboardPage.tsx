import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { MissingRates } from '../aging/MissingRates.tsx';
import { useSession } from '../auth/session.tsx';
import { api } from '../lib/api.ts';
import { asOfFrom, fmtDate } from '../lib/dates.ts';
import { AsOfField, ErrorBanner } from '../lib/forms.tsx';
import { useUrlFilters } from '../lib/hooks.ts';
import { Money, toMinor } from '../lib/money.tsx';
import type { CollectorPerformanceT, CollectorRowT, DashboardT } from '../lib/types.ts';
import { ageClass, Card, Empty, useRowKeys } from '../lib/ui.tsx';
import { TargetsDialog } from './TargetsDialog.tsx';
import { ReportDownloads } from './ReportDownloads.tsx';

// The chart library is most of the bundle's weight: the cards and tables show first.
const charts = () => import('./DashboardCharts.tsx');
const AgingBars = lazy(() => charts().then((m) => ({ default: m.AgingBars })));
const KpiTrend = lazy(() => charts().then((m) => ({ default: m.KpiTrend })));
const LeaderboardBars = lazy(() => charts().then((m) => ({ default: m.LeaderboardBars })));

const KEYS = ['as_of', 'month'] as const;

export function DashboardPage() {
  const { today } = useSession();
  const [filters, setFilter] = useUrlFilters(KEYS);
  const asOf = asOfFrom(filters.as_of, today());
  const dashboard = useQuery({
    queryKey: ['dashboard', asOf],
    queryFn: ({ signal }) => api.get<DashboardT>('/dashboard', { as_of: asOf }, signal),
    placeholderData: keepPreviousData,
  });
  const d = dashboard.data;

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Dashboard</h1>
          {d && (
            <p className="muted small">
              Receivables as of {fmtDate(d.as_of)}, in {d.currency}
            </p>
          )}
        </div>
        <form
          className="filters compact-filters"
          onSubmit={(e) => e.preventDefault()}
          aria-label="Dashboard date"
        >
          <AsOfField value={asOf} onChange={(v) => setFilter('as_of', v)} />
        </form>
      </div>
      <ErrorBanner error={dashboard.error} />
      {!d ? (
        dashboard.isPending && <p role="status">Loading dashboard…</p>
      ) : (
        <DashboardBody
          d={d}
          month={filters.month}
          setMonth={(m) => setFilter('month', m)}
          stale={dashboard.isPlaceholderData}
        />
      )}
    </section>
  );
}

function DashboardBody({
  d,
  month,
  setMonth,
  stale,
}: {
  d: DashboardT;
  month: string;
  setMonth: (month: string) => void;
  stale: boolean;
}) {
  const cur = d.currency;
  const agingLink = `/aging?as_of=${d.as_of}`;
  // Shares are of the open invoices (the aging buckets), not of net AR: unapplied cash would
  // otherwise push "overdue" past 100 %.
  const invoiced = d.aging.reduce((sum, b) => sum + toMinor(b.amount, cur), 0n);
  return (
    <div aria-busy={stale}>
      <MissingRates currencies={d.missing_rates} asOf={d.as_of} />
      <div className="summary-cards" data-testid="dashboard-cards">
        <Card label="Open AR" testId="card-open">
          <Link to={agingLink} className="plain-link">
            <Money value={d.open_ar} currency={cur} />
          </Link>
        </Card>
        <Card label="Overdue AR" testId="card-overdue">
          <Money
            value={d.overdue_ar}
            currency={cur}
            className={toMinor(d.overdue_ar, cur) > 0n ? 'overdue' : ''}
          />
          <Share part={d.overdue_ar} whole={invoiced} currency={cur} />
        </Card>
        <Card label="Unapplied cash" testId="card-unapplied">
          <Money value={d.unapplied_cash} currency={cur} className="unapplied" />
        </Card>
        <Card label="Disputed AR" testId="card-disputed">
          <Money value={d.disputed_ar} currency={cur} />
          <Share part={d.disputed_ar} whole={invoiced} currency={cur} />
        </Card>
      </div>

      <div className="dash-grid">
        <section className="panel" aria-labelledby="dash-aging">
          <div className="panel-head">
            <h2 id="dash-aging">Aging</h2>
            <Link to={agingLink}>Full report</Link>
          </div>
          {d.aging.length === 0 ? (
            <Empty>Nothing open.</Empty>
          ) : (
            <Suspense fallback={<p className="muted">Loading chart…</p>}>
              <AgingBars aging={d.aging} currency={cur} />
            </Suspense>
          )}
        </section>
        <section className="panel" aria-labelledby="dash-trend">
          <div className="panel-head">
            <h2 id="dash-trend">DSO, BPDSO and CEI</h2>
            <span className="muted small">last {d.kpis.length} months</span>
          </div>
          {d.kpis.length === 0 ? (
            <Empty>No history yet.</Empty>
          ) : (
            <Suspense fallback={<p className="muted">Loading chart…</p>}>
              <KpiTrend months={d.kpis} />
            </Suspense>
          )}
        </section>
      </div>

      <div className="dash-grid">
        <Leaderboard dashboard={d} month={month} setMonth={setMonth} />
        <TopOverdue d={d} />
      </div>
      <ReportDownloads asOf={d.as_of} />
    </div>
  );
}

/** "12.5 % of open invoices", cut (not rounded) to a tenth, computed on the minor units. */
function Share({ part, whole, currency }: { part: string; whole: bigint; currency: string }) {
  const p = toMinor(part, currency);
  if (whole <= 0n || p === 0n) return null;
  return (
    <span className="card-note">{(Number((p * 1000n) / whole) / 10).toFixed(1)} % of open invoices</span>
  );
}

function Leaderboard({
  dashboard,
  month,
  setMonth,
}: {
  dashboard: DashboardT;
  month: string;
  setMonth: (month: string) => void;
}) {
  const ownMonth = dashboard.as_of.slice(0, 7);
  const shown = /^\d{4}-\d{2}$/.test(month) ? month : ownMonth;
  // The dashboard already carries its own month's figures; only another month needs a request.
  const other = useQuery({
    queryKey: ['collector-performance', shown],
    queryFn: ({ signal }) =>
      api.get<CollectorPerformanceT>('/collectors/performance', { month: shown }, signal),
    enabled: shown !== ownMonth,
    placeholderData: keepPreviousData,
  });
  const collectors: CollectorRowT[] | undefined =
    shown === ownMonth ? dashboard.collectors : other.data?.collectors;
  const currency = shown === ownMonth ? dashboard.currency : (other.data?.currency ?? dashboard.currency);
  const ranked = collectors ? [...collectors].sort(byRate) : undefined;
  const { can } = useSession();
  const [setting, setSetting] = useState(false);

  return (
    <section className="panel" aria-labelledby="dash-collectors" data-testid="leaderboard">
      <div className="panel-head">
        <h2 id="dash-collectors">Collectors</h2>
        <div className="actions">
          <MonthPicker value={shown} onChange={(m) => setMonth(m === ownMonth ? '' : m)} />
          {can('targets.manage') && (
            <button type="button" onClick={() => setSetting(true)} aria-haspopup="dialog">
              Set targets
            </button>
          )}
        </div>
      </div>
      {setting && <TargetsDialog month={shown} currency={currency} onClose={() => setSetting(false)} />}
      <ErrorBanner error={shown === ownMonth ? null : other.error} />
      {!ranked ? (
        other.isPending && <p role="status">Loading…</p>
      ) : ranked.length === 0 ? (
        <Empty>No collections this month.</Empty>
      ) : (
        <>
          <Suspense fallback={<p className="muted">Loading chart…</p>}>
            <LeaderboardBars collectors={ranked} currency={currency} />
          </Suspense>
          <table className="grid compact" data-testid="leaderboard-table">
            <caption className="sr-only">Collected against target, {shown}</caption>
            <thead>
              <tr>
                <th scope="col">Collector</th>
                <th scope="col" className="num">
                  Target
                </th>
                <th scope="col" className="num">
                  Collected
                </th>
                <th scope="col" className="num">
                  Rate
                </th>
                <th scope="col" className="num">
                  Overdue
                </th>
                <th scope="col" className="num" title="More than 90 days past due">
                  At risk
                </th>
              </tr>
            </thead>
            <tbody>
              {ranked.map((c) => (
                <tr key={c.collector_id ?? 'none'} data-testid="leaderboard-row">
                  <th scope="row">{c.name}</th>
                  <td className="num">
                    {c.target === null ? (
                      <span className="muted">no target</span>
                    ) : (
                      <Money value={c.target} currency={currency} />
                    )}
                  </td>
                  <td className="num">
                    <Money value={c.collected} currency={currency} />
                  </td>
                  <td className="num">
                    {c.rate === null ? '—' : <span className={rateClass(c.rate)}>{c.rate.toFixed(1)} %</span>}
                  </td>
                  <td className="num">
                    <Money value={c.overdue_ar} currency={currency} />
                  </td>
                  <td className="num">
                    <Money value={c.at_risk_ar} currency={currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** Best rate first; collectors without a target after those with one, by amount collected. */
function byRate(a: CollectorRowT, b: CollectorRowT): number {
  if (a.rate !== null && b.rate !== null && a.rate !== b.rate) return b.rate - a.rate;
  if ((a.rate === null) !== (b.rate === null)) return a.rate === null ? 1 : -1;
  return Number(b.collected) - Number(a.collected);
}

function rateClass(rate: number): string {
  if (rate >= 100) return 'settled';
  if (rate < 50) return 'overdue';
  return '';
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y! * 12 + (m! - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function MonthPicker({ value, onChange }: { value: string; onChange: (month: string) => void }) {
  return (
    <div className="month-picker">
      <button type="button" onClick={() => onChange(shiftMonth(value, -1))} aria-label="Previous month">
        ‹
      </button>
      <label className="sr-only" htmlFor="leaderboard-month">
        Month
      </label>
      <input
        id="leaderboard-month"
        type="month"
        value={value}
        required
        onChange={(e) => {
          if (/^\d{4}-\d{2}$/.test(e.target.value)) onChange(e.target.value);
        }}
      />
      <button type="button" onClick={() => onChange(shiftMonth(value, 1))} aria-label="Next month">
        ›
      </button>
    </div>
  );
}

function TopOverdue({ d }: { d: DashboardT }) {
  const navigate = useNavigate();
  const rowKeys = useRowKeys((i) => {
    const c = d.top_overdue[i];
    if (c) navigate(`/customers/${c.customer_id}`);
  });
  return (
    <section className="panel" aria-labelledby="dash-top">
      <div className="panel-head">
        <h2 id="dash-top">Most overdue customers</h2>
        <Link to="/customers?overdue=true">All overdue</Link>
      </div>
      {d.top_overdue.length === 0 ? (
        <Empty>No customer is overdue.</Empty>
      ) : (
        <table className="grid compact" data-testid="top-overdue">
          <caption className="sr-only">Customers with the most overdue</caption>
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col" className="num">
                Overdue
              </th>
              <th scope="col" className="num">
                Oldest
              </th>
            </tr>
          </thead>
          <tbody {...rowKeys}>
            {d.top_overdue.map((c, i) => (
              <tr
                key={c.customer_id}
                data-row
                tabIndex={i === 0 ? 0 : -1}
                className={`clickable ${ageClass(c.oldest_days)}`}
                onClick={() => navigate(`/customers/${c.customer_id}`)}
              >
                <td>
                  <Link to={`/customers/${c.customer_id}`} tabIndex={-1} onClick={(e) => e.stopPropagation()}>
                    {c.code !== c.name && <span className="mono">{c.code} </span>}
                    {c.name}
                  </Link>
                </td>
                <td className="num">
                  <Money value={c.overdue} currency={d.currency} className="overdue" />
                </td>
                <td className="num">
                  <span className="age-pill">{c.oldest_days}d</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
