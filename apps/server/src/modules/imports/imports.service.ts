import { createHash } from 'node:crypto';
import {
  type ColumnMapping,
  DuplicateTracker,
  type ImportKind,
  type ImportRecord,
  type MapOptions,
  type RowError,
  checkMapping,
  getPreset,
  mapRow,
  presetMapping,
  presetOptions,
  suggestMapping,
} from '@duely/domain/imports/index';
import type { CustomerRecord, InvoiceRecord, ReceiptRecord } from '@duely/domain/imports/records';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Db, type Executor, inTransaction, refreshStatistics, settleTables } from '../../platform/db.ts';
import { ValidationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requireTenant } from '../customers/customers.service.ts';
import { deferOpenDebits, recountOpenDebits } from '../ledger/ledger.repo.ts';
import { defaultBankAccount } from '../payments/payments.repo.ts';
import { importCustomerBatch } from './customer-batch.ts';
import { type BatchContext, type BatchResult, importInvoiceBatch } from './invoice-batch.ts';
import { importReceiptBatch } from './receipt-batch.ts';
import { ImportFileError } from './readers/errors.ts';

/** A file opened as a table: header names and rows of cells keyed by them. */
export interface TableSource {
  format: 'csv' | 'xlsx' | 'tally-xml';
  headers: string[];
  rows: AsyncIterable<{ line: number; cells: Record<string, string> }>;
  /** Fraction of the file read so far, 0–1, for progress. */
  progress?: () => number;
}

export interface ImportRequest {
  kind: ImportKind;
  fileName: string;
  /** Opens the file; called once. */
  open: () => Promise<TableSource>;
  /** SHA-256 of the file, to recognise a re-import. */
  sha256: string;
  preset?: string | null | undefined;
  mapping?: Record<string, string> | null | undefined;
  options?: Partial<MapOptions> | undefined;
  dryRun: boolean;
  savePresetAs?: string | null | undefined;
  /** Create customers the file names but the company doesn't have (presets do this). */
  createCustomers?: boolean | undefined;
  importId?: string;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  rows: number;
  fraction: number;
  phase: 'reading' | 'writing' | 'done';
}

export interface ImportReport {
  id: string;
  kind: ImportKind;
  status: 'done' | 'failed';
  dry_run: boolean;
  file_name: string;
  preset: string | null;
  mapping: Record<string, string>;
  total_rows: number;
  inserted: number;
  duplicates: number;
  error_count: number;
  customers_created: number;
  receipts_created: number;
  errors: RowError[];
  duplicate_rows: { line: number; reason: string }[];
  message: string;
}

const BATCH = 5000;
const IMPORT_TABLES = ['customers', 'invoices', 'receipts', 'allocations', 'journal_lines', 'ar_balances', 'daily_sales', 'daily_ar', 'open_debits'];
/** The report keeps this many errors; the count covers all of them. */
const MAX_REPORTED = 1000;
/**
 * Below this many new rows the planner's estimates do not change enough to matter, and a VACUUM
 * would only queue behind other sessions' ANALYZE locks (a two-row import once waited 30 s for one).
 */
const SETTLE_AFTER_ROWS = 1000;

class RollBack extends Error {}

export function sha256Of(buffer: Buffer): string {
  return createHash('sha256').update(buffer).digest('hex');
}

/** The mapping to use: a saved preset, a built-in one, the caller's, or one suggested from the headers. */
async function resolveMapping(db: Executor, tenantId: string, request: ImportRequest, table: TableSource, sample: Record<string, string>[], currency: string) {
  const base: MapOptions = { currency, ...(request.options ?? {}) };
  if (request.preset) {
    const builtIn = getPreset(request.preset);
    if (builtIn) {
      if (builtIn.kind !== request.kind) throw new ValidationError('preset', `${builtIn.name} imports ${builtIn.kind}, not ${request.kind}`);
      const { mapping } = presetMapping(builtIn, table.headers);
      return { mapping: { ...mapping, ...(request.mapping ?? {}) } as ColumnMapping, options: presetOptions(builtIn, base, sample, mapping), createCustomers: true };
    }
    const saved = await db
      .selectFrom('import_presets')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', request.kind)
      .where('name', '=', request.preset)
      .executeTakeFirst();
    if (!saved) throw new ValidationError('preset', `no preset "${request.preset}" for ${request.kind}`);
    const stored = saved.mapping as { mapping: ColumnMapping; options?: Partial<MapOptions>; create_customers?: boolean };
    return {
      mapping: { ...stored.mapping, ...(request.mapping ?? {}) },
      options: { ...base, ...(stored.options ?? {}) },
      createCustomers: Boolean(stored.create_customers || request.createCustomers),
    };
  }
  const mapping = (request.mapping ?? suggestMapping(table.headers, request.kind)) as ColumnMapping;
  return { mapping, options: base, createCustomers: Boolean(request.createCustomers) };
}

/**
 * Imports a file: every row mapped and checked, written in batches inside ONE transaction. Any
 * bad row, or a dry run, rolls the whole transaction back: the report is the same either way,
 * and a failed import leaves nothing behind. Rows already in the database count as duplicates
 * and are skipped, so importing the same file twice changes nothing.
 */
export async function runImport(db: Executor, ctx: Ctx, request: ImportRequest): Promise<ImportReport> {
  const tenant = await requireTenant(db, ctx.tenantId);
  const id = request.importId ?? newId();
  const report: ImportReport = {
    id,
    kind: request.kind,
    status: 'failed',
    dry_run: request.dryRun,
    file_name: request.fileName,
    preset: request.preset ?? null,
    mapping: {},
    total_rows: 0,
    inserted: 0,
    duplicates: 0,
    error_count: 0,
    customers_created: 0,
    receipts_created: 0,
    errors: [],
    duplicate_rows: [],
    message: '',
  };
  await db
    .insertInto('imports')
    .values({ tenant_id: tenant.id, id, kind: request.kind, file_name: request.fileName, file_sha256: request.sha256, preset: request.preset ?? null, dry_run: request.dryRun, status: 'running', created_by: ctx.actor.userId })
    .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
    .execute();

  const addErrors = (errors: RowError[]) => {
    report.error_count += errors.length;
    for (const e of errors) if (report.errors.length < MAX_REPORTED) report.errors.push(e);
  };
  const addResult = (r: BatchResult) => {
    report.inserted += r.inserted;
    report.duplicates += r.duplicates.length;
    report.customers_created += r.customersCreated;
    report.receipts_created += r.receipts;
    for (const d of r.duplicates) if (report.duplicate_rows.length < MAX_REPORTED) report.duplicate_rows.push(d);
    addErrors(r.errors);
  };

  try {
    const table = await request.open();
    const iterator = table.rows[Symbol.asyncIterator]();
    // A few rows up front let a preset settle details such as which sign a debit has.
    const sample: { line: number; cells: Record<string, string> }[] = [];
    while (sample.length < 50) {
      const next = await iterator.next();
      if (next.done) break;
      sample.push(next.value);
    }
    const resolved = await resolveMapping(db, tenant.id, request, table, sample.map((s) => s.cells), tenant.base_currency);
    report.mapping = resolved.mapping as Record<string, string>;
    const problems = checkMapping(request.kind, resolved.mapping, table.headers, resolved.options.defaults ?? {});
    if (problems.length > 0) {
      addErrors(problems.map((p) => ({ line: 1, column: p.column, reason: p.reason })));
      report.message = 'The columns do not fit: choose a column for each required field.';
      throw new RollBack();
    }
    const mapping = resolved.mapping as Record<string, string | undefined>;
    const bankAccountId = (await defaultBankAccount(db, tenant.id))?.id ?? null;

    await inTransaction(db, async (trx) => {
      const batchContext: BatchContext = {
        trx,
        ctx,
        tenant,
        importId: id,
        bankAccountId,
        createCustomers: resolved.createCustomers,
        columnOf: (field) => mapping[field] ?? null,
        writing: () => report.error_count === 0,
      };
      const tracker = new DuplicateTracker(mapping);
      let batch: ImportRecord[] = [];
      let batches = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        // Statistics after the first batches and then now and again, so lookups and foreign-key
        // checks are planned for the tables' real size, not for the empty tables of the start.
        if (batches === 1 || batches === 8) await refreshStatistics(trx, IMPORT_TABLES);
        // From the second batch on, open debits are counted once at the end (migration 0012):
        // a one-batch import keeps them as it writes, without a pass over the tenant's invoices.
        if (batches === 1) await deferOpenDebits(trx);
        batches++;
        request.onProgress?.({ rows: report.total_rows, fraction: table.progress?.() ?? 0, phase: 'writing' });
        const records = batch;
        batch = [];
        if (request.kind === 'invoices') addResult(await importInvoiceBatch(batchContext, records as InvoiceRecord[]));
        else if (request.kind === 'customers') addResult(await importCustomerBatch(batchContext, records as CustomerRecord[]));
        else addResult(await importReceiptBatch(batchContext, records as ReceiptRecord[]));
      };
      const take = async (row: { line: number; cells: Record<string, string> }) => {
        report.total_rows++;
        const mapped = mapRow(request.kind, row.cells, row.line, resolved.mapping as never, resolved.options);
        if (mapped.errors) return addErrors(mapped.errors);
        const duplicate = tracker.check(mapped.record);
        if (duplicate) return addErrors([duplicate]);
        batch.push(mapped.record);
        if (batch.length >= BATCH) await flush();
      };
      for (const row of sample) await take(row);
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        await take(next.value);
        if (report.total_rows % 1000 === 0) request.onProgress?.({ rows: report.total_rows, fraction: table.progress?.() ?? 0, phase: 'reading' });
      }
      await flush();
      if (batches > 1 && report.error_count === 0 && !request.dryRun) await recountOpenDebits(trx, tenant.id);
      if (report.total_rows === 0) {
        addErrors([{ line: 1, column: null, reason: 'the file has a header but no rows' }]);
      }
      if (report.error_count > 0 || request.dryRun) throw new RollBack();
      if (report.inserted === 0 && report.customers_created === 0) return;
      await recordAudit(trx, ctx, {
        action: `import.${request.kind}`,
        entityType: 'import',
        entityId: id,
        after: { file: request.fileName, sha256: request.sha256, preset: request.preset ?? null, rows: report.total_rows, inserted: report.inserted, duplicates: report.duplicates, customers_created: report.customers_created, receipts_created: report.receipts_created },
      });
    });
    if (report.inserted + report.customers_created >= SETTLE_AFTER_ROWS) await (db.isTransaction ? refreshStatistics(db, IMPORT_TABLES) : settleTables(db as Db, IMPORT_TABLES));
    report.status = 'done';
    report.message = `Imported ${report.inserted} ${request.kind}${report.duplicates ? `, skipped ${report.duplicates} already imported` : ''}.`;
  } catch (error) {
    if (!(error instanceof RollBack)) {
      // A file that cannot be read names its line; anything else is reported whole.
      addErrors([{ line: error instanceof ImportFileError ? error.line : 0, column: null, reason: error instanceof ImportFileError ? error.reason : (error as Error).message }]);
      report.message ||= (error as Error).message;
    } else if (request.dryRun && report.error_count === 0) {
      report.status = 'done';
      report.message = `Dry run: ${report.inserted} ${request.kind} would be imported${report.duplicates ? `, ${report.duplicates} are already there` : ''}. Nothing was written.`;
    } else {
      report.message ||= `${report.error_count} row${report.error_count === 1 ? '' : 's'} need fixing; nothing was imported.`;
    }
  }
  if (report.status === 'done' && !request.dryRun && request.savePresetAs) {
    await savePreset(db, ctx, request.kind, request.savePresetAs, { mapping: report.mapping, create_customers: Boolean(request.createCustomers) });
  }
  request.onProgress?.({ rows: report.total_rows, fraction: 1, phase: 'done' });
  await db
    .updateTable('imports')
    .set({
      status: report.status,
      mapping: JSON.stringify(report.mapping),
      total_rows: report.total_rows,
      inserted: report.status === 'done' ? report.inserted : 0,
      duplicates: report.duplicates,
      error_count: report.error_count,
      report: JSON.stringify(report),
      finished_at: new Date(),
    })
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', id)
    .execute();
  return report;
}

export async function savePreset(
  db: Executor,
  ctx: Ctx,
  kind: ImportKind,
  name: string,
  stored: { mapping: Record<string, string>; options?: Partial<MapOptions>; create_customers?: boolean },
) {
  if (getPreset(name)) throw new ValidationError('name', `"${name}" is a built-in preset`);
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('import_presets')
      .values({ tenant_id: ctx.tenantId, id: newId(), name, kind, mapping: JSON.stringify(stored) })
      .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'name']).doUpdateSet({ mapping: JSON.stringify(stored) }))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'import_preset.save', entityType: 'import_preset', entityId: row.id, after: { name, kind, ...stored } });
    return row;
  });
}
