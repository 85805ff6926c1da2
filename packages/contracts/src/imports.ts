import { z } from 'zod';
import { PageQuery, Text, Uuid } from './common.ts';

export const ImportKindSchema = z.enum(['customers', 'invoices', 'receipts']);

export const RowErrorOut = z.object({ line: z.number(), column: z.string().nullable(), reason: z.string(), value: z.string().optional() });

export const ImportStatus = z.object({
  id: Uuid,
  kind: ImportKindSchema,
  status: z.enum(['running', 'done', 'failed']),
  dry_run: z.boolean(),
  file_name: z.string(),
  preset: z.string().nullable(),
  progress: z.object({ processed: z.number(), total: z.number().nullable(), fraction: z.number(), phase: z.string() }),
  total_rows: z.number(),
  inserted: z.number(),
  duplicates: z.number(),
  error_count: z.number(),
  customers_created: z.number(),
  receipts_created: z.number(),
  errors: z.array(RowErrorOut),
  duplicate_rows: z.array(z.object({ line: z.number(), reason: z.string() })),
  mapping: z.record(z.string(), z.string()),
  message: z.string(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});
export type ImportStatus = z.infer<typeof ImportStatus>;

export const ImportListQuery = PageQuery.extend({ kind: ImportKindSchema.optional() });

export const FieldOut = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  required: z.boolean(),
  or_field: z.string().nullable(),
  choices: z.array(z.string()).nullable(),
  description: z.string(),
});

export const PresetOut = z.object({
  name: z.string(),
  kind: ImportKindSchema,
  label: z.string(),
  builtin: z.boolean(),
  mapping: z.record(z.string(), z.string()).nullable(),
});

export const ImportPreview = z.object({
  format: z.string(),
  headers: z.array(z.string()),
  header_line: z.number(),
  sample_rows: z.array(z.array(z.string())),
  warnings: z.array(z.string()),
  suggested_mapping: z.record(z.string(), z.string()),
  detected_preset: z.string().nullable(),
  fields: z.array(FieldOut),
  presets: z.array(PresetOut),
});

export const PresetQuery = z.object({ kind: ImportKindSchema.optional() });
export const PresetInput = z.object({
  name: Text(60),
  kind: ImportKindSchema,
  mapping: z.record(z.string().max(60), z.string().max(200)),
});
