import { AgingQuery } from '@duely/contracts/aging';
import { KpiQuery } from '@duely/contracts/kpis';
import type { Command } from 'commander';
import type { z } from 'zod';
import { systemCtx } from '../platform/context.ts';
import { ValidationError } from '../platform/errors.ts';
import { agingReport } from '../modules/aging/aging.service.ts';
import { kpiReport } from '../modules/kpis/kpis.service.ts';
import { type GlobalOptions, print, tenantFor, withDatabase } from './context.ts';

/** Options checked by the same zod schemas as the API, so the CLI and the API reject alike. */
function parseOptions<S extends z.ZodTypeAny>(schema: S, input: Record<string, unknown>): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = `--${String(issue.path[0] ?? 'option').replace(/_/g, '-')}`;
    throw new ValidationError(field, issue.message);
  }
  return result.data;
}

function table(headers: string[], rows: string[][]) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function registerReportCommands(program: Command, globals: () => GlobalOptions) {
  const report = program.command('report').description('aging, KPIs and management reports');

  report
    .command('aging')
    .description('aging of open items as of a date')
    .option('--as-of <date>', 'YYYY-MM-DD (default today)')
    .option('--basis <basis>', 'due | document', 'due')
    .option('--by <group>', 'customer | collector | segment | currency | tenant', 'customer')
    .option('--segment <segment>', 'kind | risk | region (with --by segment)', 'kind')
    .action((o: { asOf?: string; basis: string; by: string; segment: string }) =>
      withDatabase(async ({ database }) => {
        const opts = globals();
        const query = parseOptions(AgingQuery, { as_of: o.asOf, basis: o.basis, by: o.by, segment: o.segment });
        const tenant = await tenantFor(database, opts);
        const result = await agingReport(database.db, systemCtx(tenant.id, 'cli'), query);
        const headers = ['', ...result.buckets.map((b) => b.label), 'Total', 'Credits', 'Unapplied', 'Net'];
        const row = (label: string, r: (typeof result.rows)[number] | typeof result.totals) => [label, ...r.buckets, r.total, r.credits, r.unapplied, r.net];
        const human = [
          `Aging as of ${result.as_of} by ${result.basis === 'due' ? 'due date' : 'document date'}, per ${result.by} (${result.base_currency})`,
          table(headers, [...result.rows.map((r) => row(r.code ? `${r.code} ${r.label}` : r.label, r)), row('Total', result.totals)]),
          ...(result.missing_rates.length ? [`No exchange rate on or before ${result.as_of} for ${result.missing_rates.join(', ')}: left out of the totals.`] : []),
        ].join('\n');
        print(opts, human, result);
      }),
    );

  report
    .command('kpis')
    .description('DSO, best possible DSO, ADD and CEI per month')
    .requiredOption('--from <date>', 'YYYY-MM-DD')
    .requiredOption('--to <date>', 'YYYY-MM-DD')
    .option('--by <group>', 'tenant | collector | segment', 'tenant')
    .option('--segment <segment>', 'kind | risk | region (with --by segment)', 'kind')
    .action((o: { from: string; to: string; by: string; segment: string }) =>
      withDatabase(async ({ database }) => {
        const opts = globals();
        const query = parseOptions(KpiQuery, o);
        const tenant = await tenantFor(database, opts);
        const result = await kpiReport(database.db, systemCtx(tenant.id, 'cli'), query);
        const n = (v: number | null) => (v === null ? '—' : v.toFixed(2));
        const human = result.series
          .map((s) =>
            [
              `${s.label} (${result.currency}), CEI average ${n(s.cei_average)} %`,
              table(
                ['Month', 'Sales', 'Collected', 'Closing AR', 'Not due', 'DSO', 'DSO countback', 'BPDSO', 'ADD', 'CEI %'],
                s.months.map((m) => [m.month, m.credit_sales, m.collections, m.closing_ar, m.closing_current_ar, n(m.dso_simple), n(m.dso_countback), n(m.bpdso), n(m.add), n(m.cei)]),
              ),
            ].join('\n'),
          )
          .join('\n\n');
        print(opts, human, result);
      }),
    );
  return report;
}
