import { createHash, randomBytes } from 'node:crypto';
import { isCurrency, isValidTimeZone } from '@duely/domain';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Executor, inTransaction } from '../../platform/db.ts';
import { ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import * as repo from './identity.repo.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.ts';
import { type Permission, ROLES, permissionsOf } from './permissions.ts';

export interface CreateTenantInput {
  slug: string;
  name: string;
  baseCurrency?: string;
  timeZone?: string;
  gstStateCode?: string | null;
  gstin?: string | null;
  fiscalYearStartMonth?: number;
}

export async function createTenant(db: Executor, input: CreateTenantInput) {
  const baseCurrency = input.baseCurrency ?? 'INR';
  const timeZone = input.timeZone ?? 'Asia/Kolkata';
  if (!isCurrency(baseCurrency)) throw new ValidationError('base_currency', `unknown currency "${baseCurrency}"`);
  if (!isValidTimeZone(timeZone)) throw new ValidationError('time_zone', `unknown time zone "${timeZone}"`);
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(input.slug)) throw new ValidationError('slug', 'lower-case letters, digits and dashes');
  return inTransaction(db, async (trx) => {
    const existing = await repo.findTenantBySlug(trx, input.slug);
    if (existing) throw new ConflictError('duplicate', `tenant "${input.slug}" already exists`);
    const id = newId();
    const row = {
      id,
      slug: input.slug,
      name: input.name,
      base_currency: baseCurrency,
      time_zone: timeZone,
      gst_state_code: input.gstStateCode === undefined ? (baseCurrency === 'INR' ? '24' : null) : input.gstStateCode,
      gstin: input.gstin ?? null,
      fiscal_year_start_month: input.fiscalYearStartMonth ?? (timeZone === 'Asia/Kolkata' ? 4 : 1),
    };
    await trx.insertInto('tenants').values(row).execute();
    await trx
      .insertInto('bank_accounts')
      .values({ tenant_id: id, id: newId(), name: 'Main bank account', currency: baseCurrency })
      .execute();
    await recordAudit(trx, { tenantId: id, actor: { type: 'system', id: null, userId: null }, requestId: null }, {
      action: 'tenant.create',
      entityType: 'tenant',
      entityId: id,
      after: row,
    });
    return (await repo.findTenant(trx, id))!;
  });
}

export const DEFAULT_TENANT_SLUG = 'default';

/** `migrate` makes sure there is a tenant to work on: the default one, INR, Asia/Kolkata. */
export async function ensureDefaultTenant(db: Executor) {
  const tenants = await repo.listTenants(db);
  if (tenants.length > 0) return { tenant: tenants[0]!, created: false };
  const tenant = await createTenant(db, { slug: DEFAULT_TENANT_SLUG, name: 'Default company' });
  return { tenant, created: true };
}

export async function resolveTenant(db: Executor, slug?: string) {
  if (slug) {
    const tenant = await repo.findTenantBySlug(db, slug);
    if (!tenant) throw new NotFoundError('tenant', slug);
    return tenant;
  }
  const tenant = (await repo.findTenantBySlug(db, DEFAULT_TENANT_SLUG)) ?? (await repo.listTenants(db))[0];
  if (!tenant) throw new NotFoundError('tenant');
  return tenant;
}

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  roles: string[];
}

export async function createUser(db: Executor, ctx: Ctx, input: CreateUserInput) {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new ValidationError('email', 'is not an email address');
  if (input.password.length < 10) throw new ValidationError('password', 'must be at least 10 characters');
  if (input.roles.length === 0) throw new ValidationError('roles', 'at least one role');
  for (const role of input.roles) {
    if (!(ROLES as readonly string[]).includes(role)) throw new ValidationError('roles', `unknown role "${role}"`, { allowed: ROLES });
  }
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const id = newId();
    const inserted = await trx
      .insertInto('users')
      .values({ tenant_id: ctx.tenantId, id, email, name: input.name.trim(), password_hash: passwordHash, roles: input.roles })
      .onConflict((oc) => oc.columns(['tenant_id', 'email']).doNothing())
      .returning(['id', 'email', 'name', 'roles', 'active', 'created_at'])
      .executeTakeFirst();
    if (!inserted) throw new ConflictError('duplicate', `a user with email ${email} already exists`, { field: 'email' });
    await recordAudit(trx, ctx, { action: 'user.create', entityType: 'user', entityId: id, after: inserted });
    return inserted;
  });
}

export interface Principal {
  tenantId: string;
  userId: string;
  name: string;
  email: string;
  roles: string[];
  permissions: Set<Permission>;
  via: 'session' | 'token';
  credentialId: string;
  csrfToken: string | null;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function secret(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens carry their tenant in clear so lookups stay tenant-keyed: "<tenant uuid>.<secret>". */
function splitToken(token: string): { tenantId: string; hash: string } | null {
  const body = token.startsWith('dly_') ? token.slice(4) : token;
  const dot = body.indexOf('.');
  if (dot < 0) return null;
  const tenantId = body.slice(0, dot);
  if (!isUuid(tenantId)) return null;
  return { tenantId, hash: sha256(token) };
}

export interface LoginInput {
  email: string;
  password: string;
  tenant?: string | undefined;
}

export async function login(db: Executor, input: LoginInput, sessionHours: number, requestId: string | null) {
  const candidates = (await repo.findUsersByEmail(db, input.email.trim())).filter(
    (u) => u.active && (!input.tenant || u.tenant_slug === input.tenant),
  );
  if (candidates.length > 1) {
    throw new ValidationError('tenant', 'this email has accounts in several companies; name the company', {
      tenants: candidates.map((c) => c.tenant_slug),
    });
  }
  const user = candidates[0];
  const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok) throw new UnauthorizedError('wrong email or password');
  const token = `${user.tenant_id}.${secret()}`;
  const csrfToken = secret();
  return inTransaction(db, async (trx) => {
    const id = newId();
    await trx
      .insertInto('sessions')
      .values({
        tenant_id: user.tenant_id,
        id,
        user_id: user.id,
        token_hash: sha256(token),
        csrf_token: csrfToken,
        expires_at: new Date(Date.now() + sessionHours * 3_600_000),
      })
      .execute();
    await recordAudit(trx, { tenantId: user.tenant_id, actor: { type: 'user', id: user.id, userId: user.id }, requestId }, {
      action: 'session.create',
      entityType: 'session',
      entityId: id,
    });
    return { token, csrfToken, user: { id: user.id, name: user.name, email: user.email, roles: user.roles } };
  });
}

export async function logout(db: Executor, ctx: Ctx, sessionId: string) {
  forgetCredential(sessionId);
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('sessions').where('tenant_id', '=', ctx.tenantId).where('id', '=', sessionId).execute();
    await recordAudit(trx, ctx, { action: 'session.delete', entityType: 'session', entityId: sessionId });
  });
}

/**
 * Recently authenticated credentials, kept for a few seconds. On the embedded database a long
 * import holds the only connection; with this cache the web app can still poll its progress.
 * Logout and revocation drop entries at once in this process; other processes (PostgreSQL
 * deployments with several API processes) forget within the cache's time to live.
 */
let principalTtlMs = 10_000;

/**
 * The embedded database serves one process, which drops entries itself on logout and revocation,
 * so there the cache may live long (a long import must not lock the web app out of polling it).
 */
export function setPrincipalCacheTtl(ms: number) {
  principalTtlMs = ms;
}
const principalCache = new Map<string, { principal: Principal; until: number; expiresAt: number }>();

function cached(hash: string): Principal | null {
  const hit = principalCache.get(hash);
  if (!hit) return null;
  if (hit.until < Date.now() || (hit.principal.via === 'session' && hit.expiresAt < Date.now())) {
    principalCache.delete(hash);
    return null;
  }
  return hit.principal;
}

function remember(hash: string, principal: Principal, expiresAt = Number.POSITIVE_INFINITY) {
  if (principalCache.size > 10_000) principalCache.clear();
  principalCache.set(hash, { principal, until: Date.now() + principalTtlMs, expiresAt });
}

function forgetCredential(credentialId: string) {
  for (const [hash, entry] of principalCache) if (entry.principal.credentialId === credentialId) principalCache.delete(hash);
}

export async function authenticateSession(db: Executor, token: string): Promise<Principal | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const hit = cached(parts.hash);
  if (hit) return hit;
  const row = await repo.findSession(db, parts.tenantId, parts.hash);
  if (!row || !row.active || row.expires_at.getTime() < Date.now()) return null;
  const principal: Principal = {
    tenantId: parts.tenantId,
    userId: row.user_id,
    name: row.name,
    email: row.email,
    roles: row.roles,
    permissions: permissionsOf(row.roles),
    via: 'session',
    credentialId: row.id,
    csrfToken: row.csrf_token,
  };
  remember(parts.hash, principal, row.expires_at.getTime());
  return principal;
}

export async function authenticateApiToken(db: Executor, token: string): Promise<Principal | null> {
  if (!token.startsWith('dly_')) return null;
  const parts = splitToken(token);
  if (!parts) return null;
  const hit = cached(parts.hash);
  if (hit) return hit;
  const row = await repo.findApiToken(db, parts.tenantId, parts.hash);
  if (!row || row.revoked_at || !row.active) return null;
  const principal: Principal = {
    tenantId: parts.tenantId,
    userId: row.user_id,
    name: row.name,
    email: row.email,
    roles: row.roles,
    permissions: permissionsOf(row.roles),
    via: 'token',
    credentialId: row.id,
    csrfToken: null,
  };
  remember(parts.hash, principal);
  return principal;
}

/** Creates a bearer token for machines; the secret is shown once and only its hash is kept. */
export async function createApiToken(db: Executor, ctx: Ctx, input: { name: string; userId?: string }) {
  const userId = input.userId ?? ctx.actor.userId;
  if (!userId) throw new ValidationError('user_id', 'name the user the token acts as');
  return inTransaction(db, async (trx) => {
    const user = await repo.findUser(trx, ctx.tenantId, userId);
    if (!user) throw new NotFoundError('user', userId);
    const token = `dly_${ctx.tenantId}.${secret()}`;
    const id = newId();
    await trx
      .insertInto('api_tokens')
      .values({ tenant_id: ctx.tenantId, id, user_id: userId, name: input.name, token_hash: sha256(token) })
      .execute();
    await recordAudit(trx, ctx, { action: 'api_token.create', entityType: 'api_token', entityId: id, after: { name: input.name, user_id: userId } });
    return { id, name: input.name, token };
  });
}

export async function revokeApiToken(db: Executor, ctx: Ctx, tokenId: string) {
  return inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: sql<Date>`now()` })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', tokenId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new NotFoundError('api token', tokenId);
    forgetCredential(tokenId);
    await recordAudit(trx, ctx, { action: 'api_token.revoke', entityType: 'api_token', entityId: tokenId });
  });
}
