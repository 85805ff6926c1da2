import type { Ctx } from '../platform/context.ts';
import type { Permission } from '../modules/identity/permissions.ts';
import type { Principal } from '../modules/identity/identity.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** Tenant, actor and request id for the use case; set on every authenticated request. */
    ctx: Ctx;
    idempotencyKey: string | null;
  }
  interface FastifyInstance {
    apiRoutes: { method: string; url: string }[];
  }
  interface FastifyContextConfig {
    /** The permission a route needs. Routes without one must say `public: true`. */
    permission?: Permission;
    public?: boolean;
    /** Any logged-in user, whatever their permissions (their own profile, logout). */
    authenticated?: boolean;
  }
}
