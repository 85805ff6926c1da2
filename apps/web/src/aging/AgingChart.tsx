import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { fmtMoney, toMinor } from '../lib/money.tsx';
import type { AgingReportT, AgingRowT } from '../lib/types.ts';
import { bucketColours, compactMoney } from './chartFormat.ts';

/** Youngest bucket first, as in the table; recharts would sort the labels alphabetically. */
const bucketOrder = (item: { dataKey?: unknown }) => Number(String(item.dataKey ?? '').slice(1));

/**
 * The ten largest rows, their buckets stacked. Bars need plain numbers for geometry only; what a
 * person reads (tooltip, text alternative) is formatted from the exact decimal strings.
 */
export function AgingChart({ report }: { report: AgingReportT }) {
  const top = [...report.rows]
    .sort((a, b) => Number(b.total) - Number(a.total))
    .filter((r) => toMinor(r.total, r.currency) > 0n)
    .slice(0, 10);
  if (top.length === 0) return null;
  const currencies = new Set(top.map((r) => r.currency));
  if (currencies.size > 1) {
    return (
      <p className="muted small" data-testid="aging-chart-note">
        The rows are in different currencies, so they are not drawn on one scale.
      </p>
    );
  }
  const currency = top[0]!.currency;
  const colours = bucketColours(report.buckets.length);
  const data = top.map((row) => {
    // The row rides along so a tooltip reads its exact amounts from the datum it is given.
    const datum: Record<string, unknown> = {
      row,
      name: row.code && row.code !== row.label ? `${row.code} ${row.label}` : row.label,
    };
    row.buckets.forEach((amount, i) => {
      datum[`b${i}`] = Math.max(0, Number(amount));
    });
    return datum;
  });
  const summary = top.map((row) => `${row.label}: ${fmtMoney(row.total, currency)}`).join('; ');
  const height = 60 + top.length * 30;
  return (
    <figure className="chart" data-testid="aging-chart">
      <figcaption className="field-label">Largest {top.length} by total, per bucket</figcaption>
      <div role="img" aria-label={`Aging of the largest rows. ${summary}`}>
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 4 }}>
            <CartesianGrid horizontal={false} stroke="#e6e9ee" />
            <XAxis type="number" tickFormatter={(v: number) => compactMoney(v, currency)} fontSize={11} />
            <YAxis
              type="category"
              dataKey="name"
              width={200}
              tickLine={false}
              fontSize={11}
              tickFormatter={(v: string) => (v.length > 30 ? `${v.slice(0, 29)}…` : v)}
            />
            <Tooltip
              itemSorter={bucketOrder}
              formatter={(_value, name, item) => {
                const bucket = Number(String(item.dataKey ?? '').slice(1));
                const row = (item.payload as { row?: AgingRowT } | undefined)?.row;
                return [fmtMoney(row?.buckets[bucket] ?? null, currency), String(name)];
              }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={bucketOrder} />
            {report.buckets.map((b, i) => (
              <Bar
                key={b.key}
                dataKey={`b${i}`}
                name={b.label}
                stackId="aging"
                fill={colours[i]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
