import type { FastifyPluginAsync } from 'fastify';
import { metricsContentType, renderMetrics } from '@khabar/telemetry';
import type { ApiDeps } from '../deps.js';

/**
 * Prometheus scrapes without credentials; the API's metrics hold counts and latencies, never
 * article content or keys. Keep the port off the public internet if even that is too much.
 */
export const metricsRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app) => {
  app.get(
    '/metrics',
    { config: { access: 'public' }, schema: { summary: 'Prometheus metrics (text format)', tags: ['health'], security: [] } },
    async (_request, reply) => reply.type(metricsContentType()).send(await renderMetrics()),
  );
};
