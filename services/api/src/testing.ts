import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { Worker } from 'bullmq';
import { createRedis, loadConfig, type Config, type Logger } from '@khabar/core';
import type { QueueName } from '@khabar/queues';
import { createSearchClient, ensureIndex, indexName, templateName, type Client } from '@khabar/search';
import { buildApp } from './app.js';
import type { ApiDeps } from './deps.js';
import { createApiDeps } from './index.js';

/**
 * A real API (real Redis, real OpenSearch) under a key prefix and index alias of its own, for
 * tests in /test. `close()` removes every key and index it created.
 */
export interface TestApi {
  app: FastifyInstance;
  deps: ApiDeps;
  config: Config;
  opensearch: Client;
  /** Log lines the app wrote (JSON objects), to assert on warnings. */
  logs: Array<Record<string, unknown>>;
  /** Creates the articles index behind the test's alias. */
  ensureIndex(): Promise<void>;
  close(): Promise<void>;
}

export async function createTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const tag = randomUUID().slice(0, 8);
  const config = loadConfig({
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    OPENSEARCH_URL: process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200',
    KHABAR_PREFIX: `{t${tag}}`,
    INDEX_ALIAS: `t-${tag}-articles`,
    LOG_LEVEL: 'info',
    ...env,
  });
  const logs: Array<Record<string, unknown>> = [];
  const logger: Logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const deps = createApiDeps(config, logger);
  const app = await buildApp(deps);
  await app.ready();
  const opensearch = createSearchClient(config);
  let indexed = false;
  return {
    app,
    deps,
    config,
    opensearch,
    logs,
    async ensureIndex() {
      await ensureIndex(opensearch, config.INDEX_ALIAS);
      indexed = true;
    },
    async close() {
      await app.close();
      const redis = deps.redis;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.KHABAR_PREFIX}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
      if (indexed) {
        await opensearch.indices.delete({ index: indexName(config.INDEX_ALIAS) }, { ignore: [404] });
        await opensearch.indices.deleteIndexTemplate({ name: templateName(config.INDEX_ALIAS) }, { ignore: [404] });
      }
      await opensearch.close();
      await deps.close();
    },
  };
}

/**
 * Puts a job in the failed set the way a worker would: a real BullMQ Worker takes it and throws
 * `reason`. Use a queue with nothing else waiting (the worker takes whatever comes first).
 */
export async function failJob(api: TestApi, queue: QueueName, data: Record<string, unknown>, reason: string, jobId?: string): Promise<string> {
  const connection = createRedis(api.config, 'worker');
  const job = await api.deps.queues[queue].add('test', data, { attempts: 1, ...(jobId ? { jobId } : {}) });
  const worker = new Worker(
    queue,
    async () => {
      throw new Error(reason);
    },
    { connection, prefix: api.config.KHABAR_PREFIX },
  );
  try {
    await new Promise<void>((resolve) => worker.on('failed', (failed) => failed?.id === job.id && resolve()));
  } finally {
    await worker.close();
    connection.disconnect();
  }
  return job.id!;
}
