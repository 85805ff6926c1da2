import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../platform/db.ts';
import { ConflictError, ValidationError } from '../platform/errors.ts';

/**
 * Idempotency-Key on POST: the first request with a key runs and its response is kept; a retry
 * with the same key and body gets the same response without running again. The same key with a
 * different body is refused, as is a retry while the first is still running.
 */
export function registerIdempotency(app: FastifyInstance, database: Database) {
  const { db } = database;

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !request.principal) return;
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw new ValidationError('Idempotency-Key', 'must be 1–200 visible ASCII characters');
    }
    const tenantId = request.principal.tenantId;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const claimed = await db
      .insertInto('idempotency_keys')
      .values({ tenant_id: tenantId, key, method: request.method, path: request.url, request_hash: requestHash, state: 'pending' })
      .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (claimed) {
      request.idempotencyKey = key;
      return;
    }
    const existing = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (existing.request_hash !== requestHash) {
      throw new ConflictError('idempotency_mismatch', 'this Idempotency-Key was used with a different request');
    }
    if (existing.state === 'pending') {
      throw new ConflictError('idempotency_in_progress', 'a request with this Idempotency-Key is still running');
    }
    reply.header('idempotent-replayed', 'true');
    return reply.status(existing.response_status ?? 200).send(existing.response_body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    if (!key || !request.principal) return payload;
    const tenantId = request.principal.tenantId;
    request.idempotencyKey = null;
    if (reply.statusCode >= 500) {
      // The request may not have happened; let the client retry with the same key.
      await db.deleteFrom('idempotency_keys').where('tenant_id', '=', tenantId).where('key', '=', key).execute();
      return payload;
    }
    let body: unknown = null;
    try {
      body = typeof payload === 'string' ? JSON.parse(payload) : null;
    } catch {
      body = null;
    }
    await db
      .updateTable('idempotency_keys')
      .set({ state: 'done', response_status: reply.statusCode, response_body: JSON.stringify(body) })
      .where('tenant_id', '=', tenantId)
      .where('key', '=', key)
      .execute();
    return payload;
  });
}
