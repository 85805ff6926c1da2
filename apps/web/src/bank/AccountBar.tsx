import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSession } from '../auth/session.tsx';
import { api } from '../lib/api.ts';
import { ErrorBanner, Field, fieldErrorsOf, needsBanner } from '../lib/forms.tsx';
import { useBankAccounts } from './queries.ts';
import type { BankAccountBody, BankAccountT } from './types.ts';

export function accountLabel(a: BankAccountT): string {
  const tail = a.account_number ? ` ·${a.account_number.slice(-4)}` : '';
  return `${a.name}${tail} (${a.currency})`;
}

/**
 * The account the page works on. "Any" lets the server pick the account from the statement's
 * own account number, which is right for almost every file a bank sends.
 */
export function AccountBar({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (id: string) => void;
  error?: string | undefined;
}) {
  const { can } = useSession();
  const accounts = useBankAccounts();
  const [adding, setAdding] = useState(false);
  const list = accounts.data?.data ?? [];
  return (
    <div className="bank-accounts">
      <div className="filters">
        <Field label="Bank account" error={error}>
          <select value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">Any account (from the statement)</option>
            {list.map((a) => (
              <option key={a.id} value={a.id}>
                {accountLabel(a)}
              </option>
            ))}
          </select>
        </Field>
        {can('bank.write') && !adding && (
          <button type="button" onClick={() => setAdding(true)}>
            Add bank account
          </button>
        )}
      </div>
      <ErrorBanner error={accounts.error} />
      {accounts.data && list.length === 0 && !adding && (
        <p className="banner warn">
          No bank account yet: add the account the statements come from before uploading one.
        </p>
      )}
      {adding && (
        <NewAccountForm
          onDone={(created) => {
            setAdding(false);
            if (created) onChange(created.id);
          }}
        />
      )}
    </div>
  );
}

const FIELDS = ['name', 'bank_name', 'account_number', 'ifsc', 'bic', 'currency'];

function NewAccountForm({ onDone }: { onDone: (created: BankAccountT | null) => void }) {
  const { currency } = useSession();
  const client = useQueryClient();
  const [form, setForm] = useState({
    name: '',
    bank_name: '',
    account_number: '',
    ifsc: '',
    bic: '',
    currency,
  });
  const set = (key: keyof typeof form, value: string) => setForm((f) => ({ ...f, [key]: value }));
  const save = useMutation({
    mutationFn: (body: BankAccountBody) => api.post<BankAccountT>('/bank-accounts', body),
    onSuccess: (created) => {
      // In the list before it is chosen: a select set to an id it has no option for shows "Any".
      client.setQueryData<{ data: BankAccountT[] }>(['bank-accounts'], (old) =>
        old ? { ...old, data: [...old.data, created] } : { data: [created] },
      );
      client.invalidateQueries({ queryKey: ['bank-accounts'] });
      onDone(created);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const opt = (s: string) => s.trim() || null;
    save.mutate({
      name: form.name.trim(),
      bank_name: opt(form.bank_name),
      account_number: opt(form.account_number),
      ifsc: opt(form.ifsc),
      bic: opt(form.bic),
      currency: form.currency.trim().toUpperCase(),
    });
  };
  return (
    <form className="panel" aria-label="New bank account" onSubmit={onSubmit}>
      <div className="form-grid">
        <Field label="Account name" error={errors.name} hint="As your team calls it, e.g. HDFC current">
          <input required value={form.name} onChange={(e) => set('name', e.target.value)} />
        </Field>
        <Field label="Bank" error={errors.bank_name}>
          <input value={form.bank_name} onChange={(e) => set('bank_name', e.target.value)} />
        </Field>
        <Field
          label="Account number or IBAN"
          error={errors.account_number}
          hint="Must match the statement's account (:25: in MT940)"
        >
          <input
            className="mono"
            value={form.account_number}
            onChange={(e) => set('account_number', e.target.value)}
          />
        </Field>
        <Field label="IFSC" error={errors.ifsc}>
          <input className="mono" value={form.ifsc} onChange={(e) => set('ifsc', e.target.value)} />
        </Field>
        <Field label="BIC" error={errors.bic}>
          <input className="mono" value={form.bic} onChange={(e) => set('bic', e.target.value)} />
        </Field>
        <Field label="Currency" error={errors.currency}>
          <input
            className="mono"
            size={4}
            required
            value={form.currency}
            onChange={(e) => set('currency', e.target.value)}
          />
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save account
        </button>
        <button type="button" className="link" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
      {needsBanner(save.error, errors, (f) => FIELDS.includes(f)) && <ErrorBanner error={save.error} />}
    </form>
  );
}
