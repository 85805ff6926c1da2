import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { CustomerPicker, type Picked } from '../customers/CustomerPicker.tsx';
import { api } from '../lib/api.ts';
import { ErrorBanner, Field, fieldErrorsOf, needsBanner } from '../lib/forms.tsx';
import type { SpecificProvisionBody } from '../lib/types.ts';
import { Dialog } from '../lib/ui.tsx';
import { lastPart } from './OverrideDialog.tsx';

const PLACED = ['customer_id', 'percent', 'reason', 'effective_from'];

/**
 * A provision for one customer at its own percentage (insolvency, a bounced cheque): from the
 * effective date the customer leaves the matrix and is provided for here instead.
 */
export function SpecificDialog({
  initial,
  effectiveFrom,
  onClose,
}: {
  initial: { customer: Picked; percent: string; reason: string } | null;
  effectiveFrom: string;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [customer, setCustomer] = useState<Picked | null>(initial?.customer ?? null);
  const [percent, setPercent] = useState(initial?.percent ?? '');
  const [reason, setReason] = useState(initial?.reason ?? '');
  const [from, setFrom] = useState(effectiveFrom);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: SpecificProvisionBody) => api.post('/provisions/specific', body),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['provisions'] });
      // Closing the <dialog> itself (not just unmounting it) hands focus back to what opened it.
      form.current?.closest('dialog')?.close();
    },
  });
  const serverErrors = lastPart(fieldErrorsOf(save.error));
  const errors = { ...serverErrors, ...missing };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need: Record<string, string> = {};
    if (!customer) need.customer_id = 'Choose the customer';
    if (percent.trim() === '') need.percent = 'Type the share of the balance to provide for, e.g. 100';
    if (reason.trim() === '') need.reason = 'Say why this customer is provided for on its own';
    setMissing(need);
    if (Object.keys(need).length || !customer) return;
    save.mutate({
      customer_id: customer.id,
      percent: percent.trim().replace(/\s*%$/, ''),
      reason: reason.trim(),
      effective_from: from,
    });
  };
  return (
    <Dialog title="Specific provision" onClose={onClose}>
      <form ref={form} onSubmit={submit} className="stack" noValidate data-testid="specific-dialog">
        <CustomerPicker
          value={customer}
          onChange={setCustomer}
          error={errors.customer_id}
          autoFocus={!initial}
        />
        <Field label="Provision (% of balance)" error={errors.percent}>
          <input
            inputMode="decimal"
            className="num"
            value={percent}
            onChange={(e) => setPercent(e.target.value)}
          />
        </Field>
        <Field label="Reason" error={errors.reason}>
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
        </Field>
        <Field label="Effective from" error={errors.effective_from}>
          <input type="date" value={from} required onChange={(e) => setFrom(e.target.value)} />
        </Field>
        {needsBanner(save.error, serverErrors, (f) => PLACED.includes(f)) && (
          <ErrorBanner error={save.error} />
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save provision'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
