import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../platform/db.ts';
import { ForbiddenError, UnauthorizedError } from '../platform/errors.ts';
import { authenticateApiToken, authenticateSession } from '../modules/identity/identity.service.ts';

export const SESSION_COOKIE = 'duely_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is calling: a bearer API token (machines) or the session cookie (web app). Cookie
 * requests that change state must echo the session's CSRF token in X-CSRF-Token; together with
 * SameSite=Lax that keeps other sites from acting with a user's cookie.
 */
export function registerAuth(app: FastifyInstance, database: Database) {
  app.decorateRequest('principal', null);
  app.decorateRequest('ctx', null as never);
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (request) => {
    const config = request.routeOptions.config;
    if (!request.routeOptions.url?.startsWith('/api/')) return;
    const principal = await identify(request, database);
    request.principal = principal;
    if (principal) {
      request.ctx = {
        tenantId: principal.tenantId,
        actor: { type: principal.via === 'token' ? 'token' : 'user', id: principal.via === 'token' ? principal.credentialId : principal.userId, userId: principal.userId },
        requestId: request.id,
      };
    }
    if (config.public) return;
    if (!principal) throw new UnauthorizedError('log in or send an API token');
    if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
      if (request.headers['x-csrf-token'] !== principal.csrfToken) throw new ForbiddenError('missing or wrong X-CSRF-Token');
    }
    if (config.authenticated) return;
    if (!config.permission) throw new ForbiddenError('route has no permission declared');
    if (!principal.permissions.has(config.permission)) {
      throw new ForbiddenError(`needs permission ${config.permission}`, { permission: config.permission });
    }
  });
}

async function identify(request: FastifyRequest, database: Database) {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match ? await authenticateApiToken(database.db, match[1]!) : null;
    if (!principal) throw new UnauthorizedError('invalid API token');
    return principal;
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? authenticateSession(database.db, cookie) : null;
}
