import { GST_STATES } from '@duely/domain/gst';
import { cloneElement, type ReactElement, useId } from 'react';
import { useSession } from '../auth/session.tsx';
import { ApiError, errorMessage } from './api.ts';

export type FieldErrors = Record<string, string>;

/**
 * Server validation errors keyed by field path ("lines.0.unit_price"), so each message can sit
 * next to the input it is about. Zod errors list every issue; service errors name one field.
 */
export function fieldErrorsOf(error: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!(error instanceof ApiError)) return out;
  const issues = error.details.issues;
  if (Array.isArray(issues)) {
    for (const issue of issues as { field?: unknown; message?: unknown }[]) {
      if (typeof issue.field === 'string' && !(issue.field in out))
        out[normalise(issue.field)] = String(issue.message ?? 'invalid');
    }
  }
  const field = error.field;
  if (field && !(normalise(field) in out)) {
    const prefix = `${field}: `;
    out[normalise(field)] = error.message.startsWith(prefix)
      ? error.message.slice(prefix.length)
      : error.message;
  }
  return out;
}

/** Domain rules write "allocations[1].tds", zod writes "allocations.1.tds": one spelling here. */
export function normalise(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

/**
 * Whether a failed request needs a banner: yes unless every field the server blamed has its
 * message shown beside an input of this form.
 */
export function needsBanner(
  error: unknown,
  errors: FieldErrors,
  placed: (field: string) => boolean,
): boolean {
  if (!error) return false;
  const fields = Object.keys(errors);
  return fields.length === 0 || !fields.every(placed);
}

export function Field({
  label,
  error,
  hint,
  children,
  className,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ReactElement<{ id?: string }>;
  className?: string;
}) {
  const generated = useId();
  const id = children.props.id ?? generated;
  // An explicit for/id pair, not a wrapping label: a wrapped <select> would be named after its
  // own selected option ("Risk Any"), and a wrapped error would become part of the input's name.
  return (
    <div className={['field', error ? 'has-error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {cloneElement(children, { id })}
      {hint && !error && <span className="field-hint">{hint}</span>}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/**
 * The "As of" date of a report page. Picking today clears it from the URL, so a saved link to
 * the page shows the day it is opened, not the day it was saved.
 */
export function AsOfField({ value, onChange }: { value: string; onChange: (asOf: string) => void }) {
  const { today } = useSession();
  return (
    <Field label="As of">
      <input
        type="date"
        required
        value={value}
        onChange={(e) => onChange(e.target.value === today() ? '' : e.target.value)}
      />
    </Field>
  );
}

export function ErrorBanner({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className="banner error" role="alert">
      {errorMessage(error)}
    </div>
  );
}

/** One option per GST state, "24 Gujarat", for a select whose first option the caller gives. */
export function GstStateOptions() {
  return (
    <>
      {Object.entries(GST_STATES).map(([code, name]) => (
        <option key={code} value={code}>
          {code} {name}
        </option>
      ))}
    </>
  );
}
