import { randomUUID } from 'node:crypto';
import type { Job, Queue } from 'bullmq';
import { createLogger, createRedis, loadConfig, type Config, type Logger, type Redis } from '@khabar/core';

/** A config for one test: its own key prefix on the Redis the harness gives, loopback allowed. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    REDIS_URL: process.env.REDIS_URL,
    KHABAR_PREFIX: `{t${randomUUID().slice(0, 8)}}`,
    FETCH_ALLOW_HOSTS: '127.0.0.1',
    FETCH_HOST_DELAY_MS: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    LOG_PRETTY: 'false',
    ...overrides,
  });
}

export function testLogger(config: Config): Logger {
  return createLogger(config, 'test');
}

/** Deletes every key under the test's prefix. */
export async function dropPrefix(config: Config): Promise<void> {
  const redis: Redis = createRedis(config, 'producer');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.KHABAR_PREFIX}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/** Polls until the job has completed or failed (no QueueEvents: one connection fewer per test). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function waitForJob(queue: Queue<any, any>, jobId: string, timeoutMs = 15_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = await queue.getJob(jobId);
    if (job && (job.finishedOn || job.failedReason)) {
      const state = await job.getState();
      if (state === 'completed' || state === 'failed') return job;
    }
    await new Promise((done) => setTimeout(done, 25));
  }
  throw new Error(`job ${jobId} did not finish within ${timeoutMs} ms`);
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
