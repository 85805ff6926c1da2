import { CreateTokenBody, CreateUserBody, LoginBody, Me, TokenOut, UserOut } from '@duely/contracts/identity';
import { Id, Ok, page } from '@duely/contracts/common';
import type { AppDeps } from '../../http/app.ts';
import { SESSION_COOKIE } from '../../http/auth.ts';
import type { Api } from '../../http/routes.ts';
import type { Tenant } from '../../platform/schema.ts';
import { findTenant, listUsers } from './identity.repo.ts';
import { permissionsOf } from './permissions.ts';
import { createApiToken, createUser, login, logout, revokeApiToken } from './identity.service.ts';

function tenantOut(t: Tenant) {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    base_currency: t.base_currency,
    time_zone: t.time_zone,
    gst_state_code: t.gst_state_code,
    fiscal_year_start_month: t.fiscal_year_start_month,
  };
}

export async function identityRoutes(api: Api, deps: AppDeps) {
  const { db } = deps.database;

  api.post('/auth/login', { config: { public: true }, schema: { tags: ['auth'], body: LoginBody, response: { 200: Me } } }, async (request, reply) => {
    const session = await login(db, request.body, deps.config.sessionHours, request.id);
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.cookieSecure,
      maxAge: deps.config.sessionHours * 3600,
    });
    const tenantId = session.token.split('.')[0]!;
    const tenant = (await findTenant(db, tenantId))!;
    return {
      ...session.user,
      permissions: [...permissionsOf(session.user.roles)],
      tenant: tenantOut(tenant),
      csrf_token: session.csrfToken,
    };
  });

  api.post('/auth/logout', { config: { authenticated: true }, schema: { tags: ['auth'], response: { 200: Ok } } }, async (request, reply) => {
    if (request.principal!.via === 'session') await logout(db, request.ctx, request.principal!.credentialId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  api.get('/auth/me', { config: { authenticated: true }, schema: { tags: ['auth'], response: { 200: Me } } }, async (request) => {
    const p = request.principal!;
    const tenant = (await findTenant(db, p.tenantId))!;
    return {
      id: p.userId,
      name: p.name,
      email: p.email,
      roles: p.roles,
      permissions: [...p.permissions],
      tenant: tenantOut(tenant),
      csrf_token: p.csrfToken,
    };
  });

  api.get('/users', { config: { permission: 'users.read' }, schema: { tags: ['users'], response: { 200: page(UserOut) } } }, async (request) => {
    const users = await listUsers(db, request.ctx.tenantId);
    return { data: users.map((u) => ({ ...u, created_at: u.created_at.toISOString() })), next_cursor: null };
  });

  api.post('/users', { config: { permission: 'users.manage' }, schema: { tags: ['users'], body: CreateUserBody, response: { 201: UserOut } } }, async (request, reply) => {
    const user = await createUser(db, request.ctx, request.body);
    return reply.status(201).send({ ...user, created_at: user.created_at.toISOString() });
  });

  api.post('/api-tokens', { config: { permission: 'tokens.manage' }, schema: { tags: ['users'], body: CreateTokenBody, response: { 201: TokenOut } } }, async (request, reply) => {
    return reply.status(201).send(await createApiToken(db, request.ctx, { name: request.body.name }));
  });

  api.delete('/api-tokens/:id', { config: { permission: 'tokens.manage' }, schema: { tags: ['users'], params: Id, response: { 200: Ok } } }, async (request) => {
    await revokeApiToken(db, request.ctx, request.params.id);
    return { ok: true as const };
  });
}
