import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps, ArticleQuery } from '../deps.js';
import { errorSchema } from './schemas.js';

export const MAX_PAGE_SIZE = 100;
/** OpenSearch refuses from + size beyond index.max_result_window (10 000 by default). */
export const MAX_RESULT_WINDOW = 10_000;

interface SearchQuerystring {
  q?: string;
  entity?: string[];
  language?: string;
  site?: string;
  from?: string;
  to?: string;
  page: number;
  size: number;
  sort: 'relevance' | 'newest' | 'oldest';
}

const DATE = '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?)?$';

const hitSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    url: { type: 'string' },
    title: { type: 'string' },
    site: { type: 'string' },
    language: { type: 'string' },
    publishedAt: { type: 'string' },
    entities: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, count: { type: 'integer' } } },
    },
    copyCount: { type: 'integer' },
    copies: {
      type: 'array',
      items: {
        type: 'object',
        properties: { url: { type: 'string' }, site: { type: 'string' }, reason: { type: 'string' }, similarity: { type: 'number' }, seen_at: { type: 'string' } },
      },
    },
    snippet: { type: 'string' },
    score: { type: ['number', 'null'] },
  },
} as const;

class BadQueryError extends Error {
  statusCode = 400;
}

/** Checks that fields valid one by one make a valid query together; fills defaults. */
export function toArticleQuery(qs: SearchQuerystring): ArticleQuery {
  const query: ArticleQuery = { page: qs.page, size: qs.size, sort: qs.sort };
  if (qs.q !== undefined && qs.q.trim() !== '') query.text = qs.q.trim();
  if (qs.entity && qs.entity.length > 0) query.entity = [...new Set(qs.entity)];
  if (qs.language) query.language = qs.language;
  if (qs.site) query.site = qs.site;
  for (const bound of ['from', 'to'] as const) {
    const value = qs[bound];
    if (value === undefined) continue;
    if (Number.isNaN(Date.parse(value))) throw new BadQueryError(`querystring/${bound} is not a valid date: ${value}`);
    query[bound] = value;
  }
  if (query.from && query.to && Date.parse(query.from) > Date.parse(query.to)) throw new BadQueryError('querystring/from must not be after querystring/to');
  if (qs.page * qs.size > MAX_RESULT_WINDOW) throw new BadQueryError(`page × size must stay within the first ${MAX_RESULT_WINDOW} results`);
  return query;
}

export const searchRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get<{ Querystring: SearchQuerystring }>(
    '/search',
    {
      schema: {
        summary: 'Search indexed articles',
        description:
          'Full text in the article\'s own language (Arabic, French, English analysers), filtered by entity ' +
          '(Wikidata id, repeat for several: all must be mentioned), language, source site and publication date. ' +
          'Only these parameters are accepted; no raw OpenSearch query is passed through.',
        tags: ['search'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            q: { type: 'string', maxLength: 500, description: 'Words to find in title and body' },
            entity: { type: 'array', maxItems: 10, items: { type: 'string', pattern: '^Q[1-9][0-9]{0,11}$' }, description: 'Wikidata id, e.g. Q7747' },
            language: { type: 'string', pattern: '^[a-z]{2}$', description: 'ISO 639-1 code: ar, fr, en, ...' },
            site: { type: 'string', minLength: 1, maxLength: 253, description: 'Source site name or host' },
            from: { type: 'string', pattern: DATE, description: 'Published on or after (ISO 8601 date or date-time)' },
            to: { type: 'string', pattern: DATE, description: 'Published on or before (ISO 8601 date or date-time)' },
            page: { type: 'integer', minimum: 1, default: 1 },
            size: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 },
            sort: { type: 'string', enum: ['relevance', 'newest', 'oldest'], default: 'relevance' },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { total: { type: 'integer' }, page: { type: 'integer' }, size: { type: 'integer' }, hits: { type: 'array', items: hitSchema } },
            required: ['total', 'page', 'size', 'hits'],
          },
          400: errorSchema,
          503: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const search = deps.search;
      if (!search) return reply.code(503).send({ statusCode: 503, error: 'Service Unavailable', message: 'search is not configured in this process' });
      let query: ArticleQuery;
      try {
        query = toArticleQuery(request.query);
      } catch (error) {
        if (error instanceof BadQueryError) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: error.message });
        throw error;
      }
      const result = await search(query);
      return { total: result.total, page: request.query.page, size: request.query.size, hits: result.hits };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/articles/:id',
    {
      schema: {
        summary: 'One indexed article as stored: text, metadata, entities and recorded copies',
        tags: ['search'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' } } },
        response: { 200: { type: 'object', additionalProperties: true }, 404: errorSchema, 503: errorSchema },
      },
    },
    async (request, reply) => {
      if (!deps.getArticle) return reply.code(503).send({ statusCode: 503, error: 'Service Unavailable', message: 'search is not configured in this process' });
      const article = await deps.getArticle(request.params.id);
      if (!article) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no article ${request.params.id}` });
      return article;
    },
  );
};
