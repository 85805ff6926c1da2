import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../lib/api.ts';
import { fmtDate } from '../lib/dates.ts';
import { useDebounced } from '../lib/hooks.ts';
import { Money } from '../lib/money.tsx';
import type { Invoice } from '../lib/types.ts';

/**
 * The "/" search of the workbench. With a customer chosen it narrows that customer's open
 * invoices (the grid filters on `text`); without one it finds open invoices of any customer by
 * number, since the number in a narration is often the only clue to who paid.
 */
export function OpenItemSearch({
  text,
  onText,
  customerChosen,
  onPick,
}: {
  text: string;
  onText: (t: string) => void;
  customerChosen: boolean;
  onPick: (invoice: Invoice) => void;
}) {
  const q = useDebounced(text.trim(), 200);
  const results = useQuery({
    queryKey: ['invoices', 'open-search', q],
    queryFn: ({ signal }) => api.get<Page<Invoice>>('/invoices', { q, status: 'unpaid', limit: 10 }, signal),
    enabled: !customerChosen && q.length >= 2,
  });
  const found = !customerChosen && q.length >= 2 ? (results.data?.data ?? []) : [];
  return (
    <div className="open-search">
      <label className="field-label" htmlFor="open-item-search">
        Search open items <kbd>/</kbd>
      </label>
      <input
        id="open-item-search"
        type="search"
        data-search
        autoComplete="off"
        placeholder={customerChosen ? 'Invoice number of this customer' : 'Invoice number, any customer'}
        value={text}
        onChange={(e) => onText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && found[0]) {
            e.preventDefault();
            onPick(found[0]);
          } else if (e.key === 'Escape') {
            onText('');
            e.currentTarget.blur();
          }
        }}
      />
      {found.length > 0 && (
        <ul className="open-search-results" aria-label="Open invoices found">
          {found.map((inv) => (
            <li key={inv.id}>
              <button type="button" className="link" onClick={() => onPick(inv)}>
                <span className="mono">{inv.number}</span> · {inv.customer_name} · due {fmtDate(inv.due_date)}{' '}
                · <Money value={inv.open_amount} currency={inv.currency} /> open
              </button>
            </li>
          ))}
        </ul>
      )}
      {!customerChosen && q.length >= 2 && results.isFetched && found.length === 0 && (
        <span className="field-hint">No open invoice number contains “{q}”.</span>
      )}
      {results.error && (
        <span className="field-error" role="alert">
          {(results.error as Error).message}
        </span>
      )}
    </div>
  );
}
