import fs from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { systemCtx } from '../platform/context.ts';
import { importFile } from '../modules/imports/imports.files.ts';
import { type GlobalOptions, print, tenantFor, withDatabase } from './context.ts';
import { progressBar } from './progress.ts';

/** "--map" as JSON ({"number":"Bill No"}) or as field=Column pairs separated by commas. */
export function parseMap(text: string): Record<string, string> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new InvalidArgumentError('--map is not valid JSON');
    }
    if (!parsed || typeof parsed !== 'object' || Object.values(parsed).some((v) => typeof v !== 'string')) {
      throw new InvalidArgumentError('--map must map field names to column names');
    }
    return parsed as Record<string, string>;
  }
  const mapping: Record<string, string> = {};
  for (const pair of trimmed.split(',')) {
    const at = pair.indexOf('=');
    if (at < 1) throw new InvalidArgumentError(`--map: "${pair}" is not field=Column`);
    mapping[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return mapping;
}

export function registerImportCommand(program: Command, globals: () => GlobalOptions) {
  program
    .command('import')
    .description('import customers, invoices or receipts from CSV, XLSX or Tally XML (all or nothing)')
    .argument('<kind>', 'customers | invoices | receipts')
    .argument('<file>', 'path of the file')
    .option('--preset <name>', 'a built-in (ibm, tally-xml, tally-xlsx) or saved column mapping')
    .option('--map <mapping>', 'column mapping: JSON or field=Column,field=Column', parseMap)
    .option('--dry-run', 'check every row and report; write nothing')
    .option('--create-customers', 'create customers the file names that do not exist yet')
    .option('--save-preset <name>', 'save the mapping under this name after a successful import')
    .action((kind: string, file: string, o: { preset?: string; map?: Record<string, string>; dryRun?: boolean; createCustomers?: boolean; savePreset?: string }) =>
      withDatabase(async ({ database }) => {
        if (!['customers', 'invoices', 'receipts'].includes(kind)) throw new InvalidArgumentError(`kind must be customers, invoices or receipts, not "${kind}"`);
        if (!fs.existsSync(file)) throw new InvalidArgumentError(`no such file: ${file}`);
        const opts = globals();
        const tenant = await tenantFor(database, opts);
        const bar = progressBar(!opts.json, `Importing ${path.basename(file)}`);
        let report: Awaited<ReturnType<typeof importFile>>;
        try {
          report = await importFile(database.db, systemCtx(tenant.id, 'cli'), {
            kind: kind as 'invoices',
            source: { path: path.resolve(file), fileName: path.basename(file) },
            preset: o.preset,
            mapping: o.map,
            dryRun: Boolean(o.dryRun),
            createCustomers: o.createCustomers,
            savePresetAs: o.savePreset,
            onProgress: (p) => bar.update(Math.round(p.fraction * 1000), 1000, `${p.rows} rows`),
          });
        } finally {
          bar.stop();
        }
        const lines = [
          report.message,
          `rows ${report.total_rows}, inserted ${report.inserted}, duplicates ${report.duplicates}, errors ${report.error_count}` +
            (report.customers_created ? `, customers created ${report.customers_created}` : '') +
            (report.receipts_created ? `, settlement receipts ${report.receipts_created}` : ''),
          ...report.errors.slice(0, 50).map((e) => `  line ${e.line}${e.column ? `, column ${e.column}` : ''}: ${e.reason}${e.value !== undefined ? ` (${JSON.stringify(e.value)})` : ''}`),
          ...(report.errors.length > 50 ? [`  … ${report.error_count - 50} more (use --json for all)`] : []),
        ];
        print(opts, lines.join('\n'), {
          id: report.id,
          status: report.status,
          dry_run: report.dry_run,
          rows: report.total_rows,
          inserted: report.inserted,
          duplicates: report.duplicates,
          errors: report.errors,
          error_count: report.error_count,
          customers_created: report.customers_created,
          receipts_created: report.receipts_created,
          mapping: report.mapping,
          message: report.message,
        });
        if (report.status !== 'done') process.exitCode = 1;
      }),
    );
}
