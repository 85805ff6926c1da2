import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { call, createTestTenant, useHarness } from '../../testing/harness.ts';
import { createUser } from './identity.service.ts';
import { systemCtx } from '../../platform/context.ts';

const h = useHarness();

describe('identity', () => {
  test('login sets an httpOnly SameSite cookie; me works with it; mutations need the CSRF token', async () => {
    const t = await createTestTenant(h.database);
    const bad = await call(h.app, null, 'POST', '/auth/login', { email: t.adminEmail, password: 'wrong password!' });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error.code, 'unauthorized');

    const res = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: t.adminEmail.toUpperCase(), password: t.password } });
    assert.equal(res.statusCode, 200);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /duely_session=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const session = cookie.split(';')[0]!;
    const me = res.json();
    assert.equal(me.email, t.adminEmail);
    assert.ok(me.permissions.includes('users.manage'));

    const meAgain = await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session } });
    assert.equal(meAgain.statusCode, 200);
    assert.equal(meAgain.json().tenant.slug, t.slug);

    const body = { email: `x@${t.slug}.test`, name: 'X', password: 'long enough pw', roles: ['viewer'] };
    const noCsrf = await h.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: session }, payload: body });
    assert.equal(noCsrf.statusCode, 403);
    assert.match(noCsrf.json().error.message, /CSRF/);
    const withCsrf = await h.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: session, 'x-csrf-token': me.csrf_token }, payload: body });
    assert.equal(withCsrf.statusCode, 201);

    const out = await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: session, 'x-csrf-token': me.csrf_token } });
    assert.equal(out.statusCode, 200);
    const afterLogout = await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session } });
    assert.equal(afterLogout.statusCode, 401);
  });

  test('roles limit what a user may do', async () => {
    const t = await createTestTenant(h.database);
    await createUser(h.database.db, systemCtx(t.id), { email: `viewer@${t.slug}.test`, name: 'V', password: 'viewer password', roles: ['viewer'] });
    const login = await call(h.app, null, 'POST', '/auth/login', { email: `viewer@${t.slug}.test`, password: 'viewer password' });
    assert.equal(login.status, 200);
    assert.equal(login.body.permissions.includes('users.manage'), false);
    const session = String(login.headers['set-cookie']).split(';')[0]!;
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: session, 'x-csrf-token': login.body.csrf_token },
      payload: { email: 'y@y.test', name: 'Y', password: 'long enough pw', roles: ['admin'] },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'forbidden');
  });

  test('API tokens: bad or revoked tokens are refused', async () => {
    const t = await createTestTenant(h.database);
    assert.equal((await call(h.app, t.token, 'GET', '/auth/me')).status, 200);
    assert.equal((await call(h.app, 'dly_nonsense', 'GET', '/auth/me')).status, 401);
    assert.equal((await call(h.app, `${t.token}x`, 'GET', '/auth/me')).status, 401);
    const created = await call(h.app, t.token, 'POST', '/api-tokens', { name: 'ci' });
    assert.equal(created.status, 201);
    assert.equal((await call(h.app, created.body.token, 'GET', '/users')).status, 200);
    assert.equal((await call(h.app, t.token, 'DELETE', `/api-tokens/${created.body.id}`)).status, 200);
    assert.equal((await call(h.app, created.body.token, 'GET', '/users')).status, 401);
  });

  test('user creation validates and rejects duplicates', async () => {
    const t = await createTestTenant(h.database);
    const bad = await call(h.app, t.token, 'POST', '/users', { email: 'nope', name: 'N', password: 'long enough pw', roles: ['viewer'] });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.details.field, 'email');
    const role = await call(h.app, t.token, 'POST', '/users', { email: 'a@b.test', name: 'N', password: 'long enough pw', roles: ['god'] });
    assert.equal(role.status, 400);
    assert.match(role.body.error.details.field, /roles/);
    const dup = await call(h.app, t.token, 'POST', '/users', { email: t.adminEmail, name: 'N', password: 'long enough pw', roles: ['viewer'] });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.code, 'duplicate');
  });
});
