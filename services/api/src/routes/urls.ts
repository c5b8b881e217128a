import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../deps.js';
import { enqueueReplySchema, errorSchema } from './schemas.js';

export const MAX_URLS_PER_REQUEST = 10_000;

interface UrlsBody {
  urls: string[];
  sourceId?: string;
}


export const urlRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.post<{ Body: UrlsBody }>(
    '/urls',
    {
      schema: {
        summary: 'Enqueue URLs to fetch',
        description:
          'Each URL is canonicalised (fragment and tracking parameters dropped, host lower-cased); a URL whose job is ' +
          'still kept is reported as already-queued and not fetched twice. Answers 202 with one result per URL in input ' +
          'order, or 400 when no URL in the batch is valid.',
        tags: ['enqueue'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['urls'],
          properties: {
            urls: { type: 'array', minItems: 1, maxItems: MAX_URLS_PER_REQUEST, items: { type: 'string', minLength: 1, maxLength: 8192 } },
            sourceId: { type: 'string', minLength: 1, maxLength: 200 },
          },
        },
        // 400 covers both schema errors (no results) and all-invalid batches (with results).
        response: { 202: enqueueReplySchema, 400: { type: 'object', properties: { ...errorSchema.properties, ...enqueueReplySchema.properties } } },
      },
    },
    async (request, reply) => {
      const results = await deps.producers.enqueueUrls(request.body.urls, request.body.sourceId);
      const count = (status: string) => results.filter((r) => r.status === status).length;
      const summary = { queued: count('queued'), alreadyQueued: count('already-queued'), invalid: count('invalid'), results };
      if (summary.invalid === results.length) {
        return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'no valid http(s) URL in the batch', ...summary });
      }
      request.log.info({ queued: summary.queued, alreadyQueued: summary.alreadyQueued, invalid: summary.invalid }, 'urls enqueued');
      return reply.code(202).send(summary);
    },
  );
};
