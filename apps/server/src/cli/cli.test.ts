import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const bin = path.join(root, 'apps/server/bin/duely.mjs');
const IBM = path.join(root, 'test/fixtures/imports/ibm-ar/invoices.csv');

/**
 * The `duely` command as a user runs it: a real process, on a fresh embedded database in a temp
 * directory (or on the PostgreSQL of DATABASE_URL, in a company of its own).
 */
test('duely: migrate, tenant create, import --json (dry run, real, again), user create, verify, audit verify', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duely-cli-'));
  const env = { ...process.env, DUELY_DATA_DIR: dataDir, DUELY_DEMO: 'false' };
  const duely = async (...args: string[]) => {
    try {
      const { stdout } = await run(process.execPath, [bin, ...args], { env, cwd: root, maxBuffer: 32 * 1024 * 1024 });
      return { code: 0, stdout };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  try {
    const migrated = JSON.parse((await duely('--json', 'migrate')).stdout);
    assert.ok(migrated.default_tenant);
    const slug = `cli-${Date.now().toString(36)}`;
    assert.equal((await duely('tenant', 'create', '--slug', slug, '--name', 'CLI test')).code, 0);

    const dry = await duely('--json', '--tenant', slug, 'import', 'invoices', IBM, '--preset', 'ibm', '--dry-run');
    assert.equal(dry.code, 0, dry.stderr);
    const dryReport = JSON.parse(dry.stdout);
    assert.equal(dryReport.inserted, 1966);
    assert.equal(dryReport.dry_run, true);

    const real = JSON.parse((await duely('--json', '--tenant', slug, 'import', 'invoices', IBM, '--preset', 'ibm')).stdout);
    assert.deepEqual([real.status, real.inserted, real.duplicates, real.error_count, real.customers_created], ['done', 1966, 0, 0, 100]);
    const again = JSON.parse((await duely('--json', '--tenant', slug, 'import', 'invoices', IBM, '--preset', 'ibm')).stdout);
    assert.deepEqual([again.inserted, again.duplicates], [0, 1966]);

    const aging = await duely('--json', '--tenant', slug, 'report', 'aging', '--as-of', '2013-07-12', '--by', 'tenant');
    assert.equal(aging.code, 0, aging.stderr);
    const agingReport = JSON.parse(aging.stdout);
    assert.equal(agingReport.as_of, '2013-07-12');
    assert.deepEqual(agingReport.buckets.map((b: { label: string }) => b.label), ['Current', '1–30', '31–60', '61–90', '90+']);
    assert.ok(agingReport.totals.items > 0);
    const badAging = await duely('--tenant', slug, 'report', 'aging', '--basis', 'weekly');
    assert.equal(badAging.code, 1);
    assert.match(badAging.stderr ?? '', /--basis/);
    const kpis = JSON.parse((await duely('--json', '--tenant', slug, 'report', 'kpis', '--from', '2013-01-01', '--to', '2013-06-30')).stdout);
    assert.deepEqual(kpis.series[0].months.map((m: { month: string }) => m.month), ['2013-01', '2013-02', '2013-03', '2013-04', '2013-05', '2013-06']);
    assert.ok(kpis.series[0].months.every((m: { cei: number | null }) => m.cei === null || (m.cei > 0 && m.cei <= 100)));
    const packFile = path.join(dataDir, 'monthly.csv');
    const pack = await duely('--json', '--tenant', slug, 'report', 'export', 'monthly', '--month', '2013-06', '--format', 'csv', '--out', packFile);
    assert.equal(pack.code, 0, pack.stderr);
    assert.equal(JSON.parse(pack.stdout).bytes, fs.statSync(packFile).size);
    const packCsv = fs.readFileSync(packFile, 'utf8');
    for (const heading of ['Aging summary as of 30-Jun-2013', 'Top 20 debtors by overdue amount', 'Expected credit loss provision', 'Schedule III trade receivables ageing']) {
      assert.ok(packCsv.includes(heading), `the pack has "${heading}"`);
    }
    const badPack = await duely('--tenant', slug, 'report', 'export', 'monthly', '--format', 'docx', '--out', packFile);
    assert.equal(badPack.code, 1);
    assert.match(badPack.stderr ?? '', /--format/);

    const badFile = path.join(dataDir, 'bad.csv');
    fs.writeFileSync(badFile, 'Invoice No,Customer Code,Invoice Date,Due Date,Amount\nX-1,NOBODY,2025-01-01,2025-02-01,10.00\nX-2,NOBODY,2025-13-01,2025-02-01,ten\n');
    const bad = await duely('--json', '--tenant', slug, 'import', 'invoices', badFile);
    assert.equal(bad.code, 1);
    const badReport = JSON.parse(bad.stdout);
    assert.ok(badReport.errors.some((e: { line: number; column: string }) => e.line === 3 && e.column === 'Invoice Date'));
    assert.ok(badReport.errors.some((e: { line: number; reason: string }) => e.line === 2 && /NOBODY/.test(e.reason)));

    const user = JSON.parse((await duely('--json', '--tenant', slug, 'user', 'create', '--email', 'collector@cli.test', '--name', 'Collector', '--role', 'collector')).stdout);
    assert.ok(user.password, 'a generated password is printed once');
    assert.equal((await duely('--tenant', slug, 'user', 'create', '--email', 'x@cli.test', '--name', 'X', '--role', 'wizard')).code, 1);

    const verify = JSON.parse((await duely('--json', '--tenant', slug, 'verify')).stdout);
    assert.equal(verify[0].ok, true, JSON.stringify(verify));
    const audit = JSON.parse((await duely('--json', '--tenant', slug, 'audit', 'verify')).stdout);
    assert.equal(audit[0].ok, true);
    assert.ok(audit[0].entries >= 3);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
