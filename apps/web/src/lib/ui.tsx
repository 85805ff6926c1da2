import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react';

/**
 * Arrow keys move between rows, Home/End jump, Enter opens. Rows are focusable with a roving
 * tabindex so Tab still leaves the table in one step.
 */
export function useRowKeys(onOpen: (index: number) => void) {
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const row = (event.target as HTMLElement).closest('tr');
    if (!row || row.parentElement !== event.currentTarget) return;
    const rows = [...event.currentTarget.querySelectorAll<HTMLTableRowElement>(':scope > tr[data-row]')];
    const index = rows.indexOf(row);
    if (index < 0) return;
    let next = -1;
    if (event.key === 'ArrowDown' || event.key === 'j') next = Math.min(rows.length - 1, index + 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') next = Math.max(0, index - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = rows.length - 1;
    else if (event.key === 'Enter' && event.target === row) {
      event.preventDefault();
      onOpen(index);
      return;
    }
    if (next >= 0 && event.target === row) {
      event.preventDefault();
      focusRow(rows, next);
    }
  };
  return { onKeyDown };
}

function focusRow(rows: HTMLTableRowElement[], index: number) {
  for (const [i, r] of rows.entries()) r.tabIndex = i === index ? 0 : -1;
  rows[index]?.focus();
}

/** From a search box, ArrowDown lands on the first row of the list below it. */
export function focusFirstRow(tbody: HTMLTableSectionElement | null) {
  const rows = tbody ? [...tbody.querySelectorAll<HTMLTableRowElement>(':scope > tr[data-row]')] : [];
  if (rows.length) focusRow(rows, 0);
}

export function LoadMore({
  hasMore,
  loading,
  onClick,
  shown,
}: {
  hasMore: boolean;
  loading: boolean;
  onClick: () => void;
  shown: number;
}) {
  return (
    <div className="load-more">
      <span className="muted" role="status">
        {shown} shown{hasMore ? '' : ' — end of list'}
      </span>
      {hasMore && (
        <button type="button" onClick={onClick} disabled={loading}>
          {loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}

const STATUS_LABEL: Record<string, string> = {
  open: 'Open',
  partially_paid: 'Part paid',
  paid: 'Paid',
  void: 'Void',
  active: 'Active',
  reversed: 'Reversed',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
};

export function Badge({ value, tone }: { value: string; tone?: string }) {
  return (
    <span className={`badge badge-${tone ?? value}`}>{STATUS_LABEL[value] ?? value.replace(/_/g, ' ')}</span>
  );
}

/** Age colour of an overdue item: the bands collectors sort their day by. */
export function ageClass(daysOverdue: number): string {
  if (daysOverdue <= 0) return 'age-current';
  if (daysOverdue <= 30) return 'age-30';
  if (daysOverdue <= 60) return 'age-60';
  if (daysOverdue <= 90) return 'age-90';
  return 'age-90plus';
}

export function Dialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const id = `dlg-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </dialog>
  );
}

export function Tabs<T extends string>({
  tabs,
  active,
  onChange,
  label,
}: {
  tabs: { id: T; label: string }[];
  active: T;
  onChange: (id: T) => void;
  label: string;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.id === active);
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    if (next < 0) return;
    event.preventDefault();
    onChange(tabs[next]!.id);
    event.currentTarget.querySelectorAll<HTMLButtonElement>('[role=tab]')[next]?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`tab-${t.id}`}
          aria-selected={t.id === active}
          aria-controls={`panel-${t.id}`}
          tabIndex={t.id === active ? 0 : -1}
          onClick={() => onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** A summary figure with its label, as the dashboard, customer and provisions pages head with. */
export function Card({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <div className="card" data-testid={testId}>
      <span className="field-label">{label}</span>
      <span className="card-value">{children}</span>
    </div>
  );
}
