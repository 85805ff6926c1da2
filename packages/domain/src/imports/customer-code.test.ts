import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CUSTOMER_CODE, customerCodeFromName } from './customer-code.ts';

test('party names become upper-case codes of letters, digits and . _ / -', () => {
  assert.equal(customerCodeFromName('Acme Polymers Pvt. Ltd.'), 'ACME-POLYMERS-PVT.-LTD');
  assert.equal(customerCodeFromName('M/s Sharma & Sons'), 'M/S-SHARMA-AND-SONS');
  assert.equal(customerCodeFromName('  Café  Müller '), 'CAFE-MULLER');
  assert.equal(
    customerCodeFromName('JAIPURIA AUTOMOBILES(WRJ050172026)'),
    'JAIPURIA-AUTOMOBILES-WRJ050172026',
  );
});

test('stable: spacing and case do not change the code', () => {
  assert.equal(customerCodeFromName('sharma  traders'), customerCodeFromName('SHARMA TRADERS'));
});

test('long names keep a hash of the whole name, so two long names never share a code', () => {
  const a = customerCodeFromName('Shree Ganesh Enterprises Private Limited - Ahmedabad Branch');
  const b = customerCodeFromName('Shree Ganesh Enterprises Private Limited - Vadodara Branch');
  assert.notEqual(a, b);
  for (const code of [a, b]) {
    assert.ok(code.length <= 40, code);
    assert.match(code, CUSTOMER_CODE);
  }
  assert.match(a, /^SHREE-GANESH-ENTERPRISES-PRIVAT-[0-9A-F]{8}$/);
});

test('names with no Latin letters get a hash-only code', () => {
  const code = customerCodeFromName('शर्मा ट्रेडर्स');
  assert.match(code, /^P-[0-9A-F]{8}$/);
  assert.notEqual(code, customerCodeFromName('गुप्ता ट्रेडर्स'));
});
