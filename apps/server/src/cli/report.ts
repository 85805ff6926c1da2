import { AgingQuery } from '@duely/contracts/aging';
import { KpiQuery } from '@duely/contracts/kpis';
import fs from 'node:fs';
import path from 'node:path';
import { Argument, type Command } from 'commander';
import { z } from 'zod';
import { systemCtx } from '../platform/context.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { agingReport } from '../modules/aging/aging.service.ts';
import { kpiReport } from '../modules/kpis/kpis.service.ts';
import { findCustomerByCode } from '../modules/customers/customers.repo.ts';
import { DailyExportQuery, MonthlyExportQuery, PACK_KINDS, type PackRequest, StatementExportQuery, WeeklyExportQuery, exportPack } from '../modules/reports/packs/index.ts';
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
  report
    .command('export')
    .description('a report as an XLSX, PDF or CSV file: daily collections, weekly or monthly pack, statement of account, aging')
    .addArgument(new Argument('<report>', 'which report').choices(PACK_KINDS))
    .option('--date <date>', "YYYY-MM-DD: the day (daily), the week's last day (weekly), as of (aging); default today")
    .option('--month <month>', 'YYYY-MM (monthly; default the running month)')
    .option('--customer <code>', 'customer code (statement)')
    .option('--from <date>', 'YYYY-MM-DD (statement)')
    .option('--to <date>', 'YYYY-MM-DD (statement)')
    .requiredOption('--format <format>', 'xlsx | pdf | csv')
    .requiredOption('--out <file>', 'file to write')
    .action(async (kind: (typeof PACK_KINDS)[number], o: ExportOptions) => {
      // Checked before the database opens: a typo should not cost a database start.
      const { format, request, customerCode } = exportRequest(kind, o);
      await withDatabase(async ({ database }) => {
        const opts = globals();
        const tenant = await tenantFor(database, opts);
        const ctx = systemCtx(tenant.id, 'cli');
        let customerId = '';
        if (customerCode !== null) {
          const customer = await findCustomerByCode(database.db, tenant.id, customerCode);
          if (!customer) throw new NotFoundError('customer', customerCode);
          customerId = customer.id;
        }
        const file = await exportPack(database.db, ctx, request(customerId), format);
        const out = path.resolve(o.out);
        fs.writeFileSync(out, file.body);
        print(opts, `Wrote ${out} (${file.body.length.toLocaleString('en-IN')} bytes)`, { report: kind, format, path: out, bytes: file.body.length, file_name: file.fileName });
      });
    });
  return report;
}

interface ExportOptions {
  date?: string;
  month?: string;
  customer?: string;
  from?: string;
  to?: string;
  format: string;
  out: string;
}

const OPTIONS_OF: Record<(typeof PACK_KINDS)[number], (keyof ExportOptions)[]> = {
  daily: ['date'],
  weekly: ['date'],
  aging: ['date'],
  monthly: ['month'],
  statement: ['customer', 'from', 'to'],
};

/** The CLI's options as the export routes' query, checked by the same schemas. */
function exportRequest(kind: (typeof PACK_KINDS)[number], o: ExportOptions) {
  for (const option of ['date', 'month', 'customer', 'from', 'to'] as const) {
    if (o[option] !== undefined && !OPTIONS_OF[kind].includes(option)) throw new ValidationError(`--${option}`, `does not apply to the ${kind} report`);
  }
  switch (kind) {
    case 'daily':
    case 'weekly':
    case 'aging': {
      const q = parseOptions(kind === 'weekly' ? WeeklyExportQuery : DailyExportQuery, { format: o.format, date: o.date });
      return { format: q.format, customerCode: null, request: (): PackRequest => ({ kind, date: q.date }) };
    }
    case 'monthly': {
      const q = parseOptions(MonthlyExportQuery, { format: o.format, month: o.month });
      return { format: q.format, customerCode: null, request: (): PackRequest => ({ kind, month: q.month }) };
    }
    case 'statement': {
      const schema = StatementExportQuery.omit({ customer_id: true }).extend({ customer: z.string({ error: 'give the customer code' }).trim().min(1, 'give the customer code') });
      const q = parseOptions(schema, { format: o.format, customer: o.customer, from: o.from, to: o.to });
      // The statement is asked for by customer code; the id is looked up once the database is open.
      return { format: q.format, customerCode: q.customer, request: (customerId: string): PackRequest => ({ kind, customerId, from: q.from, to: q.to }) };
    }
  }
}
