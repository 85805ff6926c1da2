import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AgingPage } from './aging/AgingPage.tsx';
import { LoginPage } from './auth/LoginPage.tsx';
import { SessionProvider, useMeQuery } from './auth/session.tsx';
import { BankPage } from './bank/BankPage.tsx';
import { CustomerPage } from './customers/CustomerPage.tsx';
import { CustomersPage } from './customers/CustomersPage.tsx';
import { DashboardPage } from './dashboard/DashboardPage.tsx';
import { ImportsPage } from './imports/ImportsPage.tsx';
import { InvoicePage } from './invoices/InvoicePage.tsx';
import { InvoicesPage } from './invoices/InvoicesPage.tsx';
import { NewInvoicePage } from './invoices/NewInvoicePage.tsx';
import { errorMessage } from './lib/api.ts';
import { ProvisionsPage } from './provisions/ProvisionsPage.tsx';
import { NewReceiptPage } from './receipts/NewReceiptPage.tsx';
import { ReceiptPage } from './receipts/ReceiptPage.tsx';
import { ReceiptsPage } from './receipts/ReceiptsPage.tsx';
import { CompanySettingsPage } from './settings/CompanySettingsPage.tsx';
import { ExchangeRatesPage } from './settings/ExchangeRatesPage.tsx';
import { AppShell } from './shell/AppShell.tsx';
import { NotFound } from './shell/NotFound.tsx';

export function App() {
  const me = useMeQuery();
  const location = useLocation();
  if (me.isPending) {
    return (
      <p className="boot" role="status">
        Loading…
      </p>
    );
  }
  if (me.isError) {
    return (
      <main id="main" className="boot">
        <p className="banner error" role="alert">
          {errorMessage(me.error)}
        </p>
        <button type="button" onClick={() => me.refetch()}>
          Try again
        </button>
      </main>
    );
  }
  if (!me.data) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="*"
          element={<Navigate to="/login" replace state={{ from: location.pathname + location.search }} />}
        />
      </Routes>
    );
  }
  return (
    <SessionProvider me={me.data}>
      <Routes>
        <Route path="/login" element={<AfterLogin />} />
        <Route element={<AppShell />}>
          <Route index element={<Navigate to="/dashboard" replace />} />
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="customers" element={<CustomersPage />} />
          <Route path="customers/:id" element={<CustomerPage />} />
          <Route path="invoices" element={<InvoicesPage />} />
          <Route path="invoices/new" element={<NewInvoicePage />} />
          <Route path="invoices/:id" element={<InvoicePage />} />
          <Route path="receipts" element={<ReceiptsPage />} />
          <Route path="receipts/new" element={<NewReceiptPage />} />
          <Route path="receipts/:id" element={<ReceiptPage />} />
          <Route path="aging" element={<AgingPage />} />
          <Route path="provisions" element={<ProvisionsPage />} />
          <Route path="imports" element={<ImportsPage />} />
          <Route path="bank" element={<BankPage />} />
          <Route path="settings" element={<Navigate to="/settings/company" replace />} />
          <Route path="settings/company" element={<CompanySettingsPage />} />
          <Route path="settings/exchange-rates" element={<ExchangeRatesPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}

/** Once signed in, the login page hands over to where the person was going (a deep link). */
function AfterLogin() {
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  return <Navigate to={from && !from.startsWith('/login') ? from : '/dashboard'} replace />;
}
