import { type ColumnMapping, fieldsFor } from './fields.ts';
import type { ImportKind } from './records.ts';

/**
 * "Invoice No.", "invoice_no" and "INVOICE  NO" are the same header to a person; compare them
 * that way. "#" reads as "no" ("Invoice #"), "&" as "and".
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKD')
    .toLowerCase()
    .replace(/#/g, 'no')
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Guesses which column feeds each field. Exact synonym matches win; then a header that contains a
 * synonym ("Invoice Amount (INR)"), longest synonym first so "invoice amount" beats "amount".
 * Each column feeds at most one field; earlier fields win ties, so fields are listed by importance.
 */
export function suggestMapping<K extends ImportKind>(headers: readonly string[], kind: K): ColumnMapping<K> {
  const fields = fieldsFor(kind);
  const normalized = headers.map(normalizeHeader);
  const taken = new Set<number>();
  const mapping: Record<string, string> = {};

  const claim = (fieldName: string, index: number) => {
    mapping[fieldName] = headers[index]!;
    taken.add(index);
  };

  // Pass 1: exact matches, in each field's synonym order.
  for (const spec of fields) {
    for (const synonym of spec.synonyms.map(normalizeHeader)) {
      const index = normalized.findIndex((h, i) => h === synonym && !taken.has(i));
      if (index >= 0) {
        claim(spec.name, index);
        break;
      }
    }
  }

  // Pass 2: containment, scored by the longest synonym found; short synonyms ("no", "po") are
  // too likely to appear inside unrelated words to count.
  const candidates: { field: string; index: number; score: number }[] = [];
  for (const spec of fields) {
    if (mapping[spec.name]) continue;
    for (const synonym of spec.synonyms.map(normalizeHeader)) {
      if (synonym.length < 4) continue;
      normalized.forEach((h, index) => {
        if (!taken.has(index) && h.includes(synonym))
          candidates.push({ field: spec.name, index, score: synonym.length });
      });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  for (const c of candidates) {
    if (mapping[c.field] || taken.has(c.index)) continue;
    claim(c.field, c.index);
  }
  return mapping as ColumnMapping<K>;
}

export interface MappingProblem {
  field: string | null;
  column: string | null;
  reason: string;
}

/**
 * Problems with a mapping before any row is read: a required field with nothing to feed it, or a
 * column the file does not have. `defaults` are constant values standing in for unmapped fields.
 */
export function checkMapping<K extends ImportKind>(
  kind: K,
  mapping: ColumnMapping<K>,
  headers: readonly string[],
  defaults: Record<string, string> = {},
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const present = new Set(headers);
  const fields = fieldsFor(kind);
  const known = new Set(fields.map((f) => f.name));
  const m = mapping as Record<string, string | undefined>;
  for (const [fieldName, column] of Object.entries(m)) {
    if (!column) continue;
    if (!known.has(fieldName))
      problems.push({ field: fieldName, column, reason: `"${fieldName}" is not a field of ${kind}` });
    else if (!present.has(column))
      problems.push({ field: fieldName, column, reason: `the file has no column "${column}"` });
  }
  for (const spec of fields) {
    if (!spec.required || m[spec.name] || defaults[spec.name]) continue;
    if (spec.orField && m[spec.orField]) continue;
    const alternative = spec.orField ? ` (or ${fields.find((f) => f.name === spec.orField)?.label})` : '';
    problems.push({
      field: spec.name,
      column: null,
      reason: `choose the column for ${spec.label}${alternative}`,
    });
  }
  return problems;
}
