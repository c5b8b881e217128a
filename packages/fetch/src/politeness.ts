import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RetryableError, redisKey } from '@khabar/core';

/**
 * Per-host politeness shared by every fetch worker on every machine: at most `maxConcurrent`
 * requests in flight per host and at least `minDelayMs` between two request starts. State lives
 * in Redis and changes in one Lua script, timed by the Redis server's clock so machines with
 * skewed clocks still agree. A lease expires by itself, so a crashed worker cannot hold a host.
 *
 * Acquiring never waits: it answers "go" or "ask again in N ms", and the worker parks the job in
 * BullMQ's delayed set for that long, so a slow or busy host never occupies a worker slot.
 */

/**
 * KEYS[1] leases zset (member: lease id, score: expiry ms)   KEYS[2] next allowed start (ms)
 * ARGV[1] max concurrent   ARGV[2] min delay ms   ARGV[3] lease ttl ms   ARGV[4] lease id
 * Returns 0 when the lease is taken, else the ms to wait before asking again.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local maxConcurrent = tonumber(ARGV[1])
local delay = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local nextStart = tonumber(redis.call('GET', KEYS[2]) or '0')
if nextStart > now then return nextStart - now end
if redis.call('ZCARD', KEYS[1]) >= maxConcurrent then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local untilExpiry = tonumber(first[2]) - now
  local step = delay
  if step < 200 then step = 200 end
  if untilExpiry < step then step = untilExpiry end
  if step < 1 then step = 1 end
  return step
end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[4])
redis.call('PEXPIRE', KEYS[1], ttl * 2)
if delay > 0 then redis.call('SET', KEYS[2], now + delay, 'PX', delay + 1000) end
return 0
`;

/**
 * KEYS[1] next allowed start (ms)   ARGV[1] ms to keep the host quiet from now
 * Pushes the host's next start later (never earlier): a 429/503 Retry-After holds all workers back.
 */
const PENALIZE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local target = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if target > current then redis.call('SET', KEYS[1], target, 'PX', tonumber(ARGV[1]) + 1000) end
return 0
`;

export interface HostBudget {
  maxConcurrent: number;
  minDelayMs: number;
}

export type Acquired = { granted: true; release: () => Promise<void> } | { granted: false; waitMs: number };

export class HostPoliteness {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Longest a request may hold a lease; after it the lease counts as abandoned. */
    private readonly leaseTtlMs: number,
  ) {}

  private keys(host: string): [string, string] {
    const h = host.toLowerCase();
    return [redisKey(this.prefix, 'host', h, 'leases'), redisKey(this.prefix, 'host', h, 'next')];
  }

  async acquire(host: string, budget: HostBudget): Promise<Acquired> {
    const leaseId = randomUUID();
    const [leases, next] = this.keys(host);
    const wait = Number(
      await this.redis.eval(ACQUIRE, 2, leases, next, budget.maxConcurrent, Math.max(0, Math.round(budget.minDelayMs)), this.leaseTtlMs, leaseId),
    );
    if (wait > 0) return { granted: false, waitMs: wait };
    let released = false;
    return {
      granted: true,
      release: async () => {
        if (released) return;
        released = true;
        await this.redis.zrem(leases, leaseId);
      },
    };
  }

  /**
   * Waits in-line for a lease, for callers that do several requests in one job (a sitemap index
   * and its children) with a small worker pool of their own; gives up as retryable after `maxWaitMs`.
   */
  async waitTurn(host: string, budget: HostBudget, maxWaitMs: number): Promise<() => Promise<void>> {
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      const lease = await this.acquire(host, budget);
      if (lease.granted) return lease.release;
      if (Date.now() + lease.waitMs > deadline) throw new RetryableError(`host ${host} stayed busy for ${maxWaitMs} ms`, 'host-busy');
      await new Promise((done) => setTimeout(done, lease.waitMs));
    }
  }

  /** Keeps every worker away from `host` for `ms` (Retry-After of a 429 or 503). */
  async penalize(host: string, ms: number): Promise<void> {
    await this.redis.eval(PENALIZE, 1, this.keys(host)[1], Math.max(1, Math.round(ms)));
  }
}
