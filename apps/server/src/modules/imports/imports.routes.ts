import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Id, page } from '@duely/contracts/common';
import { ImportKindSchema, ImportListQuery, ImportPreview, ImportStatus, PresetInput, PresetOut, PresetQuery } from '@duely/contracts/imports';
import { type ImportKind, PRESETS, detectPreset, fieldsFor, presetMapping, suggestMapping } from '@duely/domain/imports/index';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../http/app.ts';
import type { Api } from '../../http/routes.ts';
import { NotFoundError, PayloadTooLargeError, ValidationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { importFile } from './imports.files.ts';
import { type ImportReport, savePreset } from './imports.service.ts';
import { openTable } from './readers/index.ts';

interface Upload {
  filePath: string;
  fileName: string;
  fields: Record<string, string>;
}

const UPLOAD_DIR = path.join(os.tmpdir(), 'duely-uploads');

/** Streams the multipart file to a temporary file: a 100 MB upload never sits in memory. */
export async function receiveUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw new ValidationError('file', 'send the file as multipart/form-data');
  fs.mkdirSync(UPLOAD_DIR, { recursive: true });
  const fields: Record<string, string> = {};
  let filePath: string | null = null;
  let fileName = 'upload';
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (filePath) throw new ValidationError('file', 'send one file');
        filePath = path.join(UPLOAD_DIR, newId());
        fileName = path.basename(part.filename || 'upload').slice(0, 200);
        await pipeline(part.file, fs.createWriteStream(filePath));
        if (part.file.truncated) throw new PayloadTooLargeError('the file is larger than the upload limit');
      } else {
        fields[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (error) {
    if (filePath) fs.rmSync(filePath, { force: true });
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new PayloadTooLargeError('the file is larger than the upload limit');
    throw error;
  }
  if (!filePath) throw new ValidationError('file', 'no file was sent');
  if (fs.statSync(filePath).size === 0) {
    fs.rmSync(filePath, { force: true });
    throw new ValidationError('file', 'the file is empty');
  }
  return { filePath, fileName, fields };
}

function kindOf(fields: Record<string, string>): ImportKind {
  const parsed = ImportKindSchema.safeParse(fields.kind);
  if (!parsed.success) throw new ValidationError('kind', 'must be customers, invoices or receipts');
  return parsed.data;
}

function mappingOf(fields: Record<string, string>): Record<string, string> | null {
  if (!fields.mapping) return null;
  try {
    const parsed = JSON.parse(fields.mapping);
    if (parsed && typeof parsed === 'object' && Object.values(parsed).every((v) => typeof v === 'string')) {
      // Fields mapped to "" are unmapped.
      return Object.fromEntries(Object.entries(parsed as Record<string, string>).filter(([, v]) => v !== ''));
    }
  } catch {
    // fall through
  }
  throw new ValidationError('mapping', 'must be a JSON object of field → column name');
}

/** Imports running in this process, for the web app's progress bar. */
const running = new Map<string, { tenantId: string; report: Partial<ImportReport>; kind: ImportKind; fileName: string; dryRun: boolean; preset: string | null; rows: number; fraction: number; phase: string; startedAt: Date }>();

function toFields(kind: ImportKind) {
  return fieldsFor(kind).map((f) => ({
    name: f.name,
    label: f.label,
    type: f.type,
    required: f.required,
    or_field: f.orField ?? null,
    choices: f.choices ? [...f.choices] : null,
    description: f.description,
  }));
}

export async function importRoutes(api: Api, deps: AppDeps) {
  const { db } = deps.database;
  const tags = ['imports'];

  async function presetsFor(tenantId: string, kind?: ImportKind) {
    const saved = await db
      .selectFrom('import_presets')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .$if(Boolean(kind), (q) => q.where('kind', '=', kind!))
      .orderBy('name')
      .execute();
    return [
      ...PRESETS.filter((p) => !kind || p.kind === kind).map((p) => ({ name: p.name, kind: p.kind, label: p.label, builtin: true, mapping: null })),
      ...saved.map((p) => ({ name: p.name, kind: p.kind, label: p.name, builtin: false, mapping: (p.mapping as { mapping: Record<string, string> }).mapping })),
    ];
  }

  api.post('/imports/preview', { config: { permission: 'imports.run' }, schema: { tags, consumes: ['multipart/form-data'], response: { 200: ImportPreview } } }, async (request) => {
    const upload = await receiveUpload(request);
    try {
      const kind = kindOf(upload.fields);
      const table = await openTable({ path: upload.filePath, fileName: upload.fileName }, { preset: upload.fields.preset || null });
      const sample: string[][] = [];
      for await (const row of table.rows) {
        sample.push(table.headers.map((h) => row.cells[h] ?? ''));
        if (sample.length >= 10) break;
      }
      await table.close();
      const detected = detectPreset(table.format, table.headers);
      const suggested = detected && detected.kind === kind ? presetMapping(detected, table.headers).mapping : suggestMapping(table.headers, kind);
      return {
        format: table.format,
        headers: table.headers,
        header_line: table.headerLine,
        sample_rows: sample,
        warnings: table.warnings,
        suggested_mapping: suggested as Record<string, string>,
        detected_preset: detected && detected.kind === kind ? detected.name : null,
        fields: toFields(kind),
        presets: await presetsFor(request.ctx.tenantId, kind),
      };
    } finally {
      fs.rmSync(upload.filePath, { force: true });
    }
  });

  api.post('/imports', { config: { permission: 'imports.run' }, schema: { tags, consumes: ['multipart/form-data'], response: { 202: ImportStatus } } }, async (request, reply) => {
    const upload = await receiveUpload(request);
    let started = false;
    try {
      const kind = kindOf(upload.fields);
      const mapping = mappingOf(upload.fields);
      const id = newId();
      const ctx = request.ctx;
      const state = {
        tenantId: ctx.tenantId,
        report: {},
        kind,
        fileName: upload.fileName,
        dryRun: upload.fields.dry_run === 'true',
        preset: upload.fields.preset || null,
        rows: 0,
        fraction: 0,
        phase: 'reading',
        startedAt: new Date(),
      };
      running.set(id, state);
      started = true;
      // Runs after the response: the web app polls GET /imports/:id for progress and the report.
      void importFile(db, ctx, {
        kind,
        importId: id,
        source: { path: upload.filePath, fileName: upload.fileName },
        preset: state.preset,
        mapping,
        dryRun: state.dryRun,
        createCustomers: upload.fields.create_customers === 'true',
        savePresetAs: upload.fields.save_preset || null,
        onProgress: (p) => Object.assign(state, { rows: p.rows, fraction: p.fraction, phase: p.phase }),
      })
        .then((report) => {
          state.report = report;
        })
        .catch((error) => {
          // runImport reports bad rows itself; this is the database failing under it. The poll
          // must still end, with the reason.
          request.log.error({ err: error }, 'import failed');
          state.report = { status: 'failed', errors: [{ line: 0, column: null, reason: (error as Error).message }], error_count: 1, message: (error as Error).message };
          return db
            .updateTable('imports')
            .set({ status: 'failed', error_count: 1, report: JSON.stringify(state.report), finished_at: new Date() })
            .where('tenant_id', '=', ctx.tenantId)
            .where('id', '=', id)
            .where('status', '=', 'running')
            .execute()
            .catch(() => undefined);
        })
        .finally(() => {
          fs.rmSync(upload.filePath, { force: true });
          // Keep the finished state briefly so a poll never sees a gap before the row is final.
          setTimeout(() => running.delete(id), 60_000).unref();
        });
      return reply.status(202).send(statusFromMemory(id, state));
    } catch (error) {
      if (!started) fs.rmSync(upload.filePath, { force: true });
      throw error;
    }
  });

  function statusFromMemory(id: string, state: NonNullable<ReturnType<typeof running.get>>) {
    const r = state.report;
    const finished = Boolean(r.status);
    return {
      id,
      kind: state.kind,
      status: (r.status ?? 'running') as 'running' | 'done' | 'failed',
      dry_run: state.dryRun,
      file_name: state.fileName,
      preset: state.preset,
      progress: { processed: state.rows, total: finished ? (r.total_rows ?? state.rows) : null, fraction: finished ? 1 : state.fraction, phase: finished ? 'done' : state.phase },
      total_rows: r.total_rows ?? state.rows,
      inserted: r.status === 'done' ? (r.inserted ?? 0) : 0,
      duplicates: r.duplicates ?? 0,
      error_count: r.error_count ?? 0,
      customers_created: r.status === 'done' ? (r.customers_created ?? 0) : 0,
      receipts_created: r.status === 'done' ? (r.receipts_created ?? 0) : 0,
      errors: r.errors ?? [],
      duplicate_rows: r.duplicate_rows ?? [],
      mapping: r.mapping ?? {},
      message: r.message ?? 'Reading the file…',
      created_at: state.startedAt.toISOString(),
      finished_at: finished ? new Date().toISOString() : null,
    };
  }

  type ImportRow = Awaited<ReturnType<typeof findImport>>;
  function findImport(tenantId: string, id: string) {
    return db.selectFrom('imports').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }
  function statusFromRow(row: NonNullable<ImportRow>) {
    const r = (row.report ?? {}) as Partial<ImportReport>;
    const finished = row.status !== 'running';
    return {
      id: row.id,
      kind: row.kind,
      status: row.status,
      dry_run: row.dry_run,
      file_name: row.file_name,
      preset: row.preset,
      progress: { processed: row.total_rows, total: finished ? row.total_rows : null, fraction: finished ? 1 : 0, phase: finished ? 'done' : 'reading' },
      total_rows: row.total_rows,
      inserted: row.inserted,
      duplicates: row.duplicates,
      error_count: row.error_count,
      customers_created: row.status === 'done' ? (r.customers_created ?? 0) : 0,
      receipts_created: row.status === 'done' ? (r.receipts_created ?? 0) : 0,
      errors: r.errors ?? [],
      duplicate_rows: r.duplicate_rows ?? [],
      mapping: (row.mapping ?? {}) as Record<string, string>,
      message: r.message ?? (finished ? '' : 'Running in another process'),
      created_at: row.created_at.toISOString(),
      finished_at: row.finished_at?.toISOString() ?? null,
    };
  }

  api.get('/imports/:id', { config: { permission: 'imports.run' }, schema: { tags, params: Id, response: { 200: ImportStatus } } }, async (request) => {
    const state = running.get(request.params.id);
    // While it runs here, answer from memory: on the embedded database the import holds the
    // only connection, and the poll must not wait for it.
    if (state && state.tenantId === request.ctx.tenantId) return statusFromMemory(request.params.id, state);
    const row = await findImport(request.ctx.tenantId, request.params.id);
    if (!row) throw new NotFoundError('import', request.params.id);
    return statusFromRow(row);
  });

  api.get('/imports', { config: { permission: 'imports.run' }, schema: { tags, querystring: ImportListQuery, response: { 200: page(ImportStatus) } } }, async (request) => {
    const q = request.query;
    const cursor = decodeCursor(q.cursor, ['uuid']);
    const rows = await db
      .selectFrom('imports')
      .selectAll()
      .where('tenant_id', '=', request.ctx.tenantId)
      .$if(Boolean(q.kind), (qb) => qb.where('kind', '=', q.kind!))
      .$if(Boolean(cursor), (qb) => qb.where('id', '<', String(cursor![0])))
      .orderBy('id', 'desc')
      .limit(q.limit + 1)
      .execute();
    return toPage(rows, q.limit, (r) => [r.id], statusFromRow);
  });

  api.get('/import-presets', { config: { permission: 'imports.run' }, schema: { tags, querystring: PresetQuery, response: { 200: page(PresetOut) } } }, async (request) => ({
    data: await presetsFor(request.ctx.tenantId, request.query.kind),
    next_cursor: null,
  }));

  api.post('/import-presets', { config: { permission: 'imports.run' }, schema: { tags, body: PresetInput, response: { 201: PresetOut } } }, async (request, reply) => {
    const known = new Set(fieldsFor(request.body.kind).map((f) => f.name));
    const unknown = Object.keys(request.body.mapping).find((f) => !known.has(f));
    if (unknown) throw new ValidationError('mapping', `"${unknown}" is not a field of ${request.body.kind}`);
    const row = await savePreset(db, request.ctx, request.body.kind, request.body.name, { mapping: request.body.mapping });
    return reply.status(201).send({ name: row.name, kind: row.kind, label: row.name, builtin: false, mapping: request.body.mapping });
  });
}
