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
const ING = path.join(root, 'packages/domain/src/statements/fixtures/mt940/jejik_ing.sta');

test('duely statement parse / import and cashapp run, as a user runs them', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duely-cli-bank-'));
  const env = { ...process.env, DUELY_DATA_DIR: dataDir, DUELY_DEMO: 'false' };
  const duely = async (...args: string[]) => {
    try {
      const { stdout } = await run(process.execPath, [bin, ...args], { env, cwd: root, maxBuffer: 32 * 1024 * 1024 });
      return { code: 0, stdout, stderr: '' };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  try {
    // parse needs no database and prints signed decimal amounts, debits negative.
    const parsed = await duely('--json', 'statement', 'parse', ING);
    assert.equal(parsed.code, 0, parsed.stderr);
    const st = JSON.parse(parsed.stdout).statements[0];
    assert.equal(st.account, '0001234567');
    assert.deepEqual(st.opening, { amount: '0.00', currency: 'EUR', date: '2010-07-22' });
    assert.deepEqual([st.entries[0].amount, st.entries[0].currency, st.entries[0].booking_date, st.entries[0].reference], ['-25.03', 'EUR', '2010-07-22', 'NONREF']);
    const broken = path.join(dataDir, 'broken.sta');
    fs.writeFileSync(broken, ':20:X\r\n:25:1\r\n:60F:C250620INR0,00\r\n:61:ZZZ\r\n-');
    const bad = await duely('statement', 'parse', broken);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /line 4/);

    const slug = `bank-${Date.now().toString(36)}`;
    assert.equal((await duely('migrate')).code, 0);
    assert.equal((await duely('tenant', 'create', '--slug', slug, '--name', 'Bank CLI')).code, 0);
    const customers = path.join(dataDir, 'customers.csv');
    fs.writeFileSync(customers, 'Code,Name\nACME,Acme Traders Pvt Ltd\n');
    const invoices = path.join(dataDir, 'invoices.csv');
    fs.writeFileSync(invoices, 'Invoice No,Customer Code,Invoice Date,Due Date,Amount\nINV-7001,ACME,2025-05-01,2025-05-31,118000.00\nINV-7002,ACME,2025-05-10,2025-06-09,59000.00\n');
    assert.equal((await duely('--tenant', slug, 'import', 'customers', customers)).code, 0);
    const imported = await duely('--tenant', slug, 'import', 'invoices', invoices);
    assert.equal(imported.code, 0, imported.stdout + imported.stderr);
    const account = await duely('--json', '--tenant', slug, 'bank-account', 'add', '--name', 'HDFC current', '--number', '50200012345678', '--currency', 'INR');
    assert.equal(account.code, 0, account.stderr);

    const statement = path.join(dataDir, 'hdfc.sta');
    fs.writeFileSync(
      statement,
      [':20:STMT250620', ':25:50200012345678', ':28C:1/1', ':60F:C250620INR0,00', ':61:2506200620C118000,00NTRFNONREF//N171250612345678', ':86:NEFT CR-ICIC0000104-ACME TRADERS PVT LTD-INV 7001-N171250612345678', ':62F:C250620INR118000,00', '-'].join('\r\n'),
    );
    const first = JSON.parse((await duely('--json', '--tenant', slug, 'statement', 'import', statement)).stdout);
    assert.deepEqual([first.new_lines, first.duplicate_lines, first.statements[0].balance_status], [1, 0, 'ok']);
    const again = JSON.parse((await duely('--json', '--tenant', slug, 'statement', 'import', statement)).stdout);
    assert.deepEqual([again.new_lines, again.duplicate_lines], [0, 1]);

    const result = await duely('--json', '--tenant', slug, 'cashapp', 'run');
    assert.equal(result.code, 0, result.stderr);
    const line = JSON.parse(result.stdout).lines[0];
    assert.equal(line.decision, 'auto', line.reason);
    assert.equal(line.references.bank_reference, 'N171250612345678');
    assert.equal(line.customer.code, 'ACME');
    assert.deepEqual(line.allocations.map((a: { invoice_number: string; amount: string }) => [a.invoice_number, a.amount]), [['INV-7001', '118000.00']]);
    assert.match(line.reason, /INV-7001 in narration/);
    assert.match(line.receipt_number, /^RCT\//);
    const verify = JSON.parse((await duely('--json', '--tenant', slug, 'verify')).stdout);
    assert.equal(verify[0].ok, true, JSON.stringify(verify));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
