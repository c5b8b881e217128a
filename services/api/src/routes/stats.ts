import type { FastifyPluginAsync } from 'fastify';
import type { Queue } from 'bullmq';
import { QUEUE_STATES, type QueueCounts } from '@khabar/telemetry';
import type { ApiDeps } from '../deps.js';

/** Job counts per queue and state, in one Redis round trip per queue. */
export async function queueCounts(queues: Record<string, Queue>): Promise<QueueCounts> {
  const entries = await Promise.all(
    Object.entries(queues).map(async ([name, queue]) => [name, await queue.getJobCounts(...QUEUE_STATES)] as const),
  );
  return Object.fromEntries(entries);
}

const countsSchema = {
  type: 'object',
  properties: Object.fromEntries(QUEUE_STATES.map((state) => [state, { type: 'integer' }])),
} as const;

export const statsRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get(
    '/stats',
    {
      schema: {
        summary: 'Job counts per queue and state',
        tags: ['jobs'],
        response: {
          200: {
            type: 'object',
            properties: { queues: { type: 'object', additionalProperties: countsSchema } },
            required: ['queues'],
          },
        },
      },
    },
    async () => ({ queues: await queueCounts(deps.queues) }),
  );
};
