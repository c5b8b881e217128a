import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps, SourceInput } from '../deps.js';
import { errorSchema } from './schemas.js';

const sourceSchema = { type: 'object', additionalProperties: true } as const;

export const sourceRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  const unavailable = { statusCode: 503, error: 'Service Unavailable', message: 'sources are not available in this build' };

  app.get(
    '/sources',
    { schema: { summary: 'Feeds and sitemaps polled on a schedule', tags: ['sources'], response: { 200: { type: 'object', properties: { sources: { type: 'array', items: sourceSchema } } }, 503: errorSchema } } },
    async (_request, reply) => (deps.sources ? { sources: await deps.sources.list() } : reply.code(503).send(unavailable)),
  );

  app.post<{ Body: SourceInput }>(
    '/sources',
    {
      schema: {
        summary: 'Add (or update) a feed or sitemap to poll',
        tags: ['sources'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['url'],
          properties: {
            url: { type: 'string', minLength: 1, maxLength: 8192 },
            kind: { type: 'string', enum: ['feed', 'sitemap'], description: 'Detected from the document when omitted' },
            everyMinutes: { type: 'integer', minimum: 1, maximum: 10_080 },
          },
        },
        response: { 201: sourceSchema, 400: errorSchema, 503: errorSchema },
      },
    },
    async (request, reply) => {
      if (!deps.sources) return reply.code(503).send(unavailable);
      try {
        return reply.code(201).send(await deps.sources.add(request.body));
      } catch (error) {
        // The sources package names bad input (not a URL, blocked address) with a message.
        if (error instanceof Error && /invalid|must|not a|unsupported/i.test(error.message)) {
          return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: error.message });
        }
        throw error;
      }
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/sources/:id',
    {
      schema: {
        summary: 'Stop polling a source',
        tags: ['sources'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 256 } } },
        response: { 204: { type: 'null' }, 404: errorSchema, 503: errorSchema },
      },
    },
    async (request, reply) => {
      if (!deps.sources) return reply.code(503).send(unavailable);
      const removed = await deps.sources.remove(request.params.id);
      if (!removed) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no source ${request.params.id}` });
      return reply.code(204).send();
    },
  );
};
