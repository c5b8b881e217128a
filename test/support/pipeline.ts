import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRedis, type Config, type JobResult } from '@khabar/core';
import { createSearchClient } from '@khabar/search';
import { testConfig } from './env.js';
import { SERVICE_NODE_OPTIONS } from '../../scripts/lib/service-node-options.js';
import { QUEUE } from '@khabar/queues';

const root = resolve(import.meta.dirname, '..', '..');

/** The environment a service process gets for a test's config. */
export function serviceEnv(config: Config, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_PRETTY: 'false', LOG_LEVEL: 'warn', NODE_OPTIONS: SERVICE_NODE_OPTIONS };
  for (const [key, value] of Object.entries(config)) if (value !== undefined && key !== 'testId') env[key] = String(value);
  return { ...env, ...extra };
}

/** A service as its own OS process, exactly as production runs it, so it can be SIGKILLed. */
export function spawnService(name: 'processor' | 'fetcher' | 'api', env: NodeJS.ProcessEnv): ChildProcess & { exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'services', name, 'src', 'main.ts')], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return Object.assign(child, { exited });
}

export async function pageCounts(redis: Redis, config: Config): Promise<Record<string, number>> {
  const queue = new Queue(QUEUE.pages, { connection: redis, prefix: config.KHABAR_PREFIX });
  try {
    return await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
  } finally {
    await queue.close();
  }
}

export async function pageResults(redis: Redis, config: Config): Promise<Array<{ url: string; result?: JobResult; failedReason?: string }>> {
  const queue = new Queue(QUEUE.pages, { connection: redis, prefix: config.KHABAR_PREFIX });
  try {
    const jobs = await queue.getJobs(['completed', 'failed'], 0, -1);
    return jobs.map((job) => ({ url: job.data.finalUrl as string, result: job.returnvalue as JobResult | undefined, failedReason: job.failedReason }));
  } finally {
    await queue.close();
  }
}

/** Deletes every key under the test's prefix. */
export async function dropKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

/**
 * What most pipeline tests share: a config of their own (see testConfig), a producer Redis
 * connection, an OpenSearch client, and a cleanup that removes the test's keys, index and template.
 */
export function pipelineTestContext(overrides: Record<string, string> = {}) {
  const config = testConfig(overrides);
  const redis = createRedis(config, 'producer');
  const search = createSearchClient(config);
  const cleanup = async () => {
    await search.indices.delete({ index: `${config.INDEX_ALIAS}-v*` }).catch(() => undefined);
    await search.indices.deleteIndexTemplate({ name: `${config.INDEX_ALIAS}-template` }).catch(() => undefined);
    await dropKeys(redis, config.KHABAR_PREFIX);
    redis.disconnect();
    await search.close();
  };
  return { config, redis, search, cleanup };
}
