/**
 * Aging + KPIs at scale: a generator writes 100,000 customers, 1.3M invoices (1M still open, some
 * partly paid), 400k receipts with their allocations and 1.7M AR journal lines; then the aging
 * report (per customer, with credits and unapplied cash) and the month's KPIs are timed as of
 * today and as of 90 days ago, beside hand-written single-scan SQL over the same rows.
 *
 *   node --import tsx bench/aging.bench.ts [--customers N] [--invoices N] [--no-pglite]
 *
 * PostgreSQL runs against a fresh database `duely_bench`; PGlite in a child process (its peak RSS
 * is its own) on a fresh data directory. Results: bench/results/aging.json.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays, todayIn } from '@duely/domain';
import { type RawBuilder, sql } from 'kysely';
import { agingReport } from '../apps/server/src/modules/aging/aging.service.ts';
import { createTenant } from '../apps/server/src/modules/identity/identity.service.ts';
import { kpiReport } from '../apps/server/src/modules/kpis/kpis.service.ts';
import { systemCtx } from '../apps/server/src/platform/context.ts';
import { type Database, type Db, openDatabase } from '../apps/server/src/platform/db.ts';
import { migrate } from '../apps/server/src/platform/migrate.ts';
import { machine, withPeakRss } from './machine.ts';
import { benchPgUrl, freshPgDatabase } from './pg.ts';

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), '..');
const RUNS = 7;

interface Scale {
  customers: number;
  invoices: number;
}

interface EngineResult {
  engine: 'postgres' | 'pglite';
  generate_seconds: number;
  rows: Record<string, number>;
  peak_rss_mb: number;
  timings: Record<string, { ours_ms: number; baseline_ms: number; ratio: number }>;
}

/**
 * A time-ordered uuid (v7 layout) for a row created on `date`: the app's ids are UUIDv7, so rows
 * created together sit together in the primary-key index, as they do here.
 */
const v7At = (date: RawBuilder<unknown>, seq: RawBuilder<unknown>) => sql`(
  lpad(to_hex((extract(epoch from ${date}::timestamp) * 1000)::bigint + (${seq}) % 86400000), 12, '0') || '7'
  || substr(md5((${seq})::text), 1, 3) || to_hex(8 + (${seq}) % 4) || substr(md5((${seq})::text || 'b'), 1, 15))::uuid`;

/**
 * Writes the dataset with set-based SQL: the point is the read side, and the import path is
 * benchmarked on its own (import-invoices.bench.ts). 3 in 13 invoices are paid in full, 1 in 13
 * half paid; receipts land 0–59 days after issue; terms are 30 days. Rows go in in date order
 * with time-ordered ids, as a ledger that grew day by day has them, and every entry is balanced
 * (AR against REVENUE, BANK against AR), so `duely verify` holds on the result.
 */
async function generate(db: Db, tenantId: string, scale: Scale, today: string) {
  await sql`
    insert into customers (tenant_id, id, code, name, kind, state_code, currency, risk_class, time_zone)
    select ${tenantId}::uuid, gen_random_uuid(), 'C' || lpad(g::text, 7, '0'), 'Customer ' || g,
      case when g % 4 = 0 then 'b2c' else 'b2b' end, '24', 'INR',
      (array['low', 'medium', 'high', 'critical'])[1 + g % 4], 'Asia/Kolkata'
    from generate_series(1, ${scale.customers}) g`.execute(db);
  await sql`create temporary table bench_customers as
    select row_number() over (order by code) as n, id from customers where tenant_id = ${tenantId}`.execute(db);
  await sql`
    insert into invoices (tenant_id, id, kind, number, customer_id, issue_date, due_date, currency, supply_type,
      taxable_amount, total, open_amount)
    select ${tenantId}::uuid, ${v7At(sql`d.issue`, sql`g`)}, 'invoice', 'INV-' || g, c.id, d.issue, d.issue + 30, 'INR', 'none',
      t.total, t.total, case when g % 13 < 3 then 0 when g % 13 = 3 then t.total - t.total / 2 else t.total end
    from generate_series(1, ${scale.invoices}) g
    cross join lateral (select (${today}::date - (g % 540))::date as issue) d
    cross join lateral (select (100000 + (g::bigint * 7919) % 9900000)::bigint as total) t
    join bench_customers c on c.n = 1 + g % ${scale.customers}
    order by d.issue, g`.execute(db);
  await sql`
    create temporary table bench_paid as
    select i.id as invoice_id, i.customer_id, p.paid_on, ${v7At(sql`p.paid_on`, sql`p.seq`)} as receipt_id,
      ${v7At(sql`p.paid_on`, sql`p.seq + 1`)} as allocation_id, i.total - i.open_amount as amount, i.number
    from invoices i
    cross join lateral (select least(i.issue_date + (i.total % 60)::int, ${today}::date) as paid_on,
      ('x' || substr(md5(i.number), 1, 12))::bit(48)::bigint * 2 as seq) p
    where i.tenant_id = ${tenantId} and i.open_amount < i.total`.execute(db);
  await sql`
    insert into receipts (tenant_id, id, number, customer_id, receipt_date, currency, amount, unapplied_amount, method, reference)
    select ${tenantId}::uuid, receipt_id, 'RCT-' || row_number() over (order by paid_on, receipt_id), customer_id, paid_on, 'INR', amount, 0, 'neft', 'UTR' || receipt_id
    from bench_paid order by paid_on, receipt_id`.execute(db);
  await sql`
    insert into allocations (tenant_id, id, allocation_date, receipt_id, invoice_id, source_date, invoice_issue_date, amount)
    select ${tenantId}::uuid, allocation_id, p.paid_on, p.receipt_id, p.invoice_id, p.paid_on, i.issue_date, p.amount
    from bench_paid p join invoices i on i.tenant_id = ${tenantId} and i.id = p.invoice_id
    order by p.paid_on, p.allocation_id`.execute(db);
  await sql`
    insert into journal_lines (tenant_id, entry_id, line_no, entry_date, source_type, source_id, account, customer_id, currency, debit, credit, memo)
    select ${tenantId}::uuid, entry_id, line_no, entry_date, source_type, source_id, account, customer_id, 'INR', debit, credit, 'bench' from (
      select id as entry_id, 1 as line_no, issue_date as entry_date, 'invoice' as source_type, id as source_id, 'AR' as account,
        customer_id, total as debit, 0 as credit from invoices where tenant_id = ${tenantId}
      union all
      select id, 2, issue_date, 'invoice', id, 'REVENUE', null, 0, total from invoices where tenant_id = ${tenantId}
      union all
      select receipt_id, 1, paid_on, 'receipt', receipt_id, 'BANK', null, amount, 0 from bench_paid
      union all
      select receipt_id, 2, paid_on, 'receipt', receipt_id, 'AR', customer_id, 0, amount from bench_paid
    ) lines order by entry_date, entry_id, line_no`.execute(db);
  await sql`drop table bench_customers`.execute(db);
  await sql`drop table bench_paid`.execute(db);
  // What autovacuum does to a table that has settled: statistics and the visibility map; then a
  // checkpoint, so the writes of the load are not being flushed while the reads are timed.
  await sql`vacuum analyze`.execute(db);
  await sql`checkpoint`.execute(db);
  const count = async (table: string) =>
    Number((await sql<{ n: bigint }>`select count(*) as n from ${sql.table(table)} where tenant_id = ${tenantId}`.execute(db)).rows[0]!.n);
  const open = Number((await sql<{ n: bigint }>`select count(*) as n from invoices where tenant_id = ${tenantId} and open_amount > 0`.execute(db)).rows[0]!.n);
  return {
    customers: await count('customers'),
    invoices: await count('invoices'),
    open_invoices: open,
    receipts: await count('receipts'),
    allocations: await count('allocations'),
    journal_lines: await count('journal_lines'),
  };
}

/**
 * The baseline a DBA would write for the same answer: one scan of the documents, open amounts as
 * of the date from the allocations, summed per customer and bucket — without credits, unapplied
 * cash, names, currencies or drill-down keys.
 */
async function baselineAging(db: Db, tenantId: string, asOf: string, useOpenAmount: boolean) {
  if (useOpenAmount) {
    return sql`
      select customer_id, width_bucket(${asOf}::date - due_date, array[1, 31, 61, 91]) as bucket, sum(open_amount)
      from invoices where tenant_id = ${tenantId} and open_amount > 0 and issue_date <= ${asOf}::date
      group by 1, 2`.execute(db);
  }
  return sql`
    select i.customer_id, width_bucket(${asOf}::date - i.due_date, array[1, 31, 61, 91]) as bucket, sum(i.total - coalesce(a.paid, 0))
    from invoices i left join (
      select invoice_id, sum(amount + tds + bank_charges + discount + write_off) as paid from allocations
      where tenant_id = ${tenantId} and allocation_date <= ${asOf}::date and (reversed_on is null or reversed_on > ${asOf}::date)
      group by invoice_id
    ) a on a.invoice_id = i.id
    where i.tenant_id = ${tenantId} and i.issue_date <= ${asOf}::date and i.total > coalesce(a.paid, 0)
    group by 1, 2`.execute(db);
}

/** The month's KPI inputs by hand: sales, AR from the journal, and AR not yet due at month end. */
async function baselineKpis(db: Db, tenantId: string, monthStart: string, monthEnd: string) {
  await sql`select sum(total) from invoices where tenant_id = ${tenantId} and issue_date between ${monthStart}::date and ${monthEnd}::date`.execute(db);
  await sql`select sum(debit - credit) from journal_lines where tenant_id = ${tenantId} and account = 'AR' and entry_date <= ${monthEnd}::date`.execute(db);
  await sql`
    select sum(i.total - coalesce((select sum(a.amount) from allocations a where a.tenant_id = ${tenantId} and a.invoice_id = i.id and a.allocation_date <= ${monthEnd}::date), 0))
    from invoices i where i.tenant_id = ${tenantId} and i.issue_date <= ${monthEnd}::date and i.due_date >= ${monthEnd}::date`.execute(db);
}

/**
 * Medians of ours and the baseline, run turn about after a warm-up of each, so a machine that
 * gets busier or quieter during the run weighs on both alike.
 */
async function compare(ours: () => Promise<unknown>, baseline: () => Promise<unknown>) {
  await ours(); // warm the cache and the plan
  await baseline();
  const times = { ours: [] as number[], baseline: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    for (const [name, fn] of [['ours', ours], ['baseline', baseline]] as const) {
      const started = performance.now();
      await fn();
      times[name].push(performance.now() - started);
    }
  }
  const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! * 10) / 10;
  const oursMs = median(times.ours);
  const baselineMs = median(times.baseline);
  return { ours_ms: oursMs, baseline_ms: baselineMs, ratio: Number((oursMs / baselineMs).toFixed(2)) };
}

async function runEngine(engine: 'postgres' | 'pglite', scale: Scale): Promise<EngineResult> {
  const dataDir = engine === 'pglite' ? mkdtempSync(join(tmpdir(), 'duely-bench-aging-')) : null;
  let database: Database | null = null;
  try {
    const { value, peakRssMb } = await withPeakRss(async () => {
      database = await openDatabase(engine === 'postgres' ? { databaseUrl: benchPgUrl() } : { dataDir: dataDir! });
      const db = database.db;
      await migrate(db);
      const tenant = await createTenant(db, { slug: 'bench', name: 'Bench' });
      const ctx = systemCtx(tenant.id, 'cli');
      const today = todayIn('Asia/Kolkata');
      const started = performance.now();
      const rows = await generate(db, tenant.id, scale, today);
      const generateSeconds = (performance.now() - started) / 1000;
      process.stderr.write(`  ${engine}: generated ${JSON.stringify(rows)} in ${generateSeconds.toFixed(1)} s\n`);

      const timings: EngineResult['timings'] = {};
      for (const [label, asOf] of [['today', today], ['90_days_ago', addDays(today, -90)]] as const) {
        const monthStart = `${asOf.slice(0, 7)}-01`;
        const aging = () => agingReport(db, ctx, { as_of: asOf, basis: 'due', by: 'customer', segment: 'kind' });
        const kpis = () => kpiReport(db, ctx, { from: monthStart, to: asOf, by: 'tenant', segment: 'kind' });
        const both = await compare(
          async () => {
            await aging();
            await kpis();
          },
          async () => {
            await baselineAging(db, tenant.id, asOf, label === 'today');
            await baselineKpis(db, tenant.id, monthStart, asOf);
          },
        );
        const agingAlone = await compare(aging, () => baselineAging(db, tenant.id, asOf, label === 'today'));
        timings[`aging_and_kpis_${label}`] = both;
        timings[`aging_${label}`] = agingAlone;
        process.stderr.write(`  ${engine} ${label}: aging+KPIs ${both.ours_ms} ms vs baseline ${both.baseline_ms} ms; aging ${agingAlone.ours_ms} ms vs ${agingAlone.baseline_ms} ms\n`);
      }
      return { rows, generateSeconds, timings };
    });
    return { engine, generate_seconds: Number(value.generateSeconds.toFixed(1)), rows: value.rows, peak_rss_mb: peakRssMb, timings: value.timings };
  } finally {
    await (database as Database | null)?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}


function inChild(engine: 'postgres' | 'pglite', scale: Scale): Promise<EngineResult> {
  return new Promise((resolve, reject) => {
    const child = fork(here, ['--engine', engine, String(scale.customers), String(scale.invoices)], { execArgv: ['--import', 'tsx', '--max-old-space-size=8192'] });
    child.once('message', (m) => resolve(m as EngineResult));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`${engine} exited with ${code}`)));
  });
}

export async function main(argv = process.argv.slice(2)) {
  const arg = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
  const scale = { customers: arg('--customers', 100_000), invoices: arg('--invoices', 1_300_000) };
  console.log(`aging: ${scale.customers.toLocaleString('en')} customers, ${scale.invoices.toLocaleString('en')} invoices`);
  const results: EngineResult[] = [];
  await freshPgDatabase();
  results.push(await inChild('postgres', scale));
  if (!argv.includes('--no-pglite')) results.push(await inChild('pglite', scale));
  for (const r of results) {
    for (const [name, t] of Object.entries(r.timings)) {
      console.log(`  ${r.engine.padEnd(8)} ${name.padEnd(26)} ${String(t.ours_ms).padStart(8)} ms  baseline ${String(t.baseline_ms).padStart(8)} ms  ${t.ratio}×`);
    }
    console.log(`  ${r.engine.padEnd(8)} peak RSS ${r.peak_rss_mb} MB, generated in ${r.generate_seconds} s`);
  }
  const report = {
    benchmark: 'aging report (per customer, credits and unapplied beside) + month KPIs, as of today and 90 days ago',
    date: new Date().toISOString(),
    scale,
    machine: machine(),
    note: `Median of ${RUNS} runs each after one warm-up, ours and the baseline taking turns, same process and database; 2-core machine, expect ±15 %. Data written in date order with time-ordered ids, vacuumed and checkpointed before timing. Baseline: hand-written single-scan SQL for the same buckets (today from the kept open amounts; the past date from a scan of every allocation), plus three KPI aggregates.`,
    goals: 'PostgreSQL: aging + KPIs < 1,000 ms and ≤ 1.5 × baseline; PGlite < 5,000 ms',
    engines: Object.fromEntries(results.map((r) => [r.engine, r])),
  };
  const out = join(root, 'bench/results/aging.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`  wrote ${out}`);
  return report;
}

const engineAt = process.argv.indexOf('--engine');
if (engineAt > 0) {
  const result = await runEngine(process.argv[engineAt + 1] as 'postgres' | 'pglite', { customers: Number(process.argv[engineAt + 2]), invoices: Number(process.argv[engineAt + 3]) });
  process.send?.(result);
  process.exit(0);
} else if (process.argv[1] === here) {
  await main();
}
