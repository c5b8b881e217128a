import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { parseClusterNodes } from './config.js';

export type { Redis };

/** Where Khabar's Redis is: one server (REDIS_URL) or the seed nodes of a Redis Cluster. */
export interface RedisTarget {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES?: string | undefined;
}

/**
 * Connections for BullMQ workers must wait through Redis restarts rather than fail a command
 * (`maxRetriesPerRequest: null`); connections used only to add jobs fail fast instead, so an
 * HTTP request or CLI call reports the outage rather than hanging.
 *
 * With REDIS_CLUSTER_NODES the connection is a cluster client; REDIS_URL then gives only the
 * credentials, database-free. Every Khabar key carries the `{prefix}` hash tag, so each Lua script
 * and multi-key command stays in one slot, which is what a cluster requires. The cluster client
 * answers the same commands for such keys, so callers keep the `Redis` type.
 */
export function createRedis(target: string | RedisTarget, role: 'worker' | 'producer' = 'worker', extra: RedisOptions = {}): Redis {
  const { REDIS_URL: url, REDIS_CLUSTER_NODES: clusterNodes } = typeof target === 'string' ? { REDIS_URL: target } : target;
  const base: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: 5_000 };
  const retryStrategy = (times: number) => Math.min(100 * 2 ** Math.min(times, 6), 5_000);
  if (!clusterNodes) return new Redis(url, { ...base, retryStrategy, ...extra });

  const { username, password, protocol } = new URL(url);
  const cluster = new Cluster(parseClusterNodes(clusterNodes), {
    clusterRetryStrategy: retryStrategy,
    enableOfflineQueue: true,
    // Ask the cluster for its topology again when a node moves slots or fails over.
    slotsRefreshTimeout: 2_000,
    redisOptions: {
      ...base,
      ...(username ? { username: decodeURIComponent(username) } : {}),
      ...(password ? { password: decodeURIComponent(password) } : {}),
      ...(protocol === 'rediss:' ? { tls: {} } : {}),
      ...extra,
    },
  });
  return cluster as unknown as Redis;
}
