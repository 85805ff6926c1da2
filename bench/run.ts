/**
 * `npm run bench`: every benchmark, each printing its own baseline measured in the same run and
 * writing its figures to bench/results/. Pass --rows N to run smaller (the defaults are the
 * sizes the issues name); --only NAME to run one.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const rowsAt = args.indexOf('--rows');
const rows = rowsAt >= 0 ? args[rowsAt + 1]! : null;

const benches: { name: string; file: string; args: string[] }[] = [
  { name: 'import-readers', file: 'apps/server/src/modules/imports/readers/readers.bench.ts', args: [rows ?? '1000000', '3'] },
  { name: 'import-invoices', file: 'bench/import-invoices.bench.ts', args: rows ? ['--rows', rows] : [] },
  { name: 'aging', file: 'bench/aging.bench.ts', args: rows ? ['--invoices', rows, '--customers', String(Math.max(100, Math.round(Number(rows) / 13)))] : [] },
  { name: 'cashapp', file: 'bench/cashapp.bench.ts', args: rows ? ['--invoices', rows, '--customers', String(Math.max(100, Math.round(Number(rows) / 10))), '--lines', String(Math.max(100, Math.round(Number(rows) * 0.3)))] : [] },
];

// The Node flags the `duely` command runs with (its shebang), so a benchmark times what users run.
const shebang = readFileSync(join(root, 'apps/server/bin/duely.mjs'), 'utf8').split('\n')[0]!;
const nodeFlags = shebang.split(/\s+/).filter((word) => word.startsWith('--'));

let failed = 0;
for (const bench of benches) {
  if (only && bench.name !== only) continue;
  console.log(`\n### ${bench.name}`);
  const result = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', bench.file, ...bench.args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
