import type { Method } from '../lib/types.ts';

export const METHODS: { id: Method; label: string }[] = [
  { id: 'neft', label: 'NEFT' },
  { id: 'rtgs', label: 'RTGS' },
  { id: 'imps', label: 'IMPS' },
  { id: 'upi', label: 'UPI' },
  { id: 'cheque', label: 'Cheque' },
  { id: 'cash', label: 'Cash' },
  { id: 'card', label: 'Card' },
  { id: 'nach', label: 'NACH' },
  { id: 'wire', label: 'Wire' },
  { id: 'other', label: 'Other' },
];

export function methodLabel(method: string): string {
  return METHODS.find((m) => m.id === method)?.label ?? method;
}

/** What the bank calls the reference for each way of paying. */
export function referenceLabel(method: Method): string {
  if (method === 'cheque') return 'Cheque no.';
  if (method === 'upi' || method === 'imps') return 'UTR / RRN';
  if (method === 'cash') return 'Receipt book no.';
  return 'UTR';
}
