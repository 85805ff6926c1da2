import fs from 'node:fs';
import path from 'node:path';
import { formatAmount } from '@duely/domain';
import { statementToJson } from '@duely/domain/statements/index';
import { type Command, InvalidArgumentError } from 'commander';
import { systemCtx } from '../platform/context.ts';
import { createBankAccount, importStatementFile, listBankAccounts } from '../modules/bank/bank.service.ts';
import { readStatementFile } from '../modules/bank/statement-file.ts';
import { runCashApplication } from '../modules/cashapp/cashapp.service.ts';
import { type GlobalOptions, print, tenantFor, withDatabase } from './context.ts';
import { progressBar } from './progress.ts';

const existing = (file: string) => {
  if (!fs.existsSync(file)) throw new InvalidArgumentError(`no such file: ${file}`);
  return path.resolve(file);
};

export function registerStatementCommands(program: Command, globals: () => GlobalOptions) {
  const statement = program.command('statement').description('bank statements: MT940/MT942, camt.052/053/054, BAI2, bank CSV/XLSX');

  statement
    .command('parse')
    .description('read a statement file and print what it holds (no database needed)')
    .argument('<file>', 'path of the statement file')
    .action(async (file: string) => {
      const read = await readStatementFile({ path: existing(file), fileName: path.basename(file) });
      const json = { statements: read.statements.map(statementToJson) };
      const human = read.statements
        .map((s) => {
          const head = `${s.format} ${s.account ?? '(no account)'} ${s.statementId ?? ''}: ${s.entries.length} entries`;
          const bal = (b: typeof s.opening) => (b ? `${b.date} ${b.currency} ${formatAmount(b.amount, b.currency)}` : '—');
          return `${head}\n  opening ${bal(s.opening)}, closing ${bal(s.closing)}`;
        })
        .join('\n');
      print(globals(), human, json);
    });

  statement
    .command('import')
    .description('import a statement file into a bank account; lines already imported are recognised and skipped')
    .argument('<file>', 'path of the statement file')
    .option('--bank-account <id>', 'the bank account (found from the file when it names one)')
    .action((file: string, o: { bankAccount?: string }) =>
      withDatabase(async ({ database }) => {
        const opts = globals();
        const tenant = await tenantFor(database, opts);
        const report = await importStatementFile(database.db, systemCtx(tenant.id, 'cli'), { source: { path: existing(file), fileName: path.basename(file) }, bankAccountId: o.bankAccount });
        const lines = [
          report.message,
          ...report.statements.map(
            (s) =>
              `  ${s.format} ${s.account ?? ''} ${s.statement_ref ?? ''}: ${s.entries} lines, ${s.new_lines} new, ${s.duplicate_lines} already imported; balance ${s.balance_status}${s.balance_message ? ` (${s.balance_message})` : ''}${s.continuity_warning ? `\n    ${s.continuity_warning}` : ''}`,
          ),
        ];
        print(opts, lines.join('\n'), report);
        if (report.statements.some((s) => s.balance_status === 'mismatch')) process.exitCode = 2;
      }),
    );

  const account = program.command('bank-account').description('the company\'s bank accounts that statements are imported into');
  account
    .command('add')
    .requiredOption('--name <name>', 'a name people recognise, e.g. "HDFC current"')
    .requiredOption('--currency <code>', 'ISO 4217 code, e.g. INR')
    .option('--number <account>', 'account number or IBAN as statements give it')
    .option('--ifsc <code>')
    .option('--bic <code>')
    .option('--bank <name>')
    .action((o: { name: string; currency: string; number?: string; ifsc?: string; bic?: string; bank?: string }) =>
      withDatabase(async ({ database }) => {
        const opts = globals();
        const tenant = await tenantFor(database, opts);
        const row = await createBankAccount(database.db, systemCtx(tenant.id, 'cli'), { name: o.name, currency: o.currency.toUpperCase(), account_number: o.number, ifsc: o.ifsc, bic: o.bic, bank_name: o.bank });
        print(opts, `bank account ${row.name} added: ${row.id}`, row);
      }),
    );
  account.command('list').action(() =>
    withDatabase(async ({ database }) => {
      const opts = globals();
      const tenant = await tenantFor(database, opts);
      const rows = await listBankAccounts(database.db, systemCtx(tenant.id, 'cli'));
      print(opts, rows.map((r) => `${r.id}  ${r.name}  ${r.account_number ?? ''}  ${r.currency}`).join('\n') || 'no bank accounts', rows);
    }),
  );

  program
    .command('cashapp')
    .description('cash application')
    .command('run')
    .description('match every pending bank line; apply the sure ones, suggest the rest')
    .option('--statement <id>', 'only this statement')
    .option('--rematch', 'look again at lines suggested or unmatched before')
    .option('--dry-run', 'decide every line and print it; apply and record nothing')
    .action((o: { statement?: string; rematch?: boolean; dryRun?: boolean }) =>
      withDatabase(async ({ database }) => {
        const opts = globals();
        const tenant = await tenantFor(database, opts);
        const bar = progressBar(!opts.json, 'Matching');
        let result: Awaited<ReturnType<typeof runCashApplication>>;
        try {
          result = await runCashApplication(database.db, systemCtx(tenant.id, 'cli'), { statementId: o.statement, rematch: Boolean(o.rematch), dryRun: Boolean(o.dryRun), onProgress: (done, total) => bar.update(done, total, `${done}/${total} lines`) });
        } finally {
          bar.stop();
        }
        const human = [
          `${result.lines.length} lines: ${result.auto} applied, ${result.suggested} suggested, ${result.none} not matched`,
          ...result.lines.map((l) => {
            const refs = [l.references.reference, l.references.bank_reference, l.references.end_to_end_id].filter(Boolean).join(' / ');
            const allocs = l.allocations.map((a) => `${a.invoice_number} ${a.amount}${a.tds !== '0.00' ? ` +TDS ${a.tds}` : ''}${a.bank_charges !== '0.00' ? ` +charges ${a.bank_charges}` : ''}`).join(', ');
            return `  ${l.source} ${l.booking_date} ${l.amount} ${l.currency} [${refs}] ${l.decision} ${l.confidence}% ${l.customer?.code ?? '-'} ${allocs}\n    ${l.reason}`;
          }),
        ].join('\n');
        print(opts, human, result);
      }),
    );
}
