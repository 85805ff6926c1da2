import type {
  FieldOut,
  ImportKindSchema,
  ImportPreview as Preview,
  ImportStatus,
  PresetOut,
} from '@duely/contracts/imports';
import type { z } from 'zod';

export type ImportKind = z.output<typeof ImportKindSchema>;
export type ImportField = z.output<typeof FieldOut>;
export type ImportPreset = z.output<typeof PresetOut>;
export type ImportPreview = z.output<typeof Preview>;
export type ImportJob = ImportStatus;

/** Required fields with no column: a field with a stand-in (code made from the name) is fine when the stand-in is mapped. */
export function unmappedRequired(fields: ImportField[], mapping: Record<string, string>): ImportField[] {
  return fields.filter((f) => f.required && !mapping[f.name] && !(f.or_field && mapping[f.or_field]));
}
