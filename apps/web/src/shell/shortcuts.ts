import { useEffect } from 'react';
import { useNavigate } from 'react-router';

/** Two-key "g" sequences, as in mail clients: press g, then the letter, within a second. */
export const GO_SHORTCUTS: { key: string; path: string; label: string }[] = [
  { key: 'd', path: '/dashboard', label: 'Dashboard' },
  { key: 'c', path: '/customers', label: 'Customers' },
  { key: 'i', path: '/invoices', label: 'Invoices' },
  { key: 'r', path: '/receipts', label: 'Receipts' },
  { key: 'n', path: '/receipts/new', label: 'New receipt' },
  { key: 'a', path: '/aging', label: 'Aging' },
  { key: 'p', path: '/provisions', label: 'Provisions' },
  { key: 'b', path: '/bank', label: 'Bank & cash' },
  { key: 'm', path: '/imports', label: 'Imports' },
  { key: 'x', path: '/settings/exchange-rates', label: 'Exchange rates' },
  { key: 's', path: '/settings/company', label: 'Settings' },
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(type);
}

/** "/" focuses the page's search box (or takes you to customer search), g-sequences navigate, ? shows help. */
export function useGlobalShortcuts(onHelp: () => void) {
  const navigate = useNavigate();
  useEffect(() => {
    let pendingG = 0;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      if (pendingG && Date.now() - pendingG < 1000) {
        pendingG = 0;
        const hit = GO_SHORTCUTS.find((s) => s.key === event.key.toLowerCase());
        if (hit) {
          event.preventDefault();
          navigate(hit.path);
        }
        return;
      }
      if (event.key === 'g') {
        pendingG = Date.now();
        return;
      }
      if (event.key === '/') {
        event.preventDefault();
        const search = document.querySelector<HTMLInputElement>('[data-search]');
        if (search) {
          search.focus();
          search.select();
        } else {
          navigate('/customers', { state: { focusSearch: true } });
        }
        return;
      }
      if (event.key === '?') {
        event.preventDefault();
        onHelp();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, onHelp]);
}
