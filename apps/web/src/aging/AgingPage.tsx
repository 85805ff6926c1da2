import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useRef, useState } from 'react';
import { useSession } from '../auth/session.tsx';
import { api } from '../lib/api.ts';
import { AsOfField, ErrorBanner, Field } from '../lib/forms.tsx';
import { useUrlFilters } from '../lib/hooks.ts';
import type { AgingReportT } from '../lib/types.ts';
import { Empty, Tabs } from '../lib/ui.tsx';
import { AgingTable } from './AgingTable.tsx';
import { DrillPanel } from './DrillPanel.tsx';
import { MissingRates } from './MissingRates.tsx';
import {
  type AgingParams,
  agingParams,
  BASES,
  type Drill,
  exportHref,
  GROUPS,
  reportQuery,
  SEGMENTS,
} from './params.ts';
import { ScheduleIIITab } from './ScheduleIIITab.tsx';

// The chart library is most of the bundle's weight; load it only once a chart is on screen.
const AgingChart = lazy(() => import('./AgingChart.tsx').then((m) => ({ default: m.AgingChart })));

const KEYS = ['as_of', 'basis', 'by', 'segment', 'tab'] as const;

type Tab = 'aging' | 'schedule-iii';
const TABS: { id: Tab; label: string }[] = [
  { id: 'aging', label: 'Aging' },
  { id: 'schedule-iii', label: 'Schedule III' },
];

export function AgingPage() {
  const { today } = useSession();
  const [raw, setFilter] = useUrlFilters(KEYS);
  const params = agingParams(raw, today());
  const tab: Tab = raw.tab === 'schedule-iii' ? 'schedule-iii' : 'aging';

  return (
    <section>
      <div className="page-head">
        <h1>Aging</h1>
        <div className="actions">
          <span className="muted small">Export</span>
          {(['xlsx', 'pdf', 'csv'] as const).map((format) => (
            <a
              key={format}
              className="button"
              href={exportHref(params, format)}
              download
              data-testid={`export-${format}`}
            >
              {format.toUpperCase()}
            </a>
          ))}
        </div>
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Aging options">
        <AsOfField value={params.as_of} onChange={(v) => setFilter('as_of', v)} />
        <Field label="Age by">
          <select
            value={params.basis}
            onChange={(e) => setFilter('basis', e.target.value === 'due' ? '' : e.target.value)}
            // Schedule III is always from the due date, in its own bands.
            disabled={tab === 'schedule-iii'}
          >
            {BASES.map((b) => (
              <option key={b.id} value={b.id}>
                {b.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Group by">
          <select
            value={params.by}
            onChange={(e) => setFilter('by', e.target.value === 'customer' ? '' : e.target.value)}
            disabled={tab === 'schedule-iii'}
          >
            {GROUPS.map((g) => (
              <option key={g.id} value={g.id}>
                {g.label}
              </option>
            ))}
          </select>
        </Field>
        {params.by === 'segment' && (
          <Field label="Segment">
            <select
              value={params.segment}
              onChange={(e) => setFilter('segment', e.target.value === 'kind' ? '' : e.target.value)}
              disabled={tab === 'schedule-iii'}
            >
              {SEGMENTS.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </Field>
        )}
      </form>
      <Tabs
        label="Report"
        tabs={TABS}
        active={tab}
        onChange={(t) => setFilter('tab', t === 'aging' ? '' : t)}
      />
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === 'aging' ? <AgingReportView params={params} /> : <ScheduleIIITab asOf={params.as_of} />}
      </div>
    </section>
  );
}

function AgingReportView({ params }: { params: AgingParams }) {
  const query = reportQuery(params).toString();
  const report = useQuery({
    queryKey: ['aging', query],
    queryFn: ({ signal }) => api.get<AgingReportT>(`/aging?${query}`, undefined, signal),
    // Keep the old figures on screen while new ones load, instead of a blank page per keystroke.
    placeholderData: keepPreviousData,
  });
  // A panel explains a cell of the report it was opened from; once the parameters change it is
  // about figures no longer on screen, so it goes.
  const [opened, setOpened] = useState<{ drill: Drill; query: string } | null>(null);
  const drill = opened?.query === query ? opened.drill : null;
  const returnTo = useRef<HTMLElement | null>(null);

  const close = () => {
    setOpened(null);
    returnTo.current?.focus();
  };

  const r = report.data;
  if (!r) {
    return report.isPending ? <p role="status">Loading aging…</p> : <ErrorBanner error={report.error} />;
  }
  const stale = report.isPlaceholderData;
  return (
    <>
      <div>
        <ErrorBanner error={report.error} />
        <MissingRates currencies={r.missing_rates} asOf={r.as_of} />
        {stale && (
          <p className="muted small" role="status">
            Updating…
          </p>
        )}
        {r.rows.length === 0 ? (
          <Empty>Nothing was owed or held as of this date.</Empty>
        ) : (
          <>
            <Suspense fallback={<p className="muted">Loading chart…</p>}>
              <AgingChart report={r} />
            </Suspense>
            <AgingTable
              report={r}
              disabled={stale}
              onDrill={(d, from) => {
                returnTo.current = from;
                setOpened({ drill: d, query });
              }}
            />
            <p className="muted small">
              {r.rows_total > r.rows.length
                ? `The largest ${r.rows.length} of ${r.rows_total} rows; the total line covers them all.`
                : `${r.rows.length} ${r.rows.length === 1 ? 'row' : 'rows'}.`}{' '}
              Net = total − credits − unapplied.
              {r.by === 'currency'
                ? ` Rows in their own currency; the total line in ${r.base_currency}.`
                : ''}
            </p>
          </>
        )}
      </div>
      {drill && <DrillPanel params={params} drill={drill} onClose={close} />}
    </>
  );
}
