import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { compactMoney } from '../aging/chartFormat.ts';
import { monthLabel } from '../dashboard/DashboardCharts.tsx';
import { fmtMoney } from '../lib/money.tsx';
import type { PaymentBehaviourT } from '../lib/types.ts';

type Month = PaymentBehaviourT['months'][number];

const SERIES_ORDER = ['invoiced', 'paid', 'delay'];

/** The 24 calendar months ending with as_of's month; the API lists only months that had activity. */
export function lastMonths(asOf: string, count = 24): string[] {
  const [y, m] = asOf.split('-').map(Number);
  const end = y! * 12 + (m! - 1);
  return Array.from({ length: count }, (_, i) => {
    const index = end - (count - 1) + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

const days = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)} days`);

/**
 * Invoiced and paid per month as bars on a money axis; the month's average delay (of what was
 * paid in it) as a line on a days axis. Bar heights are plain numbers for geometry only; the
 * tooltip and the text alternative read the exact decimal strings.
 */
export function PaymentBehaviourChart({ behaviour }: { behaviour: PaymentBehaviourT }) {
  const currency = behaviour.currency;
  const byMonth = new Map(behaviour.months.map((m) => [m.month, m]));
  const data = lastMonths(behaviour.as_of).map((month) => {
    const m = byMonth.get(month);
    return {
      name: monthLabel(month),
      invoiced: m ? Number(m.invoiced) : 0,
      paid: m ? Number(m.paid) : 0,
      delay: m?.average_delay_days ?? null,
      exact: m ?? null,
    };
  });
  const active = data.filter((d) => d.exact).map((d) => ({ ...d.exact!, name: d.name }));
  const summary = active
    .map(
      (m) =>
        `${m.name}: invoiced ${fmtMoney(m.invoiced, currency)}, paid ${fmtMoney(m.paid, currency)}${
          m.average_delay_days === null
            ? ''
            : m.average_delay_days < 0
              ? `, ${days(-m.average_delay_days)} early on average`
              : `, ${days(m.average_delay_days)} late on average`
        }`,
    )
    .join('; ');
  return (
    <figure className="chart" data-testid="behaviour-chart">
      <figcaption className="field-label">Last 24 months: invoiced, paid and average delay</figcaption>
      <div
        role="img"
        aria-label={`Invoiced and paid per month with the average payment delay. ${summary || 'No activity.'}`}
      >
        <ResponsiveContainer width="100%" height={280}>
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid vertical={false} stroke="#e6e9ee" />
            <XAxis dataKey="name" fontSize={11} tickLine={false} interval="preserveStartEnd" />
            <YAxis
              yAxisId="money"
              tickFormatter={(v: number) => compactMoney(v, currency)}
              fontSize={11}
              width={64}
            />
            <YAxis
              yAxisId="days"
              orientation="right"
              fontSize={11}
              width={44}
              allowDecimals={false}
              tickFormatter={(v: number) => `${v}d`}
            />
            <Tooltip
              itemSorter={(item) => SERIES_ORDER.indexOf(String(item.dataKey))}
              formatter={(_v, name, item) => {
                const m = (item.payload as { exact?: Month | null } | undefined)?.exact;
                if (item.dataKey === 'delay') return [days(m?.average_delay_days), String(name)];
                const value = item.dataKey === 'invoiced' ? m?.invoiced : m?.paid;
                return [fmtMoney(value ?? '0', currency), String(name)];
              }}
            />
            <Legend
              wrapperStyle={{ fontSize: 12 }}
              itemSorter={(item) => SERIES_ORDER.indexOf(String(item.dataKey))}
            />
            <Bar
              yAxisId="money"
              dataKey="invoiced"
              name="Invoiced"
              fill="#9aa6b5"
              isAnimationActive={false}
            />
            <Bar yAxisId="money" dataKey="paid" name="Paid" fill="#2f5fb3" isAnimationActive={false} />
            <Line
              yAxisId="days"
              type="monotone"
              dataKey="delay"
              name="Average delay (days)"
              stroke="#c4661f"
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
