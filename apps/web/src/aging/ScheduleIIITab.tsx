import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { fmtDate } from '../lib/dates.ts';
import { ErrorBanner } from '../lib/forms.tsx';
import { Money } from '../lib/money.tsx';
import type { ScheduleIIIT } from '../lib/types.ts';
import { MissingRates } from './MissingRates.tsx';

/**
 * Trade receivables ageing as the Companies Act's Schedule III asks for it in the balance sheet
 * notes: outstanding from the due date, in the fixed bands, split disputed/undisputed and
 * good/doubtful.
 */
export function ScheduleIIITab({ asOf }: { asOf: string }) {
  const report = useQuery({
    queryKey: ['aging-schedule-iii', asOf],
    queryFn: ({ signal }) => api.get<ScheduleIIIT>('/aging/schedule-iii', { as_of: asOf }, signal),
    placeholderData: keepPreviousData,
  });
  const s = report.data;
  if (!s) {
    return report.isPending ? (
      <p role="status">Loading Schedule III…</p>
    ) : (
      <ErrorBanner error={report.error} />
    );
  }
  return (
    <div className="schedule-iii">
      <ErrorBanner error={report.error} />
      <MissingRates currencies={s.missing_rates} asOf={s.as_of} />
      <div className="grid-scroll">
        <table className="grid" data-testid="schedule-iii" aria-busy={report.isPlaceholderData}>
          <caption>
            Trade receivables ageing schedule as at {fmtDate(s.as_of)}: outstanding for the following periods
            from the due date of payment ({s.currency})
          </caption>
          <thead>
            <tr>
              <th scope="col">Particulars</th>
              {s.columns.map((c) => (
                <th key={c.key} scope="col" className="num">
                  {c.label}
                </th>
              ))}
              <th scope="col" className="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {s.rows.map((row) => (
              <tr key={row.key} data-testid="schedule-iii-row">
                <th scope="row">{row.label}</th>
                {row.amounts.map((amount, i) => (
                  <td key={s.columns[i]?.key ?? i} className="num">
                    <Money value={amount} currency={s.currency} />
                  </td>
                ))}
                <td className="num">
                  <Money value={row.total} currency={s.currency} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="schedule-iii-totals">
              <th scope="row">Total</th>
              {s.totals.map((amount, i) => (
                <td key={s.columns[i]?.key ?? i} className="num">
                  <Money value={amount} currency={s.currency} />
                </td>
              ))}
              <td className="num">
                <Money value={s.total} currency={s.currency} />
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
