import type { ProvisionReportT } from '../lib/types.ts';

export type SegmentBy = 'none' | 'kind' | 'risk';

export const SEGMENT_BY: { id: SegmentBy; label: string }[] = [
  { id: 'none', label: 'No split' },
  { id: 'kind', label: 'Kind (B2B / B2C)' },
  { id: 'risk', label: 'Risk class' },
];

/** Loss rates arrive as numbers rounded to hundredths; two places keep the column aligned. */
export function pct(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = typeof value === 'number' ? value : Number(value);
  return `${n.toLocaleString('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 4 })} %`;
}

export const ACCOUNT_LABEL: Record<string, string> = {
  BAD_DEBT_EXPENSE: 'Bad-debt expense (profit and loss)',
  ECL_ALLOWANCE: 'Allowance for expected credit loss (balance sheet)',
};

/** The override's segment as the API stores it: '' for one that applies to every segment. */
export function segmentKey(segment: ProvisionReportT['segments'][number]): string {
  return segment.key ?? '';
}
