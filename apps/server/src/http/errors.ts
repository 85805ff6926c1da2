import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { toErrorResponse } from '../platform/errors.ts';

/** One error shape for everything: { error: { code, message, details } }. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => {
        const where = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        const field = [error.validationContext === 'body' ? '' : error.validationContext, where].filter(Boolean).join('.');
        return { field: field || (error.validationContext ?? 'body'), message: v.message ?? 'invalid' };
      });
      const first = issues[0]!;
      return reply.status(400).send({
        error: { code: 'validation_failed', message: `${first.field}: ${first.message}`, details: { field: first.field, issues } },
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ issues: error.cause.issues }, 'response does not match its schema');
      return reply.status(500).send({ error: { code: 'internal', message: 'Internal error', details: {} } });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.statusCode === 400 && error.code?.startsWith('FST_')) {
      return reply.status(400).send({ error: { code: 'bad_request', message: error.message, details: {} } });
    }
    if (error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_FILES_LIMIT') {
      return reply.status(413).send({ error: { code: 'payload_too_large', message: error.message, details: {} } });
    }
    if (error.statusCode === 415) {
      return reply.status(415).send({ error: { code: 'unsupported_media_type', message: error.message, details: {} } });
    }
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return reply.status(400).send({ error: { code: 'bad_request', message: 'body is not valid JSON', details: {} } });
    }
    const { status, body } = toErrorResponse(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(status).send(body);
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}`, details: {} } }),
  );
}
