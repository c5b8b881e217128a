import type { FastifyPluginAsync } from 'fastify';
import { errorMessage } from '@khabar/core';
import type { ApiDeps } from '../deps.js';

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const checkSchema = { type: 'object', properties: { ok: { type: 'boolean' }, error: { type: 'string' } }, required: ['ok'] } as const;

export const healthRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        summary: 'The process is up (liveness)',
        tags: ['health'],
        security: [],
        response: { 200: { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] } },
      },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Redis and OpenSearch are reachable (readiness)',
        tags: ['health'],
        security: [],
        response: {
          '2xx': { type: 'object', properties: { status: { type: 'string' }, redis: checkSchema, opensearch: checkSchema } },
          503: { type: 'object', properties: { status: { type: 'string' }, redis: checkSchema, opensearch: checkSchema } },
        },
      },
    },
    async (_request, reply) => {
      const probe = async (work: () => Promise<unknown>, what: string) => {
        try {
          await withTimeout(work(), what);
          return { ok: true };
        } catch (error) {
          return { ok: false, error: errorMessage(error) };
        }
      };
      const [redis, opensearch] = await Promise.all([
        probe(() => deps.redis.ping(), 'Redis'),
        probe(() => deps.pingOpenSearch(), 'OpenSearch'),
      ]);
      const ready = redis.ok && opensearch.ok;
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready', redis, opensearch });
    },
  );
};
