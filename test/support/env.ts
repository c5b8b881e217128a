import { randomUUID } from 'node:crypto';
import { loadConfig, type Config } from '@khabar/core';

/**
 * Config for one test: the real services the harness started (REDIS_URL, OPENSEARCH_URL), with a
 * key prefix and index alias of its own so tests never see each other's data.
 */
export function testConfig(overrides: Record<string, string> = {}): Config & { testId: string } {
  if (!process.env.REDIS_URL || !process.env.OPENSEARCH_URL) {
    throw new Error('REDIS_URL and OPENSEARCH_URL must point at running servers: run the tests with `npm test`');
  }
  const testId = randomUUID().slice(0, 8);
  const config = loadConfig({
    ...process.env,
    KHABAR_PREFIX: `{t${testId}}`,
    INDEX_ALIAS: `t${testId}-articles`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    FETCH_ALLOW_HOSTS: '127.0.0.1',
    JOB_BACKOFF_MS: '200',
    ...overrides,
  });
  return Object.assign(Object.create(null), config, { testId });
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
