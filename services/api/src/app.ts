import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { httpDuration, httpRequests } from '@khabar/telemetry';
import { createKeyRing, presentedKey, refusal, type Access, type Grant } from './auth.js';
import type { ApiDeps } from './deps.js';
import { registerBoard } from './board.js';
import { validatorCompiler } from './validation.js';
import { healthRoutes } from './routes/health.js';
import { urlRoutes } from './routes/urls.js';
import { pageRoutes } from './routes/pages.js';
import { jobRoutes } from './routes/jobs.js';
import { statsRoutes } from './routes/stats.js';
import { searchRoutes } from './routes/search.js';
import { sourceRoutes } from './routes/sources.js';
import { metricsRoutes } from './routes/metrics.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; by default GET/HEAD need a read key and everything else a write key. */
    access?: Access;
  }
  interface FastifyRequest {
    /** What the presented API key allows (`write` when the API is open). */
    grant: Grant;
  }
}

export const BOARD_PATH = '/admin/queues';
export const DOCS_PATH = '/docs';

function accessOf(route: string | undefined, declared: Access | undefined, method: string): Access {
  if (declared) return declared;
  // The OpenAPI document and its UI are documentation: open to everyone.
  if (route !== undefined && (route === DOCS_PATH || route.startsWith(`${DOCS_PATH}/`))) return 'public';
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
}

/** The HTTP API as a fastify instance, ready for `inject` in tests or `listen` in startApi. */
export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const { config, logger } = deps;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: config.API_BODY_LIMIT_BYTES,
    return503OnClosing: true,
  });

  app.setValidatorCompiler(validatorCompiler);

  const keys = createKeyRing(config);
  app.decorateRequest('grant', 'none');
  app.addHook('onRequest', async (request, reply) => {
    const access = accessOf(request.routeOptions.url, request.routeOptions.config?.access, request.method);
    request.grant = keys.grantFor(presentedKey(request.headers.authorization));
    const status = refusal(access, request.grant);
    if (status === null) return;
    const onBoard = request.url.startsWith(BOARD_PATH);
    // The board is opened in a browser: offer Basic auth (password = API key) so it prompts.
    if (status === 401) reply.header('www-authenticate', onBoard ? 'Basic realm="khabar queue board", charset="UTF-8"' : 'Bearer realm="khabar"');
    return reply.code(status).send({
      statusCode: status,
      error: status === 401 ? 'Unauthorized' : 'Forbidden',
      message: status === 401 ? 'an API key is required: send "Authorization: Bearer <key>"' : 'this key is read-only; the route needs a write key',
    });
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Khabar API',
        version: '1',
        description:
          'Enqueue news URLs and raw pages, follow their jobs, search indexed articles. ' +
          'Send an API key as "Authorization: Bearer <key>": write keys for POST/DELETE, read or write keys for GET.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PATH, uiConfig: { deepLinking: true } });

  await app.register(healthRoutes, { deps });
  await app.register(metricsRoutes, { deps });
  await app.register(urlRoutes, { deps, prefix: '/v1' });
  await app.register(pageRoutes, { deps, prefix: '/v1' });
  await app.register(jobRoutes, { deps, prefix: '/v1' });
  await app.register(statsRoutes, { deps, prefix: '/v1' });
  await app.register(searchRoutes, { deps, prefix: '/v1' });
  await app.register(sourceRoutes, { deps, prefix: '/v1' });
  await registerBoard(app, deps, BOARD_PATH);

  if (!keys.enabled) logger.warn('API_KEYS and API_READ_KEYS are empty: the API is open to anyone who can reach it (development only)');
  else if (config.API_KEYS.trim() === '') logger.warn('API_KEYS is empty: only read keys are configured, so no one can write');
  return app;
}
