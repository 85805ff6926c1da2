import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCustomer, createInvoice } from '../testing/fixtures.ts';
import { call, createTestTenant, useHarness } from '../testing/harness.ts';
import { upload, waitForImport } from '../testing/upload.ts';

const h = useHarness();

/**
 * Every API route, called by tenant A with tenant B's ids, must answer 404 (never B's data,
 * never 403, which would confirm the id exists); lists must never show B's rows; creates that
 * reference B's rows must be refused. The route list comes from the app itself: a new route that
 * is not in the table below fails this test until someone decides how it is checked.
 */
test('tenant isolation on every endpoint', async () => {
  const a = await createTestTenant(h.database);
  const b = await createTestTenant(h.database);

  async function world(token: string) {
    const customer = await createCustomer(h.app, token);
    const invoice = await createInvoice(h.app, token, customer.id, '1000.00');
    const second = await createInvoice(h.app, token, customer.id, '500.00');
    const receipt = await call(h.app, token, 'POST', '/receipts', { customer_id: customer.id, receipt_date: '2025-06-05', amount: '2000.00', method: 'cash', allocations: [{ invoice_id: invoice.id, amount: '100.00' }] });
    const creditNote = await call(h.app, token, 'POST', '/credit-notes', { customer_id: customer.id, issue_date: '2025-06-06', reason: 'x', lines: [{ description: 'x', unit_price: '10.00' }], apply_to_invoice: false });
    const contact = await call(h.app, token, 'POST', `/customers/${customer.id}/contacts`, { name: 'Someone' });
    const apiToken = await call(h.app, token, 'POST', '/api-tokens', { name: 'x' });
    const terms = await call(h.app, token, 'POST', '/payment-terms', { code: 'N7', name: 'Net 7', net_days: 7 });
    const imported = await upload(h.app, token, '/imports', { name: 'c.csv', content: 'Code,Name\nIMP1,Imported Ltd' }, { kind: 'customers' });
    await waitForImport(h.app, token, imported.body.id);
    await call(h.app, token, 'POST', '/import-presets', { name: 'mine', kind: 'customers', mapping: { code: 'Code', name: 'Name' } });
    const accountNumber = `5020${Math.floor(Math.random() * 1e10)}`;
    const bankAccount = await call(h.app, token, 'POST', '/bank-accounts', { name: 'HDFC', account_number: accountNumber, currency: 'INR' });
    const statement = [':20:S1', `:25:${accountNumber}`, ':28C:1/1', ':60F:C250620INR0,00', ':61:2506200620C1,00NTRFNONREF//N1', ':86:NEFT CR-X-NOBODY-N1', ':62F:C250620INR1,00', '-'].join('\r\n');
    const statementImport = await upload(h.app, token, '/bank-statements', { name: 's.sta', content: statement });
    await call(h.app, token, 'POST', '/cashapp/runs', {});
    const bankLine = (await call(h.app, token, 'GET', '/bank-lines')).body.data[0];
    await call(h.app, token, 'POST', `/customers/${customer.id}/payer-identifiers`, { kind: 'vpa', value: `c${accountNumber}@okhdfcbank` });
    return {
      bankAccount: bankAccount.body.id as string,
      statement: statementImport.body.statements[0].statement_id as string,
      bankLine: bankLine.id as string,
      customer: customer.id,
      invoice: invoice.id,
      second: second.id,
      receipt: receipt.body.id as string,
      allocation: receipt.body.allocations[0].id as string,
      creditNote: creditNote.body.id as string,
      contact: contact.body.id as string,
      apiToken: apiToken.body.id as string,
      terms: terms.body.id as string,
      importId: imported.body.id as string,
    };
  }
  const A = await world(a.token);
  const B = await world(b.token);
  const bIds = new Set([...Object.values(B), b.adminId]);

  // 'query': another tenant's id passed in the query string of a GET (a report about one customer).
  type Check = { kind: 'id'; id: string; body?: object; query?: string } | { kind: 'list'; query?: string } | { kind: 'query'; id: string; query: string } | { kind: 'create'; body: object } | { kind: 'self' };
  const line = [{ description: 'x', unit_price: '1.00' }];
  const checks: Record<string, Check> = {
    'POST /api/v1/auth/login': { kind: 'self' },
    'POST /api/v1/auth/logout': { kind: 'self' },
    'GET /api/v1/auth/me': { kind: 'self' },
    'GET /api/v1/users': { kind: 'list' },
    'POST /api/v1/users': { kind: 'self' },
    'POST /api/v1/api-tokens': { kind: 'self' },
    'DELETE /api/v1/api-tokens/:id': { kind: 'id', id: B.apiToken },
    'GET /api/v1/customers': { kind: 'list' },
    'POST /api/v1/customers': { kind: 'create', body: { code: 'ISO-1', name: 'x', kind: 'b2b', payment_terms_id: B.terms } },
    'GET /api/v1/customers/:id': { kind: 'id', id: B.customer },
    'PATCH /api/v1/customers/:id': { kind: 'id', id: B.customer, body: { name: 'hijacked' } },
    'POST /api/v1/customers/:id/contacts': { kind: 'id', id: B.customer, body: { name: 'spy' } },
    'PATCH /api/v1/contacts/:id': { kind: 'id', id: B.contact, body: { name: 'hijacked' } },
    'DELETE /api/v1/contacts/:id': { kind: 'id', id: B.contact },
    'GET /api/v1/customers/:id/statement': { kind: 'id', id: B.customer, query: '?from=2025-01-01&to=2025-12-31' },
    'GET /api/v1/payment-terms': { kind: 'list' },
    'POST /api/v1/payment-terms': { kind: 'self' },
    'GET /api/v1/bank-accounts': { kind: 'list' },
    'POST /api/v1/bank-accounts': { kind: 'self' },
    'POST /api/v1/bank-statements': { kind: 'self' },
    'GET /api/v1/bank-lines': { kind: 'list' },
    'POST /api/v1/cashapp/runs': { kind: 'create', body: { bank_account_id: B.bankAccount } },
    'POST /api/v1/bank-lines/:id/accept': { kind: 'id', id: B.bankLine, body: { customer_id: A.customer, allocations: [] } },
    'POST /api/v1/bank-lines/:id/park': { kind: 'id', id: B.bankLine, body: { customer_id: A.customer } },
    'POST /api/v1/bank-lines/:id/ignore': { kind: 'id', id: B.bankLine, body: { reason: 'x' } },
    'POST /api/v1/customers/:id/payer-identifiers': { kind: 'id', id: B.customer, body: { kind: 'vpa', value: 'spy@okhdfcbank' } },
    'GET /api/v1/customers/:id/payer-identifiers': { kind: 'id', id: B.customer },
    'GET /api/v1/invoices': { kind: 'list' },
    'GET /api/v1/invoices/:id': { kind: 'id', id: B.invoice },
    'POST /api/v1/invoices': { kind: 'create', body: { customer_id: B.customer, issue_date: '2025-06-01', lines: line } },
    'POST /api/v1/debit-notes': { kind: 'create', body: { customer_id: A.customer, against_invoice_id: B.invoice, issue_date: '2025-06-01', lines: line } },
    'POST /api/v1/credit-notes': { kind: 'create', body: { customer_id: A.customer, against_invoice_id: B.invoice, issue_date: '2025-06-01', reason: 'x', lines: line } },
    'POST /api/v1/credit-notes/:id/allocations': { kind: 'id', id: B.creditNote, body: { allocations: [{ invoice_id: B.second, amount: '1.00' }] } },
    'POST /api/v1/invoices/:id/void': { kind: 'id', id: B.second, body: { reason: 'x' } },
    'GET /api/v1/receipts': { kind: 'list' },
    'GET /api/v1/receipts/:id': { kind: 'id', id: B.receipt },
    'POST /api/v1/receipts': { kind: 'create', body: { customer_id: A.customer, receipt_date: '2025-06-05', amount: '1.00', method: 'cash', allocations: [{ invoice_id: B.invoice, amount: '1.00' }] } },
    'POST /api/v1/receipts/:id/allocations': { kind: 'id', id: B.receipt, body: { allocations: [{ invoice_id: B.second, amount: '1.00' }] } },
    'POST /api/v1/receipts/:id/reverse': { kind: 'id', id: B.receipt, body: { reversed_on: '2025-06-10', reason: 'x' } },
    'POST /api/v1/allocations/:id/reverse': { kind: 'id', id: B.allocation, body: { reason: 'x' } },
    'GET /api/v1/ledger/verify': { kind: 'list' },
    'GET /api/v1/audit': { kind: 'list' },
    'GET /api/v1/audit/verify': { kind: 'list' },
    'GET /api/v1/settings': { kind: 'list' },
    'PATCH /api/v1/settings': { kind: 'self' },
    'POST /api/v1/imports/preview': { kind: 'self' },
    'POST /api/v1/imports': { kind: 'self' },
    'GET /api/v1/imports/:id': { kind: 'id', id: B.importId },
    'GET /api/v1/imports': { kind: 'list' },
    'GET /api/v1/import-presets': { kind: 'list' },
    'POST /api/v1/import-presets': { kind: 'self' },
    'GET /api/v1/aging': { kind: 'list', query: '?as_of=2030-01-01&by=customer' },
    'GET /api/v1/aging/items': { kind: 'list', query: '?as_of=2030-01-01' },
    'GET /api/v1/aging/schedule-iii': { kind: 'list', query: '?as_of=2030-01-01' },
    'GET /api/v1/exchange-rates': { kind: 'list' },
    'POST /api/v1/exchange-rates': { kind: 'self' },
    'POST /api/v1/exchange-rates/import': { kind: 'self' },
    'GET /api/v1/kpis': { kind: 'list', query: '?from=2025-01-01&to=2025-12-31&by=collector' },
    'GET /api/v1/collectors/performance': { kind: 'list', query: '?month=2025-06' },
    'GET /api/v1/customers/:id/payment-behaviour': { kind: 'id', id: B.customer },
    'GET /api/v1/dashboard': { kind: 'list', query: '?as_of=2025-06-30' },
    'GET /api/v1/reports/aging/export': { kind: 'list', query: '?as_of=2030-01-01&format=csv' },
    'GET /api/v1/reports/daily/export': { kind: 'list', query: '?date=2025-06-05&format=csv' },
    'GET /api/v1/reports/weekly/export': { kind: 'list', query: '?date=2025-06-07&format=csv' },
    'GET /api/v1/reports/monthly/export': { kind: 'list', query: '?month=2025-06&format=csv' },
    'GET /api/v1/reports/statement/export': { kind: 'query', id: B.customer, query: `?format=csv&customer_id=${B.customer}&from=2025-01-01&to=2025-12-31` },
    'GET /api/v1/provisions': { kind: 'list', query: '?as_of=2030-01-01' },
    'GET /api/v1/provisions/history': { kind: 'list', query: '?as_of=2030-01-01&months=2' },
    'POST /api/v1/provisions/overrides': { kind: 'self' },
    'DELETE /api/v1/provisions/overrides': { kind: 'self' },
    'POST /api/v1/provisions/specific': { kind: 'create', body: { customer_id: B.customer, percent: '50', reason: 'x', effective_from: '2025-01-01' } },
    'POST /api/v1/collection-targets/import': { kind: 'self' },
    'POST /api/v1/collection-targets': { kind: 'create', body: { targets: [{ collector_id: b.adminId, month: '2025-06', amount: '1.00' }] } },
  };

  const routes = h.app.apiRoutes.map((r) => `${r.method} ${r.url}`);
  const unchecked = routes.filter((r) => !(r in checks));
  assert.deepEqual(unchecked, [], 'routes without a tenant-isolation check');

  // An error may echo the id the caller sent; any other id of B's in a response is a leak.
  const leaks = (body: unknown, sent?: string) => [...bIds].filter((id) => id !== sent && JSON.stringify(body).includes(id));
  for (const route of routes) {
    const check = checks[route]!;
    const [method, url] = route.split(' ') as [string, string];
    if (check.kind === 'self') continue; // acts only on the caller's own tenant by construction
    if (check.kind === 'id') {
      const res = await call(h.app, a.token, method as 'GET', url.replace(':id', check.id) + (check.query ?? ''), check.body);
      assert.equal(res.status, 404, `${route} with another tenant's id: ${res.status} ${JSON.stringify(res.body)}`);
      assert.deepEqual(leaks(res.body, check.id), [], `${route} leaked`);
    } else if (check.kind === 'list') {
      const res = await call(h.app, a.token, 'GET', url + (check.query ?? ''));
      assert.equal(res.status, 200, route);
      assert.deepEqual(leaks(res.body), [], `${route} leaked another tenant's rows`);
    } else if (check.kind === 'query') {
      const res = await call(h.app, a.token, 'GET', url + check.query);
      assert.equal(res.status, 404, `${route} with another tenant's id: ${res.status} ${JSON.stringify(res.body)}`);
      assert.deepEqual(leaks(res.body, check.id), [], `${route} leaked`);
    } else {
      const res = await call(h.app, a.token, method as 'POST', url, check.body);
      assert.ok([400, 404].includes(res.status), `${route} referencing another tenant's rows: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
  // B's world is untouched.
  const bCustomer = await call(h.app, b.token, 'GET', `/customers/${B.customer}`);
  assert.notEqual(bCustomer.body.name, 'hijacked');
  assert.equal(bCustomer.body.contacts.length, 1);
  assert.equal((await call(h.app, b.token, 'GET', `/invoices/${B.second}`)).body.status, 'open');
  assert.equal((await call(h.app, b.token, 'GET', `/receipts/${B.receipt}`)).body.status, 'active');
  assert.equal((await call(h.app, b.token, 'GET', '/bank-lines')).body.data[0].status, 'unmatched');
});
