import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSession } from '../auth/session.tsx';
import { api } from '../lib/api.ts';
import { ErrorBanner, Field, fieldErrorsOf, needsBanner } from '../lib/forms.tsx';
import type { Contact, ContactBody } from '../lib/types.ts';
import { Empty } from '../lib/ui.tsx';

const CHANNELS = ['email', 'phone', 'sms', 'whatsapp', 'visit', 'letter'] as const;

export function ContactsPanel({ customerId, contacts }: { customerId: string; contacts: Contact[] }) {
  const { can } = useSession();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const writable = can('customers.write');
  return (
    <section className="panel" aria-labelledby="contacts-title">
      <div className="panel-head">
        <h2 id="contacts-title">Contacts</h2>
        {writable && editing === null && (
          <button type="button" onClick={() => setEditing('new')}>
            Add contact
          </button>
        )}
      </div>
      {editing === 'new' && <ContactForm customerId={customerId} onDone={() => setEditing(null)} />}
      {contacts.length === 0 && editing !== 'new' && <Empty>No contacts yet.</Empty>}
      {contacts.length > 0 && (
        <table className="grid compact">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email / phone</th>
              <th scope="col">Prefers</th>
              <th scope="col">Consent</th>
              {writable && (
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {contacts.map((c) =>
              editing === c.id ? (
                <tr key={c.id}>
                  <td colSpan={writable ? 5 : 4}>
                    <ContactForm customerId={customerId} contact={c} onDone={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <ContactRow
                  key={c.id}
                  contact={c}
                  customerId={customerId}
                  writable={writable}
                  onEdit={() => setEditing(c.id)}
                />
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ContactRow({
  contact: c,
  customerId,
  writable,
  onEdit,
}: {
  contact: Contact;
  customerId: string;
  writable: boolean;
  onEdit: () => void;
}) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.delete(`/contacts/${c.id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['customer', customerId] }),
  });
  return (
    <tr data-testid="contact-row" className={c.do_not_contact ? 'dnc' : ''}>
      <td>
        <strong>{c.name}</strong>
        {c.is_primary && <span className="badge badge-primary">Primary</span>}
        {c.role && <div className="muted">{c.role}</div>}
      </td>
      <td>
        {c.email && (
          <div>
            <a href={`mailto:${c.email}`}>{c.email}</a>
          </div>
        )}
        {c.phone && <div className="mono">{c.phone}</div>}
        {c.whatsapp && <div className="mono">WhatsApp {c.whatsapp}</div>}
      </td>
      <td>
        {c.preferred_channel}
        {c.language && <span className="muted"> · {c.language}</span>}
      </td>
      <td className="flags">
        {c.do_not_contact ? (
          <span className="badge badge-dnc">Do not contact</span>
        ) : (
          <>
            <Consent label="Email" on={c.consent_email} />
            <Consent label="SMS" on={c.consent_sms} />
            <Consent label="WhatsApp" on={c.consent_whatsapp} />
          </>
        )}
      </td>
      {writable && (
        <td className="actions">
          {confirming ? (
            <>
              <button
                type="button"
                className="danger"
                onClick={() => remove.mutate()}
                disabled={remove.isPending}
              >
                Confirm delete
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <>
              <button type="button" className="link" onClick={onEdit} aria-label={`Edit ${c.name}`}>
                Edit
              </button>
              <button
                type="button"
                className="link danger"
                onClick={() => setConfirming(true)}
                aria-label={`Delete ${c.name}`}
              >
                Delete
              </button>
            </>
          )}
          <ErrorBanner error={remove.error} />
        </td>
      )}
    </tr>
  );
}

function Consent({ label, on }: { label: string; on: boolean }) {
  return (
    <span
      className={`badge ${on ? 'badge-consent' : 'badge-noconsent'}`}
      title={on ? `${label}: consent given` : `${label}: no consent`}
    >
      {on ? '✓' : '✗'} {label}
    </span>
  );
}

type Draft = {
  name: string;
  role: string;
  email: string;
  phone: string;
  whatsapp: string;
  preferred_channel: (typeof CHANNELS)[number];
  language: string;
  consent_email: boolean;
  consent_sms: boolean;
  consent_whatsapp: boolean;
  do_not_contact: boolean;
  is_primary: boolean;
};

function draftOf(c?: Contact): Draft {
  return {
    name: c?.name ?? '',
    role: c?.role ?? '',
    email: c?.email ?? '',
    phone: c?.phone ?? '',
    whatsapp: c?.whatsapp ?? '',
    preferred_channel: c?.preferred_channel ?? 'email',
    language: c?.language ?? '',
    consent_email: c?.consent_email ?? true,
    consent_sms: c?.consent_sms ?? false,
    consent_whatsapp: c?.consent_whatsapp ?? false,
    do_not_contact: c?.do_not_contact ?? false,
    is_primary: c?.is_primary ?? false,
  };
}

function ContactForm({
  customerId,
  contact,
  onDone,
}: {
  customerId: string;
  contact?: Contact;
  onDone: () => void;
}) {
  const client = useQueryClient();
  const [d, setD] = useState<Draft>(() => draftOf(contact));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((prev) => ({ ...prev, [key]: value }));
  const save = useMutation({
    mutationFn: () => {
      const body: ContactBody = {
        ...d,
        role: d.role.trim() || null,
        email: d.email.trim() || null,
        phone: d.phone.trim() || null,
        whatsapp: d.whatsapp.trim() || null,
        language: d.language.trim() || null,
      };
      return contact
        ? api.patch(`/contacts/${contact.id}`, body)
        : api.post(`/customers/${customerId}/contacts`, body);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['customer', customerId] });
      onDone();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const known = ['name', 'role', 'email', 'phone', 'whatsapp', 'language'];
  return (
    <form
      className="contact-form"
      onSubmit={onSubmit}
      aria-label={contact ? `Edit contact ${contact.name}` : 'New contact'}
    >
      <div className="form-grid">
        <Field label="Name" error={errors.name}>
          <input
            value={d.name}
            onChange={(e) => set('name', e.target.value)}
            required
            // biome-ignore lint/a11y/noAutofocus: the form opens on request; typing starts at the name
            autoFocus
          />
        </Field>
        <Field label="Role" error={errors.role}>
          <input
            value={d.role}
            onChange={(e) => set('role', e.target.value)}
            placeholder="Accounts payable"
          />
        </Field>
        <Field label="Email" error={errors.email}>
          <input type="email" value={d.email} onChange={(e) => set('email', e.target.value)} />
        </Field>
        <Field label="Phone" error={errors.phone}>
          <input
            type="tel"
            value={d.phone}
            onChange={(e) => set('phone', e.target.value)}
            placeholder="+91 98250 12345"
          />
        </Field>
        <Field label="WhatsApp" error={errors.whatsapp}>
          <input type="tel" value={d.whatsapp} onChange={(e) => set('whatsapp', e.target.value)} />
        </Field>
        <Field label="Preferred channel">
          <select
            value={d.preferred_channel}
            onChange={(e) => set('preferred_channel', e.target.value as Draft['preferred_channel'])}
          >
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Language" error={errors.language}>
          <input
            value={d.language}
            onChange={(e) => set('language', e.target.value)}
            placeholder="en, hi, gu, te"
            size={6}
          />
        </Field>
      </div>
      <fieldset className="checks">
        <legend>Consent and flags</legend>
        <Check label="Email consent" checked={d.consent_email} onChange={(v) => set('consent_email', v)} />
        <Check label="SMS consent" checked={d.consent_sms} onChange={(v) => set('consent_sms', v)} />
        <Check
          label="WhatsApp consent"
          checked={d.consent_whatsapp}
          onChange={(v) => set('consent_whatsapp', v)}
        />
        <Check label="Do not contact" checked={d.do_not_contact} onChange={(v) => set('do_not_contact', v)} />
        <Check label="Primary contact" checked={d.is_primary} onChange={(v) => set('is_primary', v)} />
      </fieldset>
      {needsBanner(save.error, errors, (f) => known.includes(f)) && <ErrorBanner error={save.error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {contact ? 'Save contact' : 'Add contact'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Check({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}
