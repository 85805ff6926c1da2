import { createHash } from 'node:crypto';
import { insertRows } from './bulk.ts';
import { sql } from 'kysely';
import type { Executor, Trx } from './db.ts';
import type { Ctx } from './context.ts';

const GENESIS = '0'.repeat(64);

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Plain JSON for the trail: bigint as decimal strings, dates as ISO text, keys sorted. */
export function toAuditJson(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toAuditJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = toAuditJson(v);
    }
    return out;
  }
  return value;
}

function canonical(value: unknown): string {
  return JSON.stringify(toAuditJson(value));
}

interface HashedFields {
  seq: bigint;
  at: Date;
  actor_type: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

function entryHash(prevHash: string, fields: HashedFields): string {
  const payload = canonical({ ...fields, seq: fields.seq.toString(), at: fields.at.toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(payload).digest('hex');
}

// The chain head as this transaction last wrote it: once a transaction has locked the head, the
// row cannot change under it, so later entries need not read it again (bulk work audits a lot).
// Nothing here rolls back to a savepoint; one that did would have to drop this cache.
const heads = new WeakMap<Trx, Map<string, { last_seq: bigint; last_hash: string }>>();

/**
 * Appends one entry to the tenant's chain, in the caller's transaction: the change and its audit
 * commit or roll back together. Locking the chain head orders concurrent writers.
 */
export async function recordAudit(trx: Trx, ctx: Ctx, event: AuditEvent): Promise<void> {
  await recordAudits(trx, ctx, [event]);
}

/**
 * Appends entries to the tenant's chain in order, as one insert and one move of the head: bulk
 * work (a cash-application run posting hundreds of receipts) audits each change without a round
 * trip per entry. The chain is the same as entries appended one by one.
 */
const AUDIT_COLUMNS = {
  tenant_id: 'uuid',
  seq: 'int8',
  at: 'timestamptz',
  actor_type: 'text',
  actor_id: 'text',
  action: 'text',
  entity_type: 'text',
  entity_id: 'text',
  before: 'jsonb',
  after: 'jsonb',
  request_id: 'text',
  prev_hash: 'text',
  hash: 'text',
} as const;

export async function recordAudits(trx: Trx, ctx: Ctx, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  let byTenant = heads.get(trx);
  if (!byTenant) heads.set(trx, (byTenant = new Map()));
  let head = byTenant.get(ctx.tenantId);
  if (!head) {
    const locked = await sql<{ last_seq: bigint; last_hash: string }>`
      insert into audit_heads (tenant_id, last_seq, last_hash) values (${ctx.tenantId}, 0, ${GENESIS})
      on conflict (tenant_id) do update set last_seq = audit_heads.last_seq
      returning last_seq, last_hash`.execute(trx);
    head = locked.rows[0]!;
  }
  let { last_seq, last_hash } = head;
  const at = new Date();
  const rows = events.map((event) => {
    const fields: HashedFields = {
      seq: last_seq + 1n,
      at,
      actor_type: ctx.actor.type,
      actor_id: ctx.actor.id,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId ?? null,
      before: toAuditJson(event.before ?? null),
      after: toAuditJson(event.after ?? null),
      request_id: ctx.requestId,
    };
    const hash = entryHash(last_hash, fields);
    const row = { tenant_id: ctx.tenantId, ...fields, before: JSON.stringify(fields.before), after: JSON.stringify(fields.after), prev_hash: last_hash, hash };
    last_seq = fields.seq;
    last_hash = hash;
    return row;
  });
  await insertRows(trx, 'audit_log', AUDIT_COLUMNS, rows);
  await trx.updateTable('audit_heads').set({ last_seq, last_hash }).where('tenant_id', '=', ctx.tenantId).execute();
  byTenant.set(ctx.tenantId, { last_seq, last_hash });
}

export interface AuditProblem {
  seq: string;
  problem: string;
}

export interface AuditVerification {
  tenantId: string;
  entries: number;
  ok: boolean;
  problems: AuditProblem[];
}

/**
 * Walks the chain from the start: an edited entry breaks its own hash, a removed one breaks the
 * sequence and the next entry's link, a removed tail no longer reaches the recorded head.
 */
export async function verifyAudit(db: Executor, tenantId: string): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  let expectedSeq = 1n;
  let prevHash = GENESIS;
  let entries = 0;
  const pageSize = 5000;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      entries++;
      if (row.seq !== expectedSeq) problems.push({ seq: expectedSeq.toString(), problem: `entries ${expectedSeq}…${row.seq - 1n} are missing` });
      if (row.prev_hash !== prevHash) problems.push({ seq: row.seq.toString(), problem: 'does not link to the previous entry' });
      const recomputed = entryHash(row.prev_hash, {
        seq: row.seq,
        at: row.at,
        actor_type: row.actor_type,
        actor_id: row.actor_id,
        action: row.action,
        entity_type: row.entity_type,
        entity_id: row.entity_id,
        before: row.before,
        after: row.after,
        request_id: row.request_id,
      });
      if (recomputed !== row.hash) problems.push({ seq: row.seq.toString(), problem: 'content does not match its hash (edited)' });
      prevHash = row.hash;
      expectedSeq = row.seq + 1n;
    }
    if (rows.length < pageSize) break;
  }
  const head = await db.selectFrom('audit_heads').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  if (head && (head.last_seq !== expectedSeq - 1n || head.last_hash !== prevHash)) {
    problems.push({ seq: head.last_seq.toString(), problem: `chain ends at ${expectedSeq - 1n} but the head records ${head.last_seq} (entries removed)` });
  }
  if (!head && entries > 0) problems.push({ seq: '0', problem: 'chain head is missing' });
  return { tenantId, entries, ok: problems.length === 0, problems };
}
