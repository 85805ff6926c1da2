import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { api } from '../lib/api.ts';
import { fmtDate } from '../lib/dates.ts';
import { ErrorBanner, Field, fieldErrorsOf, needsBanner } from '../lib/forms.tsx';
import { fmtMoney } from '../lib/money.tsx';
import type { ProvisionOverrideBody, ProvisionRateT } from '../lib/types.ts';
import { Dialog } from '../lib/ui.tsx';
import { pct } from './format.ts';

const PLACED = ['percent', 'reason', 'effective_from'];

/** Server fields come as "percent" from the schema or "overrides.0.percent" from the domain rule. */
export function lastPart(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const key = field.split('.').pop()!;
    if (!(key in out)) out[key] = message;
  }
  return out;
}

export function OverrideDialog({
  bucketLabel,
  rate,
  segment,
  currency,
  asOf,
  onClose,
}: {
  bucketLabel: string;
  /** The page's date: the override is in force from it unless another is picked. */
  asOf: string;
  currency: string;
  rate: ProvisionRateT;
  /** null when the matrix is not split: the override then applies to every customer. */
  segment: { key: string; label: string } | null;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [percent, setPercent] = useState(rate.override_percent ?? '');
  const [reason, setReason] = useState(rate.override_reason ?? '');
  const [scope, setScope] = useState<'own' | 'all'>('own');
  const [from, setFrom] = useState(asOf);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: ProvisionOverrideBody) => api.post('/provisions/overrides', body),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['provisions'] });
      // Closing the <dialog> itself (not just unmounting it) hands focus back to what opened it.
      form.current?.closest('dialog')?.close();
    },
  });
  const errors = { ...lastPart(fieldErrorsOf(save.error)), ...missing };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Checked here too so the person learns before a round trip; the server insists on both.
    const need: Record<string, string> = {};
    if (percent.trim() === '') need.percent = 'Type the loss rate to apply, e.g. 12.5';
    if (reason.trim() === '')
      need.reason = 'Say why: the reason is kept with the override for review and audit';
    if (from === '') need.effective_from = 'Pick the date the rate takes effect';
    setMissing(need);
    if (Object.keys(need).length) return;
    save.mutate({
      bucket: rate.bucket,
      segment: segment && scope === 'own' ? segment.key : '',
      percent: percent.trim().replace(/\s*%$/, ''),
      reason: reason.trim(),
      effective_from: from,
    });
  };
  return (
    <Dialog
      title={`Override loss rate: ${bucketLabel}${segment ? `, ${segment.label}` : ''}`}
      onClose={onClose}
    >
      <form ref={form} onSubmit={submit} className="stack" noValidate data-testid="override-dialog">
        <p className="muted small">
          Computed from history: {pct(rate.computed_percent)} ({fmtMoney(rate.lost, currency)} lost of{' '}
          {fmtMoney(rate.reached, currency)} reached).
        </p>
        <Field label="Loss rate (%)" error={errors.percent}>
          <input
            inputMode="decimal"
            className="num"
            value={percent}
            onChange={(e) => setPercent(e.target.value)}
            autoFocus
          />
        </Field>
        <Field label="Reason" error={errors.reason}>
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
        </Field>
        <Field
          label="In force from"
          error={errors.effective_from}
          hint={from ? `Provisions before ${fmtDate(from)} keep the rate they had, so last month's figure and the movement from it stand.` : undefined}
        >
          <input type="date" required value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        {segment && (
          <fieldset className="checks">
            <legend>Applies to</legend>
            <label className="check">
              <input type="radio" name="scope" checked={scope === 'own'} onChange={() => setScope('own')} />
              {segment.label} only
            </label>
            <label className="check">
              <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} />
              Every segment without its own override
            </label>
          </fieldset>
        )}
        {needsBanner(save.error, lastPart(fieldErrorsOf(save.error)), (f) => PLACED.includes(f)) && (
          <ErrorBanner error={save.error} />
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save override'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
