import { Bar, BarChart, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { fmtMoney, toMinor } from '../lib/money.tsx';

/**
 * Balance and overdue against the credit limit. The chart needs plain numbers for geometry
 * only; every figure a person reads is formatted from the exact bigint.
 */
export function CreditGauge({
  balance,
  overdue,
  limit,
  currency,
}: {
  balance: string;
  overdue: string;
  limit: string | null;
  currency: string;
}) {
  const bal = toMinor(balance, currency);
  const od = toMinor(overdue, currency);
  const lim = limit === null ? null : toMinor(limit, currency);
  const used = lim && lim > 0n ? Number((bal * 1000n) / lim) / 10 : null;
  const over = lim !== null && bal > lim;
  const summary =
    lim === null
      ? `No credit limit. Balance ${fmtMoney(bal, currency)}, overdue ${fmtMoney(od, currency)}.`
      : `Balance ${fmtMoney(bal, currency)} of credit limit ${fmtMoney(lim, currency)} (${used?.toFixed(1)} % used), overdue ${fmtMoney(od, currency)}.`;
  const plot = (v: bigint) => Number(v);
  const data = [
    { name: 'Balance', value: Math.max(0, plot(bal)), fill: over ? '#b42318' : '#2f5fb3' },
    { name: 'Overdue', value: Math.max(0, plot(od)), fill: '#c4661f' },
  ];
  const max = Math.max(plot(lim ?? 0n), plot(bal), plot(od), 1) * 1.08;
  return (
    <figure className="gauge" data-testid="credit-gauge">
      <figcaption>
        <span className="field-label">Credit used</span>{' '}
        <strong className={over ? 'overdue' : ''}>
          {used === null ? 'no limit set' : `${used.toFixed(1)} %`}
        </strong>
        {over && <span className="badge badge-risk-critical">Over limit</span>}
      </figcaption>
      <div role="img" aria-label={summary}>
        <BarChart
          width={300}
          height={108}
          data={data}
          layout="vertical"
          margin={{ top: 16, right: 24, bottom: 4, left: 4 }}
        >
          <XAxis type="number" domain={[0, max]} hide />
          <YAxis type="category" dataKey="name" width={64} tickLine={false} axisLine={false} fontSize={12} />
          <Tooltip
            formatter={(_v, name) => [
              name === 'Balance' ? fmtMoney(bal, currency) : fmtMoney(od, currency),
              String(name),
            ]}
            cursor={false}
          />
          <Bar dataKey="value" isAnimationActive={false} barSize={16}>
            {data.map((d) => (
              <Cell key={d.name} fill={d.fill} />
            ))}
          </Bar>
          {lim !== null && (
            <ReferenceLine
              x={plot(lim)}
              stroke="#222"
              strokeDasharray="4 3"
              label={{ value: 'Limit', position: 'top', fontSize: 11 }}
            />
          )}
        </BarChart>
      </div>
      <p className="sr-only">{summary}</p>
    </figure>
  );
}
