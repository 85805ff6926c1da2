import { API_BASE } from '../lib/api.ts';
import { asOfFrom } from '../lib/dates.ts';

export type Basis = 'due' | 'document';
export type GroupBy = 'customer' | 'collector' | 'segment' | 'currency' | 'tenant';
export type Segment = 'kind' | 'risk' | 'region';
export type ItemType = 'debit' | 'credit' | 'unapplied';

export interface AgingParams {
  as_of: string;
  basis: Basis;
  by: GroupBy;
  segment: Segment;
}

export const BASES: { id: Basis; label: string }[] = [
  { id: 'due', label: 'Due date' },
  { id: 'document', label: 'Document date' },
];

export const GROUPS: { id: GroupBy; label: string }[] = [
  { id: 'customer', label: 'Customer' },
  { id: 'collector', label: 'Collector' },
  { id: 'segment', label: 'Segment' },
  { id: 'currency', label: 'Currency' },
  { id: 'tenant', label: 'Whole company' },
];

export const SEGMENTS: { id: Segment; label: string }[] = [
  { id: 'kind', label: 'Kind (B2B / B2C)' },
  { id: 'risk', label: 'Risk class' },
  { id: 'region', label: 'Region' },
];

function pick<T extends string>(value: string, options: { id: T }[], fallback: T): T {
  return options.some((o) => o.id === value) ? (value as T) : fallback;
}

/** What the address bar says, with anything missing or mistyped replaced by the default. */
export function agingParams(
  raw: Record<'as_of' | 'basis' | 'by' | 'segment', string>,
  today: string,
): AgingParams {
  return {
    as_of: asOfFrom(raw.as_of, today),
    basis: pick(raw.basis, BASES, 'due'),
    by: pick(raw.by, GROUPS, 'customer'),
    segment: pick(raw.segment, SEGMENTS, 'kind'),
  };
}

export function reportQuery(p: AgingParams): URLSearchParams {
  return new URLSearchParams({ as_of: p.as_of, basis: p.basis, by: p.by, segment: p.segment });
}

/**
 * A plain link rather than a fetch: the browser streams the file to disk with the server's file
 * name, and the session cookie goes along like on any same-origin request.
 */
export function exportHref(p: AgingParams, format: 'xlsx' | 'pdf' | 'csv'): string {
  const q = reportQuery(p);
  q.set('format', format);
  return `${API_BASE}/reports/aging/export?${q}`;
}

export interface Drill {
  /** undefined: every row (the totals line); '' asks for the rows with no key (e.g. unassigned). */
  key: string | undefined;
  bucket: number | undefined;
  type: ItemType;
  title: string;
}

/** The drill-down path is built by hand: the shared query helper drops empty values, and key='' means "unassigned". */
export function itemsPath(p: AgingParams, drill: Drill, cursor: string | null): string {
  const q = reportQuery(p);
  if (drill.key !== undefined) q.set('key', drill.key);
  if (drill.bucket !== undefined) q.set('bucket', String(drill.bucket));
  q.set('type', drill.type);
  q.set('limit', '50');
  if (cursor) q.set('cursor', cursor);
  return `/aging/items?${q}`;
}
