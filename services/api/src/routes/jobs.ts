import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../deps.js';
import { errorSchema, QUEUE_NAMES } from './schemas.js';

type QueueParam = (typeof QUEUE_NAMES)[number];

const jobSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    queue: { type: 'string' },
    name: { type: 'string' },
    state: { type: 'string', description: 'waiting, active, delayed, prioritized, completed, failed, ...' },
    attemptsMade: { type: 'integer' },
    attempts: { type: 'integer' },
    data: { type: 'object', additionalProperties: true },
    result: { type: 'object', additionalProperties: true, description: 'The recorded outcome of a completed job' },
    failedReason: { type: 'string' },
    createdAt: { type: 'string' },
    processedAt: { type: 'string' },
    finishedAt: { type: 'string' },
  },
  required: ['id', 'queue', 'state'],
} as const;

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : undefined);

export const jobRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get<{ Params: { queue: QueueParam; id: string } }>(
    '/jobs/:queue/:id',
    {
      schema: {
        summary: 'Status of one job: state, attempts, recorded outcome or failure reason',
        tags: ['jobs'],
        params: {
          type: 'object',
          required: ['queue', 'id'],
          properties: {
            queue: { type: 'string', enum: [...QUEUE_NAMES] },
            id: { type: 'string', minLength: 1, maxLength: 256, pattern: '^[^:]+$' },
          },
        },
        response: { 200: jobSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { queue, id } = request.params;
      const job = await deps.queues[queue].getJob(id);
      if (!job) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no job ${id} in queue ${queue} (never added, or removed by retention)` });
      const state = await job.getState();
      // Page bodies are large and already stored in OpenSearch once indexed: leave them out.
      const { htmlBrotli: _body, ...data } = (job.data ?? {}) as Record<string, unknown>;
      return {
        id: job.id ?? id,
        queue,
        name: job.name,
        state,
        attemptsMade: job.attemptsMade,
        attempts: job.opts.attempts,
        data,
        result: job.returnvalue && typeof job.returnvalue === 'object' ? job.returnvalue : undefined,
        failedReason: job.failedReason || undefined,
        createdAt: iso(job.timestamp),
        processedAt: iso(job.processedOn),
        finishedAt: iso(job.finishedOn),
      };
    },
  );
};
