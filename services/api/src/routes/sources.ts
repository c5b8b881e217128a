import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../deps.js';
import { errorSchema } from './schemas.js';

export const DEFAULT_EVERY = '1h';

const sourceSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    url: { type: 'string' },
    everyMs: { type: 'integer' },
    addedAt: { type: 'string' },
    created: { type: 'boolean' },
    format: { type: 'string' },
    lastPollAt: { type: 'string' },
    lastStatus: { type: 'string' },
    lastError: { type: 'string' },
    lastFound: { type: 'integer' },
    lastNew: { type: 'integer' },
    totalNew: { type: 'integer' },
    polls: { type: 'integer' },
    errors: { type: 'integer' },
    nextPollAt: { type: 'string' },
  },
} as const;

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 256, pattern: '^[A-Za-z0-9_-]+$' } },
} as const;

/** packages/fetch names bad input SourceInputError (the name survives module boundaries, instanceof may not). */
const isInputError = (error: unknown): error is Error => error instanceof Error && error.name === 'SourceInputError';

export const sourceRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  const unavailable = { statusCode: 503, error: 'Service Unavailable', message: 'sources are not available in this process' };
  const notFound = (id: string) => ({ statusCode: 404, error: 'Not Found', message: `no source ${id}` });

  app.get(
    '/sources',
    {
      schema: {
        summary: 'Feeds and sitemaps polled on a schedule, with the outcome of their last poll',
        tags: ['sources'],
        response: { 200: { type: 'object', properties: { sources: { type: 'array', items: sourceSchema } }, required: ['sources'] }, 503: errorSchema },
      },
    },
    async (_request, reply) => (deps.sources ? { sources: await deps.sources.list() } : reply.code(503).send(unavailable)),
  );

  app.get<{ Params: { id: string } }>(
    '/sources/:id',
    { schema: { summary: 'One source', tags: ['sources'], params: idParams, response: { 200: sourceSchema, 404: errorSchema, 503: errorSchema } } },
    async (request, reply) => {
      if (!deps.sources) return reply.code(503).send(unavailable);
      const source = await deps.sources.get(request.params.id);
      return source ?? reply.code(404).send(notFound(request.params.id));
    },
  );

  app.post<{ Body: { url: string; every?: string | number } }>(
    '/sources',
    {
      schema: {
        summary: 'Add a feed, sitemap or robots.txt to poll (adding it again changes its interval)',
        description: 'The first poll runs at once. 201 when the source is new, 200 when it existed and only its interval changed.',
        tags: ['sources'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['url'],
          properties: {
            url: { type: 'string', minLength: 1, maxLength: 8192, description: 'RSS/Atom/JSON feed, sitemap, sitemap index or robots.txt' },
            every: {
              anyOf: [{ type: 'string', minLength: 1, maxLength: 20 }, { type: 'integer', minimum: 1 }],
              default: DEFAULT_EVERY,
              description: 'Poll interval: "15m", "1h", "1d" or milliseconds',
            },
          },
        },
        response: { 200: sourceSchema, 201: sourceSchema, 400: errorSchema, 503: errorSchema },
      },
    },
    async (request, reply) => {
      if (!deps.sources) return reply.code(503).send(unavailable);
      try {
        const source = await deps.sources.add({ url: request.body.url, every: request.body.every ?? DEFAULT_EVERY });
        return reply.code(source.created ? 201 : 200).send(source);
      } catch (error) {
        if (isInputError(error)) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: error.message });
        throw error;
      }
    },
  );

  app.post<{ Params: { id: string } }>(
    '/sources/:id/poll',
    {
      schema: {
        summary: 'Poll a source once now, outside its schedule',
        tags: ['sources'],
        params: idParams,
        response: { 202: { type: 'object', properties: { id: { type: 'string' }, status: { type: 'string' } } }, 404: errorSchema, 503: errorSchema },
      },
    },
    async (request, reply) => {
      if (!deps.sources) return reply.code(503).send(unavailable);
      if (!(await deps.sources.pollNow(request.params.id))) return reply.code(404).send(notFound(request.params.id));
      return reply.code(202).send({ id: request.params.id, status: 'queued' });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/sources/:id',
    {
      schema: {
        summary: 'Stop polling a source and forget it',
        tags: ['sources'],
        params: idParams,
        response: { 204: { type: 'null' }, 404: errorSchema, 503: errorSchema },
      },
    },
    async (request, reply) => {
      if (!deps.sources) return reply.code(503).send(unavailable);
      if (!(await deps.sources.remove(request.params.id))) return reply.code(404).send(notFound(request.params.id));
      return reply.code(204).send();
    },
  );
};
