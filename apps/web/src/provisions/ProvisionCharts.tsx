import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { bucketColours, compactMoney } from '../aging/chartFormat.ts';
import { monthLabel } from '../dashboard/DashboardCharts.tsx';
import { fmtMoney, toMinor } from '../lib/money.tsx';
import type { ProvisionHistoryT, ProvisionReportT } from '../lib/types.ts';

// Geometry from plain numbers; every figure a person reads comes from the exact decimal strings.

const SEGMENT_COLOURS = ['#2f5fb3', '#c4661f', '#1d7a46', '#8a3ffc', '#b42318', '#5b6675'];

/** Matrix provision per bucket, stacked by segment when the matrix is split. */
export function ProvisionByBucket({ report }: { report: ProvisionReportT }) {
  const currency = report.currency;
  const segments = report.segments;
  const single = segments.length === 1;
  const colours = bucketColours(report.buckets.length);
  const totals = report.buckets.map((_, i) =>
    segments.reduce((sum, s) => sum + toMinor(s.provisions[i] ?? '0', currency), 0n),
  );
  const data = report.buckets.map((b, i) => {
    const datum: Record<string, unknown> = { name: b.label };
    segments.forEach((s, j) => {
      datum[`s${j}`] = Number(s.provisions[i] ?? 0);
    });
    return datum;
  });
  const summary = report.buckets.map((b, i) => `${b.label}: ${fmtMoney(totals[i]!, currency)}`).join('; ');
  return (
    <div role="img" aria-label={`Matrix provision by bucket. ${summary}`} data-testid="provision-bars">
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} stroke="#e6e9ee" />
          <XAxis dataKey="name" fontSize={12} tickLine={false} />
          <YAxis tickFormatter={(v: number) => compactMoney(v, currency)} fontSize={11} width={64} />
          <Tooltip
            cursor={{ fill: '#f0f3f7' }}
            itemSorter={(item) => Number(String(item.dataKey ?? '').slice(1))}
            formatter={(_v, name, item) => {
              const j = Number(String(item.dataKey ?? '').slice(1));
              const bucket = report.buckets.findIndex(
                (b) => b.label === (item.payload as { name?: string } | undefined)?.name,
              );
              return [fmtMoney(segments[j]?.provisions[bucket] ?? null, currency), String(name)];
            }}
          />
          {!single && (
            <Legend
              wrapperStyle={{ fontSize: 12 }}
              itemSorter={(item) => Number(String(item.dataKey ?? '').slice(1))}
            />
          )}
          {segments.map((s, j) => (
            <Bar
              key={s.key ?? 'all'}
              dataKey={`s${j}`}
              name={single ? 'Provision' : s.label}
              stackId="provision"
              fill={SEGMENT_COLOURS[j % SEGMENT_COLOURS.length]}
              isAnimationActive={false}
            >
              {single && data.map((d, i) => <Cell key={String(d.name)} fill={colours[i]} />)}
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

type HistoryMonth = ProvisionHistoryT['months'][number];

/** The allowance at each month end; the tooltip adds the balance and that month's charge or release. */
export function ProvisionHistoryChart({ history }: { history: ProvisionHistoryT }) {
  const currency = history.currency;
  const data = history.months.map((m) => ({ name: monthLabel(m.month), provision: Number(m.provision), m }));
  const last = history.months.at(-1);
  const summary = last
    ? `At ${monthLabel(last.month)}: ${fmtMoney(last.provision, currency)} on receivables of ${fmtMoney(last.balance, currency)}.`
    : 'No months.';
  return (
    <div
      role="img"
      aria-label={`Provision at each month end over ${history.months.length} months. ${summary}`}
      data-testid="provision-history"
    >
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} stroke="#e6e9ee" />
          <XAxis dataKey="name" fontSize={11} tickLine={false} />
          <YAxis tickFormatter={(v: number) => compactMoney(v, currency)} fontSize={11} width={64} />
          <Tooltip
            formatter={(_v, _name, item) => {
              const m = (item.payload as { m?: HistoryMonth } | undefined)?.m;
              if (!m) return ['', 'Provision'];
              const moved =
                toMinor(m.release, currency) > 0n
                  ? `, released ${fmtMoney(m.release, currency)}`
                  : `, charged ${fmtMoney(m.charge, currency)}`;
              return [
                `${fmtMoney(m.provision, currency)} (receivables ${fmtMoney(m.balance, currency)}${moved})`,
                'Provision',
              ];
            }}
          />
          <Line
            type="monotone"
            dataKey="provision"
            name="Provision"
            stroke="#b42318"
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
