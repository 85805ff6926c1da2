import { allCurrencies } from '@duely/domain/money';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useSession } from '../auth/session.tsx';
import { api } from '../lib/api.ts';
import { fmtDate } from '../lib/dates.ts';
import { ErrorBanner, Field, fieldErrorsOf, needsBanner } from '../lib/forms.tsx';
import { useUrlFilters } from '../lib/hooks.ts';
import type { ExchangeRateBody, ExchangeRateListT } from '../lib/types.ts';
import { Empty } from '../lib/ui.tsx';

/**
 * The import endpoint's answer. The contract package has no schema for it (the server declares
 * it beside the route), so it is spelled out here; keep it in step with exchange-rates.routes.ts.
 */
interface RateImportResult {
  saved: number;
  rows: number;
  errors: { line: number; column: string; reason: string }[];
}

const KEYS = ['currency'] as const;
const PAGE = 100;
const CURRENCIES = allCurrencies();

/** Every figure converted into the base currency depends on the rates: aging, dashboard, provisions. */
function afterRatesChanged(client: QueryClient) {
  client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
}

export function ExchangeRatesPage() {
  const { currency: base, can } = useSession();
  const [filters, setFilter] = useUrlFilters(KEYS);
  const rates = useQuery({
    queryKey: ['exchange-rates'],
    queryFn: ({ signal }) => api.get<ExchangeRateListT>('/exchange-rates', undefined, signal),
  });
  const all = rates.data?.data ?? [];
  const currencies = [...new Set(all.map((r) => r.currency))];
  const shown = filters.currency ? all.filter((r) => r.currency === filters.currency) : all;
  const [limit, setLimit] = useState(PAGE);

  return (
    <section>
      <div className="page-head">
        <div>
          <p className="crumbs">Settings</p>
          <h1>Exchange rates</h1>
          <p className="muted small">
            {base} per one unit of the currency, by date. A document in another currency is converted at the
            latest rate on or before the report date.
          </p>
        </div>
      </div>
      {can('rates.manage') && (
        <div className="two-col">
          <AddRate base={base} />
          <ImportRates />
        </div>
      )}
      <section className="panel" aria-labelledby="rates-title">
        <div className="panel-head">
          <h2 id="rates-title">Rates</h2>
          {currencies.length > 1 && (
            <form
              className="filters compact-filters"
              onSubmit={(e) => e.preventDefault()}
              aria-label="Filter"
            >
              <Field label="Currency">
                <select
                  value={filters.currency}
                  onChange={(e) => {
                    setFilter('currency', e.target.value);
                    setLimit(PAGE);
                  }}
                >
                  <option value="">All</option>
                  {currencies.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </Field>
            </form>
          )}
        </div>
        <ErrorBanner error={rates.error} />
        {rates.isPending ? (
          <p role="status">Loading rates…</p>
        ) : shown.length === 0 ? (
          <Empty>
            No exchange rates yet. Amounts in other currencies stay out of the totals until one is set.
          </Empty>
        ) : (
          <>
            <table className="grid compact" data-testid="rates-table">
              <caption className="sr-only">Exchange rates into {base}, newest first per currency</caption>
              <thead>
                <tr>
                  <th scope="col">Currency</th>
                  <th scope="col">Date</th>
                  <th scope="col" className="num">
                    Rate ({base})
                  </th>
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {shown.slice(0, limit).map((r) => (
                  <tr key={`${r.currency}:${r.rate_date}`} data-testid="rate-row">
                    <th scope="row" className="mono">
                      {r.currency}
                    </th>
                    <td>{fmtDate(r.rate_date)}</td>
                    <td className="num mono">{r.rate}</td>
                    <td className="muted">{r.source ?? 'entered'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="load-more">
              <span className="muted" role="status">
                {Math.min(limit, shown.length)} of {shown.length} shown
              </span>
              {shown.length > limit && (
                <button type="button" onClick={() => setLimit(limit + PAGE * 5)}>
                  Show more
                </button>
              )}
            </div>
          </>
        )}
      </section>
    </section>
  );
}

const RATE_FIELDS = ['currency', 'rate_date', 'rate'];

function AddRate({ base }: { base: string }) {
  const client = useQueryClient();
  const { today } = useSession();
  const [d, setD] = useState({ currency: '', rate_date: today(), rate: '' });
  const [saved, setSaved] = useState<ExchangeRateBody | null>(null);
  const save = useMutation({
    mutationFn: (rate: ExchangeRateBody) =>
      api.post<{ saved: number }>('/exchange-rates', { rates: [rate] }).then(() => rate),
    onSuccess: (rate) => {
      setSaved(rate);
      setD({ ...d, rate: '' });
      afterRatesChanged(client);
    },
  });
  // One rate is sent as rates[0]; the server names its fields "rates.0.rate".
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrorsOf(save.error))) {
    const m = /^rates\.0\.(\w+)$/.exec(field);
    if (m) errors[m[1]!] = message;
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    save.mutate({ currency: d.currency.trim().toUpperCase(), rate_date: d.rate_date, rate: d.rate.trim() });
  };
  return (
    <section className="panel" aria-labelledby="add-rate-title">
      <h2 id="add-rate-title">Add a rate</h2>
      <form onSubmit={submit} className="form-grid rate-form" noValidate>
        <Field label="Currency" error={errors.currency}>
          <input
            value={d.currency}
            onChange={(e) => setD({ ...d, currency: e.target.value.toUpperCase() })}
            list="currency-codes"
            maxLength={3}
            autoComplete="off"
            placeholder="USD"
            className="mono"
          />
        </Field>
        <Field label="Date" error={errors.rate_date}>
          <input
            type="date"
            value={d.rate_date}
            onChange={(e) => setD({ ...d, rate_date: e.target.value })}
          />
        </Field>
        <Field label={`Rate (${base})`} error={errors.rate}>
          <input
            inputMode="decimal"
            className="num"
            value={d.rate}
            onChange={(e) => setD({ ...d, rate: e.target.value })}
            placeholder="83.1245"
          />
        </Field>
        <datalist id="currency-codes">
          {CURRENCIES.filter((c) => c !== base).map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <div className="form-actions wide">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save rate'}
          </button>
        </div>
      </form>
      {needsBanner(save.error, errors, (f) => RATE_FIELDS.includes(f)) && <ErrorBanner error={save.error} />}
      {saved && !save.error && (
        <p className="banner ok" role="status">
          Saved: 1 {saved.currency} = {saved.rate} {base} on {fmtDate(saved.rate_date)}.
        </p>
      )}
    </section>
  );
}

function ImportRates() {
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const [done, setDone] = useState<{ name: string; saved: number } | null>(null);
  // A check runs as soon as a file is chosen: a file with bad lines is a report, not a failure,
  // and nothing is saved until the person asks with a clean file.
  const check = useMutation({
    mutationFn: (f: { name: string; csv: string }) =>
      api.post<RateImportResult>('/exchange-rates/import', { csv: f.csv, dry_run: true }),
  });
  const run = useMutation({
    mutationFn: (f: { name: string; csv: string }) =>
      api.post<RateImportResult>('/exchange-rates/import', { csv: f.csv, dry_run: false }),
    onSuccess: (result, f) => {
      if (result.errors.length === 0) {
        setDone({ name: f.name, saved: result.saved });
        setFile(null);
        check.reset();
        if (input.current) input.current.value = '';
        afterRatesChanged(client);
      }
    },
  });
  // The import re-checks on the server; if the rates changed meanwhile its errors are the ones to show.
  const report = run.data && run.data.errors.length > 0 ? run.data : check.data;

  const choose = async (picked: File | null) => {
    setDone(null);
    run.reset();
    check.reset();
    if (!picked) {
      setFile(null);
      return;
    }
    const f = { name: picked.name, csv: await picked.text() };
    setFile(f);
    check.mutate(f);
  };

  const fileError = check.error ?? run.error;
  return (
    <section className="panel" aria-labelledby="import-rates-title" data-testid="rates-import">
      <h2 id="import-rates-title">Import a CSV</h2>
      <p className="muted small">
        A header row and the columns <span className="mono">currency</span>,{' '}
        <span className="mono">date</span> (YYYY-MM-DD) and <span className="mono">rate</span>, in any order.
        Any bad line and nothing is saved.
      </p>
      <div className="field">
        <label className="field-label" htmlFor="rates-file">
          CSV file
        </label>
        <input
          id="rates-file"
          ref={input}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
        />
      </div>
      <ErrorBanner error={fileError} />
      {check.isPending && <p role="status">Checking {file?.name}…</p>}
      {file && report && (
        <div data-testid="rates-import-report">
          {report.errors.length > 0 ? (
            <>
              <p className="banner error" role="alert">
                {report.errors.length} {report.errors.length === 1 ? 'line needs' : 'lines need'} fixing in{' '}
                {file.name}; nothing was saved. Fix the file and choose it again.
              </p>
              <div className="grid-scroll short">
                <table className="grid compact" data-testid="rates-import-errors">
                  <caption className="sr-only">Lines with problems</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        Line
                      </th>
                      <th scope="col">Column</th>
                      <th scope="col">Problem</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.errors.map((e) => (
                      <tr key={`${e.line}:${e.column}`} data-testid="rates-import-error">
                        <td className="num">{e.line}</td>
                        <td className="mono">{e.column}</td>
                        <td>{e.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <div className="form-actions">
              <span role="status">
                {report.rows} {report.rows === 1 ? 'rate' : 'rates'} in {file.name}, no problems.
              </span>
              <button
                type="button"
                className="primary"
                disabled={run.isPending || report.rows === 0}
                onClick={() => run.mutate(file)}
              >
                {run.isPending
                  ? 'Importing…'
                  : `Import ${report.rows} ${report.rows === 1 ? 'rate' : 'rates'}`}
              </button>
            </div>
          )}
        </div>
      )}
      {done && (
        <p className="banner ok" role="status" data-testid="rates-import-done">
          Saved {done.saved} {done.saved === 1 ? 'rate' : 'rates'} from {done.name}.
        </p>
      )}
    </section>
  );
}
