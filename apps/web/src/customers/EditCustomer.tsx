import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type Page } from '../lib/api.ts';
import { ErrorBanner, Field, fieldErrorsOf, needsBanner } from '../lib/forms.tsx';
import type { CustomerFull, PaymentTerms } from '../lib/types.ts';
import { Dialog } from '../lib/ui.tsx';
import { useUsers } from './CustomersPage.tsx';

const PLACED = ['collector_id', 'risk_class', 'credit_limit', 'payment_terms_id', 'city'];

/** The fields a credit controller changes day to day: collector, risk, limit and terms. */
export function EditCustomer({ customer }: { customer: CustomerFull }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Edit
      </button>
      {open && <EditDialog customer={customer} onClose={() => setOpen(false)} />}
    </>
  );
}

function EditDialog({ customer, onClose }: { customer: CustomerFull; onClose: () => void }) {
  const client = useQueryClient();
  const users = useUsers();
  const terms = useQuery({
    queryKey: ['payment-terms'],
    queryFn: () => api.get<Page<PaymentTerms>>('/payment-terms'),
    staleTime: 300_000,
  });
  const [d, setD] = useState({
    collector_id: customer.collector_id ?? '',
    risk_class: customer.risk_class,
    credit_limit: customer.credit_limit ?? '',
    payment_terms_id: customer.payment_terms_id ?? '',
    city: customer.city ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      api.patch<CustomerFull>(`/customers/${customer.id}`, {
        collector_id: d.collector_id || null,
        risk_class: d.risk_class,
        credit_limit: d.credit_limit.trim().replace(/,/g, '') || null,
        payment_terms_id: d.payment_terms_id || null,
        city: d.city.trim() || null,
      }),
    onSuccess: (updated) => {
      client.setQueryData(['customer', customer.id], updated);
      client.invalidateQueries({ queryKey: ['customers'] });
      onClose();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Dialog title={`Edit ${customer.name}`} onClose={onClose}>
      <form onSubmit={submit} className="stack">
        <Field label="Collector" error={errors.collector_id}>
          <select value={d.collector_id} onChange={(e) => setD({ ...d, collector_id: e.target.value })}>
            <option value="">Unassigned</option>
            {users.data?.data.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Risk class" error={errors.risk_class}>
          <select
            value={d.risk_class}
            onChange={(e) => setD({ ...d, risk_class: e.target.value as CustomerFull['risk_class'] })}
          >
            <option value="low">Low</option>
            <option value="medium">Medium</option>
            <option value="high">High</option>
            <option value="critical">Critical</option>
          </select>
        </Field>
        <Field label={`Credit limit (${customer.currency})`} error={errors.credit_limit}>
          <input
            inputMode="decimal"
            value={d.credit_limit}
            onChange={(e) => setD({ ...d, credit_limit: e.target.value })}
            placeholder="No limit"
          />
        </Field>
        <Field label="Payment terms" error={errors.payment_terms_id}>
          <select
            value={d.payment_terms_id}
            onChange={(e) => setD({ ...d, payment_terms_id: e.target.value })}
          >
            <option value="">None</option>
            {terms.data?.data.map((t) => (
              <option key={t.id} value={t.id}>
                {t.code} — {t.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="City" error={errors.city}>
          <input value={d.city} onChange={(e) => setD({ ...d, city: e.target.value })} />
        </Field>
        {needsBanner(save.error, errors, (f) => PLACED.includes(f)) && <ErrorBanner error={save.error} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            Save
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
