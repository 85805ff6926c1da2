/**
 * Import of an invoice register (default 1,000,000 rows) from CSV:
 *   - on PostgreSQL, beside a raw `COPY` of the same file into a bare table in the same run;
 *   - on PGlite (embedded, on disk), reporting rows/s and peak memory.
 *
 *   node --import tsx bench/import-invoices.bench.ts [--rows N]
 *
 * Each phase runs in its own child process (so peak RSS is its own) against a fresh database.
 * Results: bench/results/import-invoices.json.
 */
import { fork } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { systemCtx } from '../apps/server/src/platform/context.ts';
import { openDatabase } from '../apps/server/src/platform/db.ts';
import { migrate } from '../apps/server/src/platform/migrate.ts';
import { createTenant } from '../apps/server/src/modules/identity/identity.service.ts';
import { importFile } from '../apps/server/src/modules/imports/imports.files.ts';
import { verifyLedger } from '../apps/server/src/modules/ledger/ledger.service.ts';
import { generateInvoiceCsv } from './generators/invoices-csv.ts';
import { machine, withPeakRss } from './machine.ts';
import { benchPgUrl, freshPgDatabase } from './pg.ts';

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), '..');

type Phase = 'pg-copy' | 'pg-import' | 'pglite-import';
interface Measure {
  phase: Phase;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  detail: Record<string, unknown>;
}


async function runPhase(phase: Phase, csvPath: string, rows: number): Promise<Measure> {
  if (phase === 'pg-copy') {
    const client = new pg.Client({ connectionString: benchPgUrl() });
    await client.connect();
    await client.query(`create table raw_invoices (number text, customer_code text, customer_name text, invoice_date text, due_date text,
      currency text, taxable text, cgst text, sgst text, total text, balance text, po text)`);
    // Server-side COPY reads the file directly: the fastest way PostgreSQL has to load it.
    const { seconds, peakRssMb } = await withPeakRss(() => client.query(`copy raw_invoices from '${csvPath}' with (format csv, header true)`));
    await client.end();
    return { phase, rows, seconds, rowsPerSecond: Math.round(rows / seconds), peakRssMb, detail: {} };
  }
  const dataDir = phase === 'pglite-import' ? mkdtempSync(join(tmpdir(), 'duely-bench-pglite-')) : null;
  const database = await openDatabase(phase === 'pg-import' ? { databaseUrl: benchPgUrl() } : { dataDir: dataDir! });
  try {
    await migrate(database.db);
    const tenant = await createTenant(database.db, { slug: 'bench', name: 'Bench' });
    let lastLog = 0;
    const { value: report, seconds, peakRssMb } = await withPeakRss(() =>
      importFile(database.db, systemCtx(tenant.id, 'cli'), {
        kind: 'invoices',
        source: { path: csvPath, fileName: 'invoices.csv' },
        dryRun: false,
        createCustomers: true,
        onProgress: (p) => {
          if (performance.now() - lastLog > 10_000) {
            lastLog = performance.now();
            process.stderr.write(`  ${phase}: ${p.rows} rows, ${(p.fraction * 100).toFixed(0)} % of the file\n`);
          }
        },
      }),
    );
    if (report.status !== 'done') throw new Error(`${phase}: ${report.message} ${JSON.stringify(report.errors.slice(0, 3))}`);
    const verifyStarted = performance.now();
    const verified = await verifyLedger(database.db, tenant.id);
    process.stderr.write(`  ${phase}: ledger verified in ${((performance.now() - verifyStarted) / 1000).toFixed(1)} s\n`);
    return {
      phase,
      rows: report.inserted,
      seconds,
      rowsPerSecond: Math.round(report.inserted / seconds),
      peakRssMb,
      detail: { customers_created: report.customers_created, settlement_receipts: report.receipts_created, ledger_ok: verified.ok },
    };
  } finally {
    await database.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

function inChild(phase: Phase, csvPath: string, rows: number): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const child = fork(here, ['--phase', phase, csvPath, String(rows)], { execArgv: ['--import', 'tsx', '--max-old-space-size=8192'] });
    child.once('message', (m) => resolve(m as Measure));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`${phase} exited with ${code}`)));
  });
}

export async function main(argv = process.argv.slice(2)) {
  const rowsAt = argv.indexOf('--rows');
  const rows = rowsAt >= 0 ? Number(argv[rowsAt + 1]) : 1_000_000;
  const skipPglite = argv.includes('--no-pglite');
  const dir = mkdtempSync(join(tmpdir(), 'duely-bench-'));
  try {
    const csvPath = join(dir, 'invoices.csv');
    await generateInvoiceCsv(csvPath, rows);
    // The PostgreSQL server process reads the file for COPY: it must be able to.
    chmodSync(dir, 0o755);
    chmodSync(csvPath, 0o644);
    const mb = statSync(csvPath).size / 1e6;
    console.log(`import-invoices: ${rows.toLocaleString('en')} rows, ${mb.toFixed(1)} MB CSV`);
    const results: Measure[] = [];
    for (const phase of ['pg-copy', 'pg-import', ...(skipPglite ? [] : ['pglite-import'])] as Phase[]) {
      if (phase !== 'pglite-import') await freshPgDatabase();
      const m = await inChild(phase, csvPath, rows);
      results.push(m);
      console.log(`  ${phase.padEnd(14)} ${m.seconds.toFixed(2).padStart(8)} s  ${m.rowsPerSecond.toLocaleString('en').padStart(9)} rows/s  peak RSS ${m.peakRssMb} MB ${Object.keys(m.detail).length ? JSON.stringify(m.detail) : ''}`);
      if (phase === 'pg-copy') await freshPgDatabase();
    }
    const copy = results.find((r) => r.phase === 'pg-copy')!;
    const imp = results.find((r) => r.phase === 'pg-import')!;
    const ratio = Number((imp.seconds / copy.seconds).toFixed(2));
    console.log(`  PostgreSQL import / raw COPY = ${ratio}× (goal ≤ 2×)`);
    const report = {
      benchmark: 'import invoices from CSV (all or nothing, with journal and settlement receipts)',
      date: new Date().toISOString(),
      rows,
      file_mb: Number(mb.toFixed(1)),
      machine: machine(),
      note: 'One run per phase, each in a fresh process and a fresh database; shared machine, expect ±15 %. The import writes per invoice: the invoice, 2 journal lines, and for the 1 in 3 already paid a receipt, an allocation and 2 more journal lines; COPY writes one row of text.',
      phases: Object.fromEntries(results.map((r) => [r.phase, r])),
      ratio_pg_import_over_copy: ratio,
      goal: 'pg-import ≤ 2 × pg-copy',
    };
    const out = join(root, 'bench/results/import-invoices.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`  wrote ${out}`);
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const phaseAt = process.argv.indexOf('--phase');
if (phaseAt > 0) {
  const m = await runPhase(process.argv[phaseAt + 1] as Phase, process.argv[phaseAt + 2]!, Number(process.argv[phaseAt + 3]));
  process.send?.(m);
  process.exit(0);
} else if (process.argv[1] === here) {
  await main();
}
