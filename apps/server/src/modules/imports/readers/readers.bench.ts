/**
 * Import reading speed and memory on a 1,000,000-row invoice CSV (~100 MB).
 *
 *   node --import tsx apps/server/src/modules/imports/readers/readers.bench.ts [rows] [runs]
 *
 * Each measurement runs in its own child process so its peak RSS is its own. The baseline is
 * csv-parse alone over the same file (no sniffing, no mapping); the ratio says what sniffing,
 * encoding checks, header handling and row mapping cost on top. Results go to
 * bench/results/import-readers.json.
 */
import { fork } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuplicateTracker, type MapOptions, mapRow, suggestMapping } from '@duely/domain/imports/index';
import { parse } from 'csv-parse';
import { openTable } from './open-table.ts';
import { generateInvoiceCsv } from '../../../../../../bench/generators/invoices-csv.ts';
import { machine } from '../../../../../../bench/machine.ts';

type Phase = 'baseline' | 'read' | 'read+map' | 'read+map+duplicates';
interface Measure {
  phase: Phase;
  rows: number;
  errors: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
}

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), '../../../../../..');

/** Runs one phase in this (child) process and prints its measure. */
async function runPhase(phase: Phase, path: string): Promise<Measure> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const started = performance.now();
  let rows = 0;
  let errors = 0;
  if (phase === 'baseline') {
    for await (const _ of createReadStream(path).pipe(parse({ from_line: 2 }))) rows++;
  } else {
    const table = await openTable({ path, fileName: 'bench.csv' });
    const mapping = suggestMapping(table.headers, 'invoices');
    const options: MapOptions = { currency: 'INR' };
    const tracker = phase === 'read+map+duplicates' ? new DuplicateTracker(mapping) : null;
    for await (const row of table.rows) {
      rows++;
      if (phase === 'read') continue;
      const result = mapRow('invoices', row.cells, row.line, mapping, options);
      if (result.errors) errors++;
      else if (tracker?.check(result.record)) errors++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return {
    phase,
    rows,
    errors,
    seconds,
    rowsPerSecond: Math.round(rows / seconds),
    peakRssMb: Math.round(peak / 1024 / 1024),
  };
}

function inChild(phase: Phase, path: string): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const child = fork(here, ['--phase', phase, path], { execArgv: ['--import', 'tsx'] });
    child.once('message', (m) => resolve(m as Measure));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`${phase} exited with ${code}`)));
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const runs = Number(process.argv[3] ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'duely-bench-'));
  try {
    const path = join(dir, 'invoices.csv');
    const generatedAt = performance.now();
    await generateInvoiceCsv(path, rows);
    const bytes = statSync(path).size;
    console.log(
      `generated ${rows.toLocaleString('en')} rows, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s`,
    );

    const phases: Phase[] = ['baseline', 'read', 'read+map', 'read+map+duplicates'];
    const results: Record<string, Measure & { runs: Measure[] }> = {};
    for (const phase of phases) {
      const measures: Measure[] = [];
      // Interleaving would be fairer to drift, but one phase at a time keeps the page cache warm for all.
      for (let i = 0; i < runs; i++) measures.push(await inChild(phase, path));
      const m = measures.find((x) => x.seconds === median(measures.map((y) => y.seconds)))!;
      results[phase] = { ...m, runs: measures };
      console.log(
        `${phase.padEnd(20)} ${m.rowsPerSecond.toLocaleString('en').padStart(10)} rows/s  ${m.seconds.toFixed(2)} s  peak RSS ${m.peakRssMb} MB  errors ${m.errors}  (runs: ${measures.map((x) => x.seconds.toFixed(2)).join(', ')} s)`,
      );
    }
    const baseline = results.baseline!;
    const mapped = results['read+map']!;
    const ratio = Number((baseline.rowsPerSecond / mapped.rowsPerSecond).toFixed(2));
    console.log(`read+map is ${ratio}× slower than plain csv-parse`);

    const report = {
      benchmark: 'import readers: CSV read + map to InvoiceRecord',
      date: new Date().toISOString(),
      rows,
      file_mb: Number((bytes / 1e6).toFixed(1)),
      runs_per_phase: runs,
      machine: machine(),
      note: 'Median of the runs per phase, each in a fresh process. Shared machine: expect ±15% between runs.',
      phases: results,
      ratio_baseline_over_read_map: ratio,
    };
    const out = join(root, 'bench/results/import-readers.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`wrote ${out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const phaseIndex = process.argv.indexOf('--phase');
if (phaseIndex > 0) {
  const measure = await runPhase(process.argv[phaseIndex + 1] as Phase, process.argv[phaseIndex + 2]!);
  process.send?.(measure);
} else {
  await main();
}
