import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/session.tsx';
import { ME_KEY } from '../auth/session.tsx';
import { api, setCsrfToken } from '../lib/api.ts';
import { GO_SHORTCUTS, useGlobalShortcuts } from './shortcuts.ts';

const NAV = [
  { to: '/dashboard', label: 'Dashboard', keys: 'g d' },
  { to: '/customers', label: 'Customers', keys: 'g c' },
  { to: '/invoices', label: 'Invoices', keys: 'g i' },
  { to: '/receipts', label: 'Receipts', keys: 'g r', end: true },
  { to: '/receipts/new', label: 'New receipt', keys: 'g n' },
  { to: '/aging', label: 'Aging', keys: 'g a' },
  { to: '/provisions', label: 'Provisions', keys: 'g p' },
  { to: '/bank', label: 'Bank & cash', keys: 'g b' },
  { to: '/imports', label: 'Imports', keys: 'g m' },
  { to: '/settings/exchange-rates', label: 'Exchange rates', keys: 'g x' },
  { to: '/settings/company', label: 'Settings', keys: 'g s' },
];

export function AppShell() {
  const { me } = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const [help, setHelp] = useState(false);
  const showHelp = useCallback(() => setHelp(true), []);
  useGlobalShortcuts(showHelp);

  // After a client-side navigation, keyboard and screen-reader users start at the new content.
  // Not on the first load: there the browser's order applies, starting with the skip link.
  const navigated = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose whenever the page changes
  useEffect(() => {
    if (!navigated.current) {
      navigated.current = true;
      return;
    }
    const heading = mainRef.current?.querySelector('h1');
    if (heading && !mainRef.current?.contains(document.activeElement)) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
  }, [location.pathname]);

  const logout = useMutation({
    mutationFn: () => api.post('/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(ME_KEY, null);
      navigate('/login', { replace: true });
    },
  });

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            D
          </span>
          Duely
        </span>
        <span className="company" data-testid="company-name">
          {me.tenant.name}
        </span>
        <span className="spacer" />
        <button type="button" className="link" onClick={showHelp} aria-haspopup="dialog">
          Shortcuts <kbd>?</kbd>
        </button>
        <span className="user" title={me.email}>
          {me.name}
        </span>
        <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
          Sign out
        </button>
      </header>
      <nav className="sidenav" aria-label="Main">
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <NavLink
                to={item.to}
                end={item.end ?? false}
                aria-label={item.label}
                aria-keyshortcuts={item.keys.replace(' ', '+')}
              >
                <span>{item.label}</span>
                <kbd className="nav-keys">{item.keys}</kbd>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Outlet />
      </main>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </div>
  );
}

function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} aria-labelledby="shortcut-title">
      <h2 id="shortcut-title">Keyboard shortcuts</h2>
      <table className="plain">
        <tbody>
          <tr>
            <td>
              <kbd>/</kbd>
            </td>
            <td>Search on this page</td>
          </tr>
          {GO_SHORTCUTS.map((s) => (
            <tr key={s.key}>
              <td>
                <kbd>g</kbd> <kbd>{s.key}</kbd>
              </td>
              <td>{s.label}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>↑</kbd> <kbd>↓</kbd> <kbd>Enter</kbd>
            </td>
            <td>Move through a list and open the row</td>
          </tr>
          <tr>
            <td>
              <kbd>?</kbd>
            </td>
            <td>This help</td>
          </tr>
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
