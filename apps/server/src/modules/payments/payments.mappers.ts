import type { AllocationOut } from '@duely/contracts/invoices';
import { formatAmount } from '@duely/domain';
import type { AllocationRow } from '../invoices/invoices.repo.ts';

export function toAllocationOut(a: AllocationRow): AllocationOut {
  const fmt = (v: bigint) => formatAmount(v, a.currency);
  return {
    id: a.id,
    allocation_date: a.allocation_date,
    source: a.receipt_id ? 'receipt' : 'credit_note',
    receipt_id: a.receipt_id,
    credit_note_id: a.credit_note_id,
    source_number: a.receipt_number ?? a.credit_note_number ?? '',
    invoice_id: a.invoice_id,
    invoice_number: a.invoice_number,
    amount: fmt(a.amount),
    tds: fmt(a.tds),
    bank_charges: fmt(a.bank_charges),
    discount: fmt(a.discount),
    write_off: fmt(a.write_off),
    reversed_on: a.reversed_on,
    reversal_reason: a.reversal_reason,
  };
}
