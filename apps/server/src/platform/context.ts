/** Who is acting, for which tenant: passed to every use case and written to the audit trail. */
export interface Actor {
  type: 'user' | 'token' | 'cli' | 'system';
  id: string | null;
  userId: string | null;
}

export interface Ctx {
  tenantId: string;
  actor: Actor;
  requestId: string | null;
}

export function systemCtx(tenantId: string, type: 'cli' | 'system' = 'system', userId: string | null = null): Ctx {
  return { tenantId, actor: { type, id: userId, userId }, requestId: null };
}
