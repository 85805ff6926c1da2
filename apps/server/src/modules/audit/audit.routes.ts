import { PageQuery, page } from '@duely/contracts/common';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../../http/app.ts';
import type { Api } from '../../http/routes.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';

const AuditQuery = PageQuery.extend({ entity_type: z.string().max(50).optional(), entity_id: z.string().max(100).optional() });
const AuditEntry = z.object({
  seq: z.string(),
  at: z.string(),
  actor_type: z.string(),
  actor_id: z.string().nullable(),
  action: z.string(),
  entity_type: z.string(),
  entity_id: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  request_id: z.string().nullable(),
  hash: z.string(),
});
const AuditVerification = z.object({
  tenantId: z.string(),
  entries: z.number(),
  ok: z.boolean(),
  problems: z.array(z.object({ seq: z.string(), problem: z.string() })),
});

export async function auditRoutes(api: Api, deps: AppDeps) {
  const { db } = deps.database;

  api.get('/audit', { config: { permission: 'audit.read' }, schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: page(AuditEntry) } } }, async (request) => {
    const q = request.query;
    let query = db.selectFrom('audit_log').selectAll().where('tenant_id', '=', request.ctx.tenantId);
    if (q.entity_type) query = query.where('entity_type', '=', q.entity_type);
    if (q.entity_id) query = query.where('entity_id', '=', q.entity_id);
    const cursor = decodeCursor(q.cursor, ['digits']);
    if (cursor) query = query.where('seq', '<', sql<bigint>`${String(cursor[0])}::bigint`);
    const rows = await query.orderBy('seq', 'desc').limit(q.limit + 1).execute();
    return toPage(rows, q.limit, (r) => [r.seq.toString()], (r) => ({
      seq: r.seq.toString(),
      at: r.at.toISOString(),
      actor_type: r.actor_type,
      actor_id: r.actor_id,
      action: r.action,
      entity_type: r.entity_type,
      entity_id: r.entity_id,
      before: r.before,
      after: r.after,
      request_id: r.request_id,
      hash: r.hash,
    }));
  });

  api.get('/audit/verify', { config: { permission: 'audit.read' }, schema: { tags: ['audit'], response: { 200: AuditVerification } } }, (request) =>
    verifyAudit(db, request.ctx.tenantId),
  );
}
