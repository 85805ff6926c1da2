import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { bucketColours, compactMoney } from '../aging/chartFormat.ts';
import { fmtMoney } from '../lib/money.tsx';
import type { CollectorRowT, DashboardT, KpiMonthT } from '../lib/types.ts';

// Charts need plain numbers for geometry only; every figure a person reads (tooltips, text
// alternatives) is formatted from the exact decimal strings.

export function AgingBars({ aging, currency }: { aging: DashboardT['aging']; currency: string }) {
  const colours = bucketColours(aging.length);
  const data = aging.map((b) => ({ name: b.label, value: Number(b.amount), exact: b.amount }));
  const summary = aging.map((b) => `${b.label}: ${fmtMoney(b.amount, currency)}`).join('; ');
  return (
    <div role="img" aria-label={`Open receivables by age. ${summary}`} data-testid="aging-bars">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} stroke="#e6e9ee" />
          <XAxis dataKey="name" fontSize={12} tickLine={false} />
          <YAxis tickFormatter={(v: number) => compactMoney(v, currency)} fontSize={11} width={64} />
          <Tooltip
            formatter={(_v, _n, item) => [
              fmtMoney((item.payload as { exact?: string } | undefined)?.exact ?? null, currency),
              'Open',
            ]}
            cursor={{ fill: '#f0f3f7' }}
          />
          <Bar dataKey="value" isAnimationActive={false}>
            {data.map((d, i) => (
              <Cell key={d.name} fill={colours[i]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

const MONTH = new Intl.DateTimeFormat('en-IN', { month: 'short', year: '2-digit', timeZone: 'UTC' });

/** "2025-04" → "Apr 25". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return MONTH.format(new Date(Date.UTC(y!, m! - 1, 1)));
}

// Recharts sorts legend and tooltip entries by name unless told otherwise; keep the drawing order.
const SERIES_ORDER = ['dso', 'bpdso', 'cei', 'target', 'collected'];

const days = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)} days`);
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)} %`);

/**
 * DSO (countback) and best possible DSO share a days axis; the gap between them is the average
 * days delinquent. CEI is a percentage, so it gets its own axis on the right.
 */
export function KpiTrend({ months }: { months: KpiMonthT[] }) {
  const data = months.map((m) => ({
    name: monthLabel(m.month),
    dso: m.dso_countback,
    bpdso: m.bpdso,
    cei: m.cei,
  }));
  const last = months.at(-1);
  const summary = last
    ? `Latest month ${monthLabel(last.month)}: DSO ${days(last.dso_countback)}, best possible DSO ${days(last.bpdso)}, CEI ${pct(last.cei)}.`
    : 'No months.';
  const ceiMax = Math.max(100, ...months.map((m) => Math.ceil(m.cei ?? 0)));
  return (
    <div
      role="img"
      aria-label={`DSO, best possible DSO and CEI over ${months.length} months. ${summary}`}
      data-testid="kpi-trend"
    >
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} stroke="#e6e9ee" />
          <XAxis dataKey="name" fontSize={11} tickLine={false} />
          <YAxis
            yAxisId="days"
            fontSize={11}
            width={44}
            allowDecimals={false}
            label={{ value: 'days', angle: -90, position: 'insideLeft', fontSize: 11, fill: '#5b6675' }}
          />
          <YAxis
            yAxisId="pct"
            orientation="right"
            domain={[0, ceiMax]}
            tickFormatter={(v: number) => `${v}%`}
            fontSize={11}
            width={44}
          />
          <Tooltip
            itemSorter={(item) => SERIES_ORDER.indexOf(String(item.dataKey))}
            formatter={(value, name) => [
              name === 'CEI' ? pct(value as number | null) : days(value as number | null),
              String(name),
            ]}
          />
          <Legend
            wrapperStyle={{ fontSize: 12 }}
            itemSorter={(item) => SERIES_ORDER.indexOf(String(item.dataKey))}
          />
          <Line
            yAxisId="days"
            type="monotone"
            dataKey="dso"
            name="DSO (countback)"
            stroke="#2f5fb3"
            strokeWidth={2}
            dot={{ r: 2 }}
            isAnimationActive={false}
          />
          <Line
            yAxisId="days"
            type="monotone"
            dataKey="bpdso"
            name="Best possible DSO"
            stroke="#1d7a46"
            strokeDasharray="5 3"
            strokeWidth={2}
            dot={{ r: 2 }}
            isAnimationActive={false}
          />
          <Line
            yAxisId="pct"
            type="monotone"
            dataKey="cei"
            name="CEI"
            stroke="#c4661f"
            strokeWidth={2}
            dot={{ r: 2 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <p className="muted small">{summary}</p>
    </div>
  );
}

export function LeaderboardBars({ collectors, currency }: { collectors: CollectorRowT[]; currency: string }) {
  const data = collectors.map((c) => ({
    name: c.name,
    target: c.target === null ? 0 : Number(c.target),
    collected: Number(c.collected),
    rate: c.rate === null ? '' : `${c.rate.toFixed(0)} %`,
    exact: c,
  }));
  const summary = collectors
    .map(
      (c) =>
        `${c.name}: collected ${fmtMoney(c.collected, currency)}${
          c.target === null ? ', no target' : ` of ${fmtMoney(c.target, currency)} (${pct(c.rate)})`
        }`,
    )
    .join('; ');
  return (
    <div role="img" aria-label={`Collected against target. ${summary}`} data-testid="leaderboard-bars">
      <ResponsiveContainer width="100%" height={50 + collectors.length * 44}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 4 }} barGap={2}>
          <CartesianGrid horizontal={false} stroke="#e6e9ee" />
          <XAxis type="number" tickFormatter={(v: number) => compactMoney(v, currency)} fontSize={11} />
          <YAxis type="category" dataKey="name" width={140} fontSize={12} tickLine={false} />
          <Tooltip
            itemSorter={(item) => SERIES_ORDER.indexOf(String(item.dataKey))}
            formatter={(_v, name, item) => {
              const row = (item.payload as { exact?: CollectorRowT } | undefined)?.exact;
              if (!row) return ['', String(name)];
              const value = item.dataKey === 'target' ? row.target : row.collected;
              return [value === null ? 'No target' : fmtMoney(value, currency), String(name)];
            }}
          />
          <Legend
            wrapperStyle={{ fontSize: 12 }}
            itemSorter={(item) => SERIES_ORDER.indexOf(String(item.dataKey))}
          />
          <Bar dataKey="target" name="Target" fill="#c4ccd6" barSize={12} isAnimationActive={false} />
          <Bar dataKey="collected" name="Collected" fill="#2f5fb3" barSize={12} isAnimationActive={false}>
            <LabelList dataKey="rate" position="right" fontSize={11} fill="#1c2430" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
