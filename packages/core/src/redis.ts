import { Redis, type RedisOptions } from 'ioredis';

export type { Redis };

/**
 * Connections for BullMQ workers must wait through Redis restarts rather than fail a command
 * (`maxRetriesPerRequest: null`); connections used only to add jobs fail fast instead, so an
 * HTTP request or CLI call reports the outage rather than hanging.
 */
export function createRedis(url: string, role: 'worker' | 'producer' = 'worker', extra: RedisOptions = {}): Redis {
  const base: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: 5_000 };
  return new Redis(url, {
    ...base,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 6), 5_000),
    ...extra,
  });
}
