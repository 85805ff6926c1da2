import { Link, useNavigate } from 'react-router';
import { fmtDate } from '../lib/dates.ts';
import { Money, toMinor } from '../lib/money.tsx';
import type { AgingReportT, AgingRowT } from '../lib/types.ts';
import type { Drill, GroupBy } from './params.ts';
import { useGridKeys } from './useGridKeys.ts';

const GROUP_HEADING: Record<GroupBy, string> = {
  customer: 'Customer',
  collector: 'Collector',
  segment: 'Segment',
  currency: 'Currency',
  tenant: 'Company',
};

const TYPE_TITLE = {
  debit: 'invoices and debit notes',
  credit: 'unused credit notes',
  unapplied: 'unapplied receipts',
} as const;

type Amounts = Pick<AgingRowT, 'buckets' | 'total' | 'credits' | 'unapplied' | 'net' | 'currency'>;

/** Column c of a row: its amount, and the drill-down it opens (net mixes kinds, so it opens none). */
function column(report: AgingReportT, row: Amounts, c: number) {
  const n = report.buckets.length;
  if (c >= 1 && c <= n) {
    const bucket = c - 1;
    return {
      amount: row.buckets[bucket]!,
      drill: {
        bucket,
        type: 'debit' as const,
        what: `${report.buckets[bucket]!.label}, ${TYPE_TITLE.debit}`,
      },
    };
  }
  if (c === n + 1)
    return {
      amount: row.total,
      drill: { bucket: undefined, type: 'debit' as const, what: `all ${TYPE_TITLE.debit}` },
    };
  if (c === n + 2)
    return {
      amount: row.credits,
      drill: { bucket: undefined, type: 'credit' as const, what: TYPE_TITLE.credit },
    };
  if (c === n + 3)
    return {
      amount: row.unapplied,
      drill: { bucket: undefined, type: 'unapplied' as const, what: TYPE_TITLE.unapplied },
    };
  return { amount: row.net, drill: null };
}

export function AgingTable({
  report,
  onDrill,
  disabled,
}: {
  report: AgingReportT;
  onDrill: (drill: Drill, from: HTMLElement) => void;
  /** While the next report loads, the cells on screen belong to the old parameters. */
  disabled: boolean;
}) {
  const navigate = useNavigate();
  const n = report.buckets.length;
  const cols = n + 5;
  const totalsRow = report.rows.length;

  const drillFor = (r: number, c: number): Drill | null => {
    const isTotals = r === totalsRow;
    const row = isTotals ? report.totals : report.rows[r];
    if (!row) return null;
    const { amount, drill } = column(report, row, c);
    if (!drill || toMinor(amount, row.currency) === 0n) return null;
    const label = isTotals ? 'All rows' : report.rows[r]!.label;
    return {
      key: isTotals ? undefined : (report.rows[r]!.key ?? ''),
      bucket: drill.bucket,
      type: drill.type,
      title: `${label}: ${drill.what}`,
    };
  };

  const activate = (r: number, c: number, from: HTMLElement) => {
    if (disabled) return;
    if (c === 0) {
      const key = report.rows[r]?.key;
      if (report.by === 'customer' && key) navigate(`/customers/${key}`);
      return;
    }
    const drill = drillFor(r, c);
    if (drill) onDrill(drill, from);
  };

  const { gridProps, tabIndex } = useGridKeys(totalsRow + 1, cols, activate);

  const amountCells = (row: Amounts, r: number) =>
    Array.from({ length: n + 4 }, (_, i) => {
      const c = i + 1;
      const { amount } = column(report, row, c);
      const drillable = drillFor(r, c) !== null;
      return (
        // biome-ignore lint/a11y/useKeyWithClickEvents: the grid's own onKeyDown opens a cell on Enter or Space
        <td
          key={c}
          className={[
            'num',
            drillable ? 'drillable' : '',
            c === n + 4 ? 'net' : '',
            toMinor(amount, row.currency) === 0n ? 'zero' : '',
          ]
            .filter(Boolean)
            .join(' ')}
          data-r={r}
          data-c={c}
          tabIndex={tabIndex(r, c)}
          title={drillable ? 'Show the documents (Enter)' : undefined}
          onClick={(e) => activate(r, c, e.currentTarget)}
        >
          <Money value={amount} currency={row.currency} />
        </td>
      );
    });

  return (
    <div className="grid-scroll aging-scroll">
      <table
        className="grid aging-grid"
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an ARIA data grid: cells take focus and open their documents
        role="grid"
        aria-readonly="true"
        aria-busy={disabled}
        data-testid="aging-table"
        {...gridProps}
      >
        <caption className="sr-only">
          Aging as of {fmtDate(report.as_of)} by {GROUP_HEADING[report.by].toLowerCase()}. Arrow keys move
          between cells; Enter on an amount lists its documents.
        </caption>
        <thead>
          <tr>
            <th scope="col">{GROUP_HEADING[report.by]}</th>
            {report.buckets.map((b) => (
              <th key={b.key} scope="col" className="num">
                {b.label}
              </th>
            ))}
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col" className="num">
              Credits
            </th>
            <th scope="col" className="num">
              Unapplied
            </th>
            <th scope="col" className="num">
              Net
            </th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row, r) => (
            <tr key={row.key ?? ''} data-testid="aging-row">
              <th
                scope="row"
                data-r={r}
                data-c={0}
                tabIndex={tabIndex(r, 0)}
                className={report.by === 'customer' && row.key ? 'drillable' : ''}
              >
                {report.by === 'customer' && row.key ? (
                  <Link to={`/customers/${row.key}`} tabIndex={-1}>
                    {row.code && row.code !== row.label && <span className="mono">{row.code} </span>}
                    {row.label}
                  </Link>
                ) : (
                  row.label
                )}
              </th>
              {amountCells(row, r)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="aging-totals">
            <th scope="row" data-r={totalsRow} data-c={0} tabIndex={tabIndex(totalsRow, 0)}>
              Total{report.by === 'currency' ? ` (${report.base_currency})` : ''}
            </th>
            {amountCells(report.totals, totalsRow)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
