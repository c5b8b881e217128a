import type { FastifyPluginAsync } from 'fastify';
import type { RawPage } from '@khabar/core';
import { canonicalizeUrl } from '@khabar/dedupe';
import type { ApiDeps } from '../deps.js';
import { enqueueReplySchema, errorSchema } from './schemas.js';

export const MAX_PAGES_PER_REQUEST = 1_000;

interface PageInput {
  url: string;
  finalUrl?: string;
  status?: number;
  headers?: Record<string, string>;
  html: string;
  fetchedAt?: string;
}


function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** A pushed page becomes a RawPage, or the reason it cannot. */
export function toRawPage(input: PageInput, now: string): RawPage | string {
  if (!isHttpUrl(input.url)) return 'url must be an absolute http(s) URL';
  if (input.finalUrl !== undefined && !isHttpUrl(input.finalUrl)) return 'finalUrl must be an absolute http(s) URL';
  if (input.fetchedAt !== undefined && Number.isNaN(Date.parse(input.fetchedAt))) return 'fetchedAt must be an ISO 8601 date';
  let url: string;
  try {
    url = canonicalizeUrl(input.url);
  } catch (error) {
    return (error as Error).message;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;
  return {
    url,
    finalUrl: input.finalUrl ?? input.url,
    status: input.status ?? 200,
    headers,
    html: input.html,
    fetchedAt: input.fetchedAt ? new Date(input.fetchedAt).toISOString() : now,
    origin: 'api',
  };
}

export const pageRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.post<{ Body: { pages: PageInput[] } }>(
    '/pages',
    {
      schema: {
        summary: 'Push raw pages fetched elsewhere',
        description:
          'Each page goes straight onto the pages queue (extract → dedupe → enrich → index), skipping the fetcher. ' +
          'The same page body pushed twice while its job is kept is reported as already-queued.',
        tags: ['enqueue'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['pages'],
          properties: {
            pages: {
              type: 'array',
              minItems: 1,
              maxItems: MAX_PAGES_PER_REQUEST,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['url', 'html'],
                properties: {
                  url: { type: 'string', minLength: 1, maxLength: 8192, description: 'URL the page was requested as' },
                  finalUrl: { type: 'string', minLength: 1, maxLength: 8192, description: 'URL after redirects (default: url)' },
                  status: { type: 'integer', minimum: 100, maximum: 599, default: 200 },
                  headers: { type: 'object', additionalProperties: { type: 'string' } },
                  html: { type: 'string', minLength: 1, description: 'The page, already decoded to text' },
                  fetchedAt: { type: 'string', description: 'ISO 8601 (default: now)' },
                },
              },
            },
          },
        },
        // 400 covers both schema errors (no results) and all-invalid batches (with results).
        response: { 202: enqueueReplySchema, 400: { type: 'object', properties: { ...errorSchema.properties, ...enqueueReplySchema.properties } } },
      },
    },
    async (request, reply) => {
      const now = new Date().toISOString();
      const results: Array<{ url: string; jobId?: string; status: 'queued' | 'already-queued' | 'invalid'; error?: string }> = [];
      for (const input of request.body.pages) {
        const page = toRawPage(input, now);
        if (typeof page === 'string') {
          results.push({ url: input.url, status: 'invalid', error: page });
          continue;
        }
        const { jobId, status } = await deps.producers.enqueuePage(page);
        results.push({ url: input.url, jobId, status });
      }
      const count = (status: string) => results.filter((r) => r.status === status).length;
      const summary = { queued: count('queued'), alreadyQueued: count('already-queued'), invalid: count('invalid'), results };
      if (summary.invalid === results.length) {
        return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'no valid page in the batch', ...summary });
      }
      return reply.code(202).send(summary);
    },
  );
};
