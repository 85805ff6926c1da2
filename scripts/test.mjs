#!/usr/bin/env node
// Runs every test suite with Node's test runner and ends with one line "N passed, N failed".
// `npm test` runs them all; `npm test -- unit|server|e2e` runs one group; extra args are file filters.
// Browser tests need Chromium (Debian's `chromium`, or CHROMIUM_PATH); without it they are
// skipped with a notice, so `npm test` still works on a machine that has none.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const groups = ['unit', 'server', 'e2e'];
const wanted = args.filter((a) => groups.includes(a));
const filters = args.filter((a) => !groups.includes(a));
const run = wanted.length ? wanted : groups;

function findTests(dir) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts') && !f.includes('node_modules'))
    .map((f) => path.join(dir, f))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
}

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p) => p && fs.existsSync(p)) ?? null;
}

const suites = {
  unit: () => findTests('packages'),
  server: () => findTests('apps/server/src'),
  e2e: () => findTests('test/e2e'),
};

let passed = 0;
let failed = 0;
const summaryDir = path.join(root, '.tmp');
fs.mkdirSync(summaryDir, { recursive: true });

for (const group of run) {
  const files = suites[group]();
  if (files.length === 0) continue;
  if (group === 'e2e') {
    if (!chromiumPath()) {
      console.log('\nChromium not found (install Debian\'s "chromium" or set CHROMIUM_PATH): browser tests skipped.');
      continue;
    }
    const build = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) {
      console.log('web build failed');
      failed++;
      continue;
    }
  }
  const tap = path.join(summaryDir, `${group}.tap`);
  const concurrency = group === 'e2e' ? 1 : Math.max(2, Math.min(4, os.cpus().length + 1));
  console.log(`\n=== ${group}: ${files.length} files${process.env.DATABASE_URL ? ' (PostgreSQL)' : group === 'unit' ? '' : ' (PGlite)'} ===`);
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${concurrency}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
  );
  const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const groupPassed = count('pass');
  let groupFailed = count('fail') + count('cancelled');
  if (result.status !== 0 && groupFailed === 0) groupFailed = 1; // crashed before reporting
  passed += groupPassed;
  failed += groupFailed;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
