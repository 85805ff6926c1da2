import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ImportKind, MapOptions } from '@duely/domain/imports/index';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { type ImportProgress, type ImportReport, runImport } from './imports.service.ts';
import { type ImportSource, openTable } from './readers/index.ts';

export async function sha256OfSource(source: ImportSource): Promise<string> {
  const hash = createHash('sha256');
  if (source.buffer) return hash.update(source.buffer).digest('hex');
  for await (const chunk of createReadStream(source.path!)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface FileImport {
  kind: ImportKind;
  source: ImportSource;
  preset?: string | null | undefined;
  mapping?: Record<string, string> | null | undefined;
  options?: Partial<MapOptions> | undefined;
  dryRun: boolean;
  createCustomers?: boolean | undefined;
  savePresetAs?: string | null | undefined;
  importId?: string;
  onProgress?: (progress: ImportProgress) => void;
}

/** Imports a file from disk or memory: the one entry point of the CLI, the API and the benchmark. */
export async function importFile(db: Executor, ctx: Ctx, request: FileImport): Promise<ImportReport> {
  const { source, ...rest } = request;
  return runImport(db, ctx, {
    ...rest,
    fileName: source.fileName,
    sha256: await sha256OfSource(source),
    open: () => openTable(source, { preset: request.preset ?? null }),
  });
}
