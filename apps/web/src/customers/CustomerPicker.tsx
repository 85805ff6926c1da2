import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, type Page } from '../lib/api.ts';
import { useDebounced } from '../lib/hooks.ts';
import { Money } from '../lib/money.tsx';
import type { Customer } from '../lib/types.ts';

export interface Picked {
  id: string;
  code: string;
  name: string;
  currency: string;
}

/** Searchable customer combobox (ARIA 1.2 pattern): type, arrow to a match, Enter to pick. */
export function CustomerPicker({
  value,
  onChange,
  error,
  autoFocus,
  label = 'Customer',
}: {
  value: Picked | null;
  onChange: (c: Picked | null) => void;
  error?: string | undefined;
  autoFocus?: boolean;
  label?: string;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebounced(text.trim(), 200);
  const results = useQuery({
    queryKey: ['customers', 'pick', q],
    queryFn: ({ signal }) => api.get<Page<Customer>>('/customers', { q, limit: 10 }, signal),
    enabled: open,
  });
  // Only results for what is typed now: Enter must never pick from an older, wider search.
  const current = q === text.trim();
  const options = current ? (results.data?.data ?? []) : [];

  if (value) {
    return (
      <div className={`field ${error ? 'has-error' : ''}`}>
        <span className="field-label" id={`${id}-label`}>
          {label}
        </span>
        <fieldset className="picked" aria-labelledby={`${id}-label`} data-testid="picked-customer">
          <span className="mono">{value.code}</span> <strong>{value.name}</strong>
          <button
            type="button"
            className="link"
            onClick={() => {
              onChange(null);
              setText('');
            }}
          >
            Change
          </button>
        </fieldset>
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
    );
  }

  const pick = (c: Customer) => {
    onChange({ id: c.id, code: c.code, name: c.name, currency: c.currency });
    setOpen(false);
  };
  return (
    <div className={`field combobox ${error ? 'has-error' : ''}`}>
      <label className="field-label" htmlFor={`${id}-input`}>
        {label}
      </label>
      <input
        id={`${id}-input`}
        role="combobox"
        aria-expanded={open && options.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${id}-opt-${active}` : undefined}
        autoComplete="off"
        // biome-ignore lint/a11y/noAutofocus: the caller decides; entry forms start at the customer
        autoFocus={autoFocus}
        placeholder="Search code, name, GSTIN…"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(options.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter' && open && options[active]) {
            e.preventDefault();
            pick(options[active]);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      {open && options.length > 0 && (
        <div className="listbox" role="listbox" id={`${id}-list`} aria-label="Matching customers">
          {options.map((c, i) => (
            <div
              key={c.id}
              tabIndex={-1}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(c);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="mono">{c.code}</span> {c.name}
              <span className="muted">
                {c.city ? ` · ${c.city}` : ''} · <Money value={c.balance} currency={c.currency} />
              </span>
            </div>
          ))}
        </div>
      )}
      {open && current && results.isFetched && options.length === 0 && (
        <span className="field-hint">No customer matches “{text}”.</span>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
