import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { createRedis, type Config, type Logger } from '@khabar/core';
import { Producers, QUEUE, queueOptions, type QueueName } from '@khabar/queues';
import { addSource, getSource, listSources, pollSourceNow, removeSource } from '@khabar/fetch';
import { createSearchClient, getArticle, searchArticles } from '@khabar/search';
import { observeQueueCounts } from '@khabar/telemetry';
import { buildApp } from './app.js';
import type { ApiDeps } from './deps.js';
import { queueCounts } from './routes/stats.js';

export { buildApp, BOARD_PATH, DOCS_PATH } from './app.js';
export type { ApiDeps, SourcesApi } from './deps.js';
export { queueCounts } from './routes/stats.js';

export interface RunningApi {
  app: FastifyInstance;
  /** http://host:port the API listens on. */
  url: string;
  /** Stops accepting requests, lets in-flight ones finish, then closes Redis and OpenSearch. */
  close(): Promise<void>;
}

/** Connections and queues the API needs, built from config; `close` releases them all. */
export function createApiDeps(config: Config, logger: Logger): ApiDeps & { close(): Promise<void> } {
  const redis = createRedis(config, 'producer');
  const producers = new Producers(config, redis);
  const sources = new Queue(QUEUE.sources, queueOptions(config, redis));
  const queues: Record<QueueName, Queue> = { fetch: producers.fetch, pages: producers.pages, sources };
  const client = createSearchClient(config);
  return {
    config,
    logger,
    redis,
    producers,
    queues,
    pingOpenSearch: async () => {
      await client.ping();
    },
    search: (query) => searchArticles(client, config.INDEX_ALIAS, query),
    getArticle: (id) => getArticle(client, config.INDEX_ALIAS, id),
    sources: {
      add: (input) => addSource({ config, connection: redis }, input),
      list: () => listSources({ config, connection: redis }),
      get: (id) => getSource({ config, connection: redis }, id),
      remove: (idOrUrl) => removeSource({ config, connection: redis }, idOrUrl),
      pollNow: (id) => pollSourceNow({ config, connection: redis }, id),
    },
    async close() {
      await Promise.allSettled([producers.close(), sources.close()]);
      await client.close();
      redis.disconnect();
    },
  };
}

export async function startApi(config: Config, logger: Logger): Promise<RunningApi> {
  const deps = createApiDeps(config, logger);
  observeQueueCounts(() => queueCounts(deps.queues));
  const app = await buildApp(deps);
  const url = await app.listen({ host: config.API_HOST, port: config.API_PORT });
  logger.info({ url, docs: `${url}/docs`, board: `${url}/admin/queues` }, 'API listening');
  return {
    app,
    url,
    async close() {
      await app.close();
      observeQueueCounts(undefined);
      await deps.close();
    },
  };
}
