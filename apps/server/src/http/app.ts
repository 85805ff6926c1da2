import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  type ZodTypeProvider,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Database } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { registerAuth } from './auth.ts';
import { setPrincipalCacheTtl } from '../modules/identity/identity.service.ts';
import { registerErrorHandler } from './errors.ts';
import { registerIdempotency } from './idempotency.ts';
import { routes } from './routes.ts';
import './types.ts';

export interface AppDeps {
  database: Database;
  config: Pick<Config, 'sessionHours' | 'cookieSecure' | 'logLevel'>;
  /** Built web app to serve at /; omitted in API-only tests. */
  webDist?: string | null;
}

export type App = FastifyInstance;
export type ZodApp = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;

export const DEFAULT_WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel },
    bodyLimit: 5 * 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : newId();
    },
    ajv: { customOptions: { coerceTypes: false } },
  });
  // Every API route, as registered: the tenant-isolation test walks this list so a new route
  // cannot ship without being checked.
  const apiRoutes: { method: string; url: string }[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    for (const method of [route.method].flat()) if (method !== 'HEAD') apiRoutes.push({ method, url: route.url });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Duely API', version: '1', description: 'Accounts-receivable collections and credit control' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (dly_…)' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'duely_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  registerErrorHandler(app);
  setPrincipalCacheTtl(deps.database.kind === 'pglite' ? 3_600_000 : 10_000);
  registerAuth(app, deps.database);
  registerIdempotency(app, deps.database);

  await app.register(
    async (api) => {
      await routes(api.withTypeProvider<ZodTypeProvider>(), deps);
    },
    { prefix: '/api/v1' },
  );

  const webDist = deps.webDist === undefined ? DEFAULT_WEB_DIST : deps.webDist;
  if (webDist && fs.existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
    // Client-side routes (/customers/…) get the app shell; unknown /api paths stay JSON 404s.
    app.get('/*', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/') || request.url.startsWith('/docs')) {
        return reply.status(404).send({ error: { code: 'not_found', message: 'no such route', details: {} } });
      }
      return reply.sendFile('index.html');
    });
  }
  app.get('/health', { config: { public: true }, schema: { hide: true } }, async () => ({ ok: true }));
  return app;
}
