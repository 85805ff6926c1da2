import type { Executor } from '../../platform/db.ts';

export function findTenantBySlug(db: Executor, slug: string) {
  return db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findTenant(db: Executor, tenantId: string) {
  return db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirst();
}

export function listTenants(db: Executor) {
  return db.selectFrom('tenants').selectAll().orderBy('created_at').execute();
}

export function findUsersByEmail(db: Executor, email: string) {
  return db
    .selectFrom('users')
    .innerJoin('tenants', 'tenants.id', 'users.tenant_id')
    .selectAll('users')
    .select('tenants.slug as tenant_slug')
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.toLowerCase()))
    .execute();
}

export function findUser(db: Executor, tenantId: string, userId: string) {
  return db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirst();
}

export function listUsers(db: Executor, tenantId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'roles', 'active', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .execute();
}

export function findSession(db: Executor, tenantId: string, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', (j) => j.onRef('users.tenant_id', '=', 'sessions.tenant_id').onRef('users.id', '=', 'sessions.user_id'))
    .select(['sessions.id', 'sessions.csrf_token', 'sessions.expires_at', 'users.id as user_id', 'users.name', 'users.email', 'users.roles', 'users.active'])
    .where('sessions.tenant_id', '=', tenantId)
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export function findApiToken(db: Executor, tenantId: string, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', (j) => j.onRef('users.tenant_id', '=', 'api_tokens.tenant_id').onRef('users.id', '=', 'api_tokens.user_id'))
    .select(['api_tokens.id', 'api_tokens.revoked_at', 'users.id as user_id', 'users.name', 'users.email', 'users.roles', 'users.active'])
    .where('api_tokens.tenant_id', '=', tenantId)
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}
