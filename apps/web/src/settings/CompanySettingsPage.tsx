import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useSession } from '../auth/session.tsx';
import { api } from '../lib/api.ts';
import { ErrorBanner, Field, fieldErrorsOf, GstStateOptions, needsBanner } from '../lib/forms.tsx';
import type { SettingsPatch, SettingsT } from '../lib/types.ts';

const SETTINGS_KEY = ['settings'] as const;

/** The form's text for each setting; what the server holds is turned into it and back. */
interface Draft {
  name: string;
  gstin: string;
  gst_state_code: string;
  write_off_tolerance: string;
  bank_charge_tolerance: string;
  max_tds_percent: string;
  default_bounce_charge: string;
  aging_bounds: string;
  cashapp_auto_threshold: string;
}

/** The receipt rules, each a decimal typed as text. */
const DECIMALS = [
  {
    field: 'write_off_tolerance',
    label: 'Small balance write-off',
    hint: 'Most a receipt may write off per invoice',
  },
  {
    field: 'bank_charge_tolerance',
    label: 'Bank charges accepted',
    hint: 'Most taken as bank charges per allocation',
  },
  { field: 'max_tds_percent', label: 'Largest TDS (%)', hint: 'Of the taxable value' },
  { field: 'default_bounce_charge', label: 'Bounce charge', hint: 'Offered when a cheque is returned' },
] as const;

function draftOf(s: SettingsT): Draft {
  return {
    name: s.name,
    gstin: s.gstin ?? '',
    gst_state_code: s.gst_state_code ?? '',
    write_off_tolerance: s.write_off_tolerance,
    bank_charge_tolerance: s.bank_charge_tolerance,
    max_tds_percent: s.max_tds_percent,
    default_bounce_charge: s.default_bounce_charge,
    aging_bounds: s.aging_bounds.join(', '),
    cashapp_auto_threshold: String(s.cashapp_auto_threshold),
  };
}

/** Only what changed is sent, so one bad field never resends the others. */
function patchOf(before: Draft, d: Draft): SettingsPatch {
  const patch: SettingsPatch = {};
  if (d.name !== before.name) patch.name = d.name.trim();
  if (d.gstin !== before.gstin) patch.gstin = d.gstin.trim() || null;
  if (d.gst_state_code !== before.gst_state_code) patch.gst_state_code = d.gst_state_code || null;
  for (const { field } of DECIMALS) {
    if (d[field] !== before[field]) patch[field] = d[field].trim();
  }
  if (d.aging_bounds !== before.aging_bounds) {
    patch.aging_bounds = d.aging_bounds
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(wholeNumber);
  }
  if (d.cashapp_auto_threshold !== before.cashapp_auto_threshold) {
    patch.cashapp_auto_threshold = wholeNumber(d.cashapp_auto_threshold);
  }
  return patch;
}

/** A word that is not a whole number goes as NaN, which the server refuses naming the field. */
function wholeNumber(text: string): number {
  return /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
}

/** The rules the allocation checks and cash application follow, and the company's GST registration. */
export function CompanySettingsPage() {
  const { can, currency } = useSession();
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: ({ signal }) => api.get<SettingsT>('/settings', undefined, signal),
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data && !draft) setDraft(draftOf(settings.data));
  }, [settings.data, draft]);
  const save = useMutation({
    mutationFn: (patch: SettingsPatch) => api.patch<SettingsT>('/settings', patch),
    onSuccess: (after) => {
      client.setQueryData(SETTINGS_KEY, after);
      setDraft(draftOf(after));
      setSaved(true);
      // Aging buckets and tolerances change what the reports and the workbench show.
      client.invalidateQueries({
        predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== SETTINGS_KEY[0],
      });
    },
  });
  const editable = can('settings.manage');
  // A list's error names its item ("aging_bounds.2"); it is shown under the list's field.
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrorsOf(save.error)))
    errors[path.split('.')[0]!] ??= message;
  const fields = new Set(Object.keys(draft ?? {}));
  const before = settings.data ? draftOf(settings.data) : null;
  const changed = Boolean(before && draft && Object.keys(patchOf(before, draft)).length > 0);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!before || !draft) return;
    setSaved(false);
    save.mutate(patchOf(before, draft));
  };
  const set = (field: keyof Draft) => (e: { target: { value: string } }) => {
    setSaved(false);
    setDraft((d) => (d ? { ...d, [field]: e.target.value } : d));
  };

  return (
    <section>
      <div className="page-head">
        <div>
          <p className="crumbs">Settings</p>
          <h1>Company</h1>
          <p className="muted small">
            The rules receipts and cash application follow. Amounts are in {currency}. Every change is
            audited.
          </p>
        </div>
      </div>
      <ErrorBanner error={settings.error} />
      {needsBanner(save.error, errors, (f) => fields.has(f)) && <ErrorBanner error={save.error} />}
      {!draft ? (
        <p role="status">Loading settings…</p>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Company settings">
          <fieldset disabled={!editable || save.isPending} className="settings-grid">
            <section className="panel" aria-labelledby="company-title">
              <h2 id="company-title">Company</h2>
              <div className="form-grid">
                <Field label="Name" error={errors.name}>
                  <input value={draft.name} onChange={set('name')} />
                </Field>
                <Field
                  label="GSTIN"
                  error={errors.gstin}
                  hint="15 characters; the first two are the state code"
                >
                  <input
                    className="mono"
                    value={draft.gstin}
                    onChange={set('gstin')}
                    maxLength={15}
                    autoComplete="off"
                  />
                </Field>
                <Field label="GST state" error={errors.gst_state_code}>
                  <select value={draft.gst_state_code} onChange={set('gst_state_code')}>
                    <option value="">Not registered in India</option>
                    <GstStateOptions />
                  </select>
                </Field>
              </div>
            </section>
            <section className="panel" aria-labelledby="receipts-title">
              <h2 id="receipts-title">Receipts</h2>
              <div className="form-grid">
                {DECIMALS.map(({ field, label, hint }) => (
                  <Field key={field} label={label} error={errors[field]} hint={hint}>
                    <input className="num" inputMode="decimal" value={draft[field]} onChange={set(field)} />
                  </Field>
                ))}
              </div>
            </section>
            <section className="panel" aria-labelledby="reports-title">
              <h2 id="reports-title">Aging and cash application</h2>
              <div className="form-grid">
                <Field
                  label="Aging buckets (days past due)"
                  error={errors.aging_bounds}
                  hint="30, 60, 90 gives Current, 1–30, 31–60, 61–90, 90+"
                >
                  <input className="mono" value={draft.aging_bounds} onChange={set('aging_bounds')} />
                </Field>
                <Field
                  label="Auto-apply at confidence (%)"
                  error={errors.cashapp_auto_threshold}
                  hint="50–100. A bank line matched at or above it becomes a receipt without a person; below it is suggested"
                >
                  <input
                    className="num"
                    inputMode="numeric"
                    value={draft.cashapp_auto_threshold}
                    onChange={set('cashapp_auto_threshold')}
                  />
                </Field>
              </div>
            </section>
          </fieldset>
          {editable ? (
            <div className="form-actions">
              <button type="submit" className="primary" disabled={!changed || save.isPending}>
                {save.isPending ? 'Saving…' : 'Save settings'}
              </button>
              {saved && (
                <span role="status" className="muted">
                  Saved.
                </span>
              )}
            </div>
          ) : (
            <p className="muted small">Only an administrator can change these.</p>
          )}
        </form>
      )}
    </section>
  );
}
