import {
  keepPreviousData,
  type UseQueryResult,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { MissingRates } from '../aging/MissingRates.tsx';
import { useSession } from '../auth/session.tsx';
import type { Picked } from '../customers/CustomerPicker.tsx';
import { ApiError, api } from '../lib/api.ts';
import { asOfFrom, fmtDate } from '../lib/dates.ts';
import { AsOfField, ErrorBanner, Field } from '../lib/forms.tsx';
import { useUrlFilters } from '../lib/hooks.ts';
import { Money, toMinor } from '../lib/money.tsx';
import type { ProvisionHistoryT, ProvisionReportT, ProvisionSegmentT } from '../lib/types.ts';
import { Card, Empty } from '../lib/ui.tsx';
import { ACCOUNT_LABEL, pct, SEGMENT_BY, type SegmentBy, segmentKey } from './format.ts';
import { OverrideDialog } from './OverrideDialog.tsx';
import { SpecificDialog } from './SpecificDialog.tsx';

// The chart library is most of the bundle's weight: the figures show first.
const charts = () => import('./ProvisionCharts.tsx');
const ProvisionByBucket = lazy(() => charts().then((m) => ({ default: m.ProvisionByBucket })));
const ProvisionHistoryChart = lazy(() => charts().then((m) => ({ default: m.ProvisionHistoryChart })));

const KEYS = ['as_of', 'segment'] as const;

export function ProvisionsPage() {
  const { today } = useSession();
  const [filters, setFilter] = useUrlFilters(KEYS);
  const asOf = asOfFrom(filters.as_of, today());
  const segment: SegmentBy = SEGMENT_BY.some((s) => s.id === filters.segment)
    ? (filters.segment as SegmentBy)
    : 'none';
  const report = useQuery({
    queryKey: ['provisions', 'report', asOf, segment],
    queryFn: ({ signal }) => api.get<ProvisionReportT>('/provisions', { as_of: asOf, segment }, signal),
    placeholderData: keepPreviousData,
  });
  const history = useQuery({
    queryKey: ['provisions', 'history', asOf],
    queryFn: ({ signal }) =>
      api.get<ProvisionHistoryT>('/provisions/history', { months: 12, as_of: asOf }, signal),
    placeholderData: keepPreviousData,
  });
  const r = report.data;

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Provisions</h1>
          <p className="muted small">
            Expected credit loss on trade receivables (Ind AS 109 simplified approach): a provision matrix of
            loss rates from the company's own payment history, plus customers provided for on their own.
          </p>
        </div>
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Provision options">
        <AsOfField value={asOf} onChange={(v) => setFilter('as_of', v)} />
        <Field label="Split by">
          <select
            value={segment}
            onChange={(e) => setFilter('segment', e.target.value === 'none' ? '' : e.target.value)}
          >
            {SEGMENT_BY.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </Field>
      </form>
      <ErrorBanner error={report.error} />
      {!r ? (
        report.isPending && <p role="status">Loading provisions…</p>
      ) : (
        <ReportBody r={r} history={history} stale={report.isPlaceholderData} />
      )}
    </section>
  );
}

function ReportBody({
  r,
  history,
  stale,
}: {
  r: ProvisionReportT;
  history: UseQueryResult<ProvisionHistoryT>;
  stale: boolean;
}) {
  const cur = r.currency;
  const balance = toMinor(r.total_balance, cur);
  const coverage =
    balance > 0n ? (Number((toMinor(r.total_provision, cur) * 10000n) / balance) / 100).toFixed(2) : null;
  return (
    <div aria-busy={stale}>
      {stale && (
        <p className="muted small" role="status">
          Updating…
        </p>
      )}
      <MissingRates currencies={r.missing_rates} asOf={r.as_of} />
      <div className="summary-cards" data-testid="provision-cards">
        <Card label="Receivables" testId="card-balance">
          <Money value={r.total_balance} currency={cur} />
        </Card>
        <Card label="Matrix provision" testId="card-matrix">
          <Money value={r.matrix_provision} currency={cur} />
        </Card>
        <Card label="Specific provisions" testId="card-specific">
          <Money value={r.specific_provision} currency={cur} />
        </Card>
        <Card label="Total provision" testId="card-total">
          <Money value={r.total_provision} currency={cur} className="overdue" />
          {coverage !== null && <span className="card-note">{coverage} % of receivables</span>}
        </Card>
      </div>

      <div className="dash-grid">
        <section className="panel" aria-labelledby="prov-by-bucket">
          <div className="panel-head">
            <h2 id="prov-by-bucket">Provision by bucket</h2>
            <span className="muted small">matrix, {fmtDate(r.as_of)}</span>
          </div>
          {toMinor(r.matrix_provision, cur) === 0n ? (
            <Empty>No matrix provision on this date.</Empty>
          ) : (
            <Suspense fallback={<p className="muted">Loading chart…</p>}>
              <ProvisionByBucket report={r} />
            </Suspense>
          )}
        </section>
        <section className="panel" aria-labelledby="prov-history">
          <div className="panel-head">
            <h2 id="prov-history">Month-end provision</h2>
            <span className="muted small">last 12 months</span>
          </div>
          <ErrorBanner error={history.error} />
          {history.data ? (
            <Suspense fallback={<p className="muted">Loading chart…</p>}>
              <ProvisionHistoryChart history={history.data} />
            </Suspense>
          ) : (
            history.isPending && <p role="status">Loading history…</p>
          )}
        </section>
      </div>

      <p className="muted small history-note" data-testid="history-window">
        Loss rates from invoices issued {fmtDate(r.history.from)} to {fmtDate(r.history.to)}; an amount still
        open {r.history.loss_horizon_days} days after its due date counts as lost. An override replaces the
        computed rate and must give a reason.
      </p>
      {r.segments.map((s) => (
        <MatrixTable key={s.key ?? 'all'} r={r} segment={s} split={r.segments.length > 1 || s.key !== null} />
      ))}
      {r.segments.length === 0 && <Empty>No open receivables in any segment.</Empty>}

      <SpecificTable r={r} />

      <div className="dash-grid">
        <Movement r={r} />
        <ProposedEntry r={r} />
      </div>
    </div>
  );
}

function MatrixTable({
  r,
  segment,
  split,
}: {
  r: ProvisionReportT;
  segment: ProvisionSegmentT;
  split: boolean;
}) {
  const { can } = useSession();
  const client = useQueryClient();
  const cur = r.currency;
  const manage = can('provisions.manage');
  const [editing, setEditing] = useState<number | null>(null);
  const remove = useMutation({
    mutationFn: async (bucket: number) => {
      const key = segmentKey(segment);
      try {
        return await api.delete(`/provisions/overrides?bucket=${bucket}&segment=${encodeURIComponent(key)}&effective_from=${r.as_of}`);
      } catch (error) {
        // In a split matrix a bucket may carry the override set for every segment; the report
        // does not say which, so the segment's own is tried first and the shared one next.
        if (error instanceof ApiError && error.status === 404 && key !== '')
          return api.delete(`/provisions/overrides?bucket=${bucket}&segment=&effective_from=${r.as_of}`);
        throw error;
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['provisions'] }),
  });
  const titleId = `matrix-${segment.key ?? 'all'}`;
  const editRate = editing === null ? undefined : segment.rates[editing];
  return (
    <section className="panel" aria-labelledby={titleId} data-testid="loss-matrix">
      <div className="panel-head">
        <h2 id={titleId}>Loss rates{split ? `: ${segment.label}` : ''}</h2>
        <span className="muted small">
          provision <Money value={segment.total_provision} currency={cur} /> on{' '}
          <Money value={segment.total_balance} currency={cur} />
        </span>
      </div>
      <ErrorBanner error={remove.error} />
      <div className="grid-scroll">
        <table className="grid compact matrix">
          <caption className="sr-only">
            Provision matrix{split ? ` for ${segment.label}` : ''} as of {fmtDate(r.as_of)}
          </caption>
          <thead>
            <tr>
              <th scope="col">Bucket</th>
              <th scope="col" className="num" title="Of the history window, what reached this bucket">
                Reached
              </th>
              <th scope="col" className="num" title="Of that, what was never recovered">
                Lost
              </th>
              <th scope="col" className="num">
                Computed
              </th>
              <th scope="col">Override</th>
              <th scope="col" className="num">
                Applied
              </th>
              <th scope="col" className="num">
                Balance
              </th>
              <th scope="col" className="num">
                Provision
              </th>
              {manage && (
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {segment.rates.map((rate, i) => {
              const label = r.buckets[i]?.label ?? `Bucket ${i}`;
              const overridden = rate.override_percent !== null;
              return (
                <tr key={rate.bucket} data-testid="matrix-row" className={overridden ? 'overridden' : ''}>
                  <th scope="row">{label}</th>
                  <td className="num">
                    <Money value={rate.reached} currency={cur} />
                  </td>
                  <td className="num">
                    <Money value={rate.lost} currency={cur} />
                  </td>
                  <td className="num" data-testid="computed">
                    {pct(rate.computed_percent)}
                  </td>
                  <td data-testid="override">
                    {overridden ? (
                      <>
                        <strong>{pct(rate.override_percent)}</strong>
                        <span className="override-reason">{rate.override_reason}</span>
                        {rate.override_from && (
                          <span className="muted small"> since {fmtDate(rate.override_from)}</span>
                        )}
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="num" data-testid="applied">
                    <strong>{pct(rate.applied_percent)}</strong>
                  </td>
                  <td className="num">
                    <Money value={segment.balances[i]} currency={cur} />
                  </td>
                  <td className="num" data-testid="provision">
                    <Money value={segment.provisions[i]} currency={cur} />
                  </td>
                  {manage && (
                    <td className="nowrap">
                      <button
                        type="button"
                        className="link"
                        aria-haspopup="dialog"
                        aria-label={`${overridden ? 'Change override' : 'Override'} ${label}${split ? `, ${segment.label}` : ''}`}
                        onClick={() => setEditing(i)}
                      >
                        {overridden ? 'Change…' : 'Override…'}
                      </button>
                      {overridden && (
                        <button
                          type="button"
                          className="link danger"
                          aria-label={`Remove override ${label}${split ? `, ${segment.label}` : ''}`}
                          title={`The computed rate applies again from ${fmtDate(r.as_of)}; earlier dates keep the override`}
                          disabled={remove.isPending}
                          onClick={() => remove.mutate(rate.bucket)}
                        >
                          Remove
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td colSpan={5} />
              <td className="num">
                <Money value={segment.total_balance} currency={cur} />
              </td>
              <td className="num" data-testid="segment-provision">
                <Money value={segment.total_provision} currency={cur} />
              </td>
              {manage && <td />}
            </tr>
          </tfoot>
        </table>
      </div>
      {editRate && (
        <OverrideDialog
          bucketLabel={r.buckets[editRate.bucket]?.label ?? `Bucket ${editRate.bucket}`}
          rate={editRate}
          currency={cur}
          asOf={r.as_of}
          segment={split && segment.key !== null ? { key: segmentKey(segment), label: segment.label } : null}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function SpecificTable({ r }: { r: ProvisionReportT }) {
  const { can } = useSession();
  const cur = r.currency;
  const [dialog, setDialog] = useState<{ customer: Picked; percent: string; reason: string } | 'new' | null>(
    null,
  );
  return (
    <section className="panel" aria-labelledby="specific-title" data-testid="specific-provisions">
      <div className="panel-head">
        <h2 id="specific-title">Specific provisions</h2>
        {can('provisions.manage') && (
          <button type="button" aria-haspopup="dialog" onClick={() => setDialog('new')}>
            Add specific provision
          </button>
        )}
      </div>
      {r.specific.length === 0 ? (
        <Empty>No customer is provided for on its own; every balance is in the matrix.</Empty>
      ) : (
        <table className="grid compact">
          <caption className="sr-only">Customers provided for on their own as of {fmtDate(r.as_of)}</caption>
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col" className="num">
                Percent
              </th>
              <th scope="col">Reason</th>
              <th scope="col">From</th>
              <th scope="col" className="num">
                Balance
              </th>
              <th scope="col" className="num">
                Provision
              </th>
              {can('provisions.manage') && (
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {r.specific.map((s) => (
              <tr key={s.customer_id} data-testid="specific-row">
                <th scope="row">
                  <Link to={`/customers/${s.customer_id}`}>
                    {s.code !== s.name && <span className="mono">{s.code} </span>}
                    {s.name}
                  </Link>
                </th>
                <td className="num">{pct(s.percent)}</td>
                <td>{s.reason}</td>
                <td className="nowrap">{fmtDate(s.effective_from)}</td>
                <td className="num">
                  <Money value={s.balance} currency={cur} />
                </td>
                <td className="num">
                  <Money value={s.provision} currency={cur} />
                </td>
                {can('provisions.manage') && (
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-haspopup="dialog"
                      aria-label={`Change specific provision for ${s.name}`}
                      onClick={() =>
                        setDialog({
                          customer: { id: s.customer_id, code: s.code, name: s.name, currency: cur },
                          percent: s.percent,
                          reason: s.reason,
                        })
                      }
                    >
                      Change…
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                Total
              </th>
              <td className="num">
                <Money
                  value={r.specific.reduce((sum, s) => sum + toMinor(s.balance, cur), 0n)}
                  currency={cur}
                />
              </td>
              <td className="num" data-testid="specific-total">
                <Money value={r.specific_provision} currency={cur} />
              </td>
              {can('provisions.manage') && <td />}
            </tr>
          </tfoot>
        </table>
      )}
      {dialog && (
        <SpecificDialog
          initial={dialog === 'new' ? null : dialog}
          effectiveFrom={r.as_of}
          onClose={() => setDialog(null)}
        />
      )}
    </section>
  );
}

function Movement({ r }: { r: ProvisionReportT }) {
  const cur = r.currency;
  const m = r.movement;
  return (
    <section className="panel" aria-labelledby="movement-title" data-testid="movement">
      <h2 id="movement-title">Movement since {fmtDate(m.previous_as_of)}</h2>
      <dl className="profile">
        <dt>Provision at {fmtDate(m.previous_as_of)}</dt>
        <dd className="num">
          <Money value={m.previous_provision} currency={cur} />
        </dd>
        <dt>Charge</dt>
        <dd className="num" data-testid="movement-charge">
          <Money value={m.charge} currency={cur} />
        </dd>
        <dt>Release</dt>
        <dd className="num" data-testid="movement-release">
          <Money value={m.release} currency={cur} />
        </dd>
        <dt>Provision at {fmtDate(r.as_of)}</dt>
        <dd className="num">
          <strong>
            <Money value={r.total_provision} currency={cur} />
          </strong>
        </dd>
      </dl>
    </section>
  );
}

function ProposedEntry({ r }: { r: ProvisionReportT }) {
  const cur = r.currency;
  const lines = r.proposed_entry;
  return (
    <section className="panel" aria-labelledby="entry-title" data-testid="proposed-entry">
      <h2 id="entry-title">Proposed journal entry</h2>
      {lines.length === 0 ? (
        <Empty>Nothing to post: the provision is unchanged since {fmtDate(r.movement.previous_as_of)}.</Empty>
      ) : (
        <>
          <table className="grid compact">
            <caption className="sr-only">Entry to book the movement, dated {fmtDate(r.as_of)}</caption>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col" className="num">
                  Debit
                </th>
                <th scope="col" className="num">
                  Credit
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: an entry's lines have no identity but their order
                <tr key={i} data-testid="entry-line">
                  <th scope="row">
                    {ACCOUNT_LABEL[l.account] ?? l.account}{' '}
                    <span className="mono muted small">{l.account}</span>
                  </th>
                  <td className="num">
                    {toMinor(l.debit, cur) === 0n ? '' : <Money value={l.debit} currency={cur} />}
                  </td>
                  <td className="num">
                    {toMinor(l.credit, cur) === 0n ? '' : <Money value={l.credit} currency={cur} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">Narration: {[...new Set(lines.map((l) => l.memo))].join('; ')}.</p>
        </>
      )}
    </section>
  );
}
