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
 * KEYS[1] leases zset (member: lease id, score: expiry ms)
 * KEYS[2] host hash: last (last request start), frontier (first start not yet promised to a
 *         waiting job), until (no start before this: Retry-After)
 * ARGV[1] max concurrent   ARGV[2] min delay ms   ARGV[3] lease ttl ms   ARGV[4] lease id
 * ARGV[5] start time this caller reserved earlier (0: none)
 * Returns {0, 0} when the lease is taken, else {ms to wait, reserved start to come back with}.
 *
 * A refused caller is promised the next free start (the frontier moves one delay further), so a
 * burst of jobs for one site each park once until their own turn instead of all waking together.
 * A promised start still waits for the real spacing after the last request, so a job that wakes
 * late never brings the next one closer than the delay.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local maxConcurrent = tonumber(ARGV[1])
local delay = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
local reserved = tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local state = redis.call('HMGET', KEYS[2], 'last', 'frontier', 'until')
local last = tonumber(state[1] or '0')
local frontier = tonumber(state[2] or '0')
local penalty = tonumber(state[3] or '0')
local earliest = math.max(last + delay, penalty)
-- a promise older than a lease lifetime is stale (the job failed and came back much later)
if reserved > 0 and now - reserved > ttl then reserved = 0 end
if reserved > 0 then
  if earliest > now then return {earliest - now, reserved} end
else
  local free = math.max(frontier, earliest)
  if free > now then
    redis.call('HSET', KEYS[2], 'frontier', free + delay)
    redis.call('PEXPIRE', KEYS[2], free + delay - now + 60000)
    return {free - now, free}
  end
end
if redis.call('ZCARD', KEYS[1]) >= maxConcurrent then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local step = math.max(delay, 200)
  local untilExpiry = tonumber(first[2]) - now
  if untilExpiry < step then step = untilExpiry end
  if step < 1 then step = 1 end
  return {step, reserved}
end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[4])
redis.call('PEXPIRE', KEYS[1], ttl * 2)
redis.call('HSET', KEYS[2], 'last', now)
if frontier < now + delay then redis.call('HSET', KEYS[2], 'frontier', now + delay) end
redis.call('PEXPIRE', KEYS[2], math.max(delay, penalty - now, 0) + 60000)
return {0, 0}
`;

/**
 * KEYS[1] host hash   ARGV[1] ms to keep the host quiet from now
 * Pushes the host's earliest start later (never earlier): a 429/503 Retry-After holds all workers back.
 */
const PENALIZE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local target = now + tonumber(ARGV[1])
local current = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if target > current then
  redis.call('HSET', KEYS[1], 'until', target)
  if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) + 60000 then redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) + 60000) end
end
return 0
`;

/**
 * Starts are scheduled this much beyond the delay (5%, at most 50 ms): the way from the Redis
 * clock to the site's socket jitters by a few ms, and a requests-per-second floor should hold as
 * the site sees it, not only as Redis does.
 */
export function scheduledSpacing(minDelayMs: number): number {
  const delay = Math.max(0, Math.round(minDelayMs));
  return delay === 0 ? 0 : delay + Math.min(50, Math.ceil(delay * 0.05));
}

/**
 * KEYS[1] host hash   ARGV[1] spacing ms
 * Moves the host's last start to now (never back): called as the request leaves, so time lost
 * between the grant and the send (a busy event loop) does not shorten the gap to the next one.
 */
const STAMP = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
if now > last then redis.call('HSET', KEYS[1], 'last', now) end
local frontier = tonumber(redis.call('HGET', KEYS[1], 'frontier') or '0')
if frontier < now + tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'frontier', now + tonumber(ARGV[1])) end
return 0
`;

export interface HostBudget {
  maxConcurrent: number;
  minDelayMs: number;
}

export type Acquired =
  | {
      granted: true;
      release: () => Promise<void>;
      /** Marks the request as leaving now (fire and forget): call it right before sending. */
      started: () => void;
    }
  /** `slot`: the start promised to this caller; pass it back to `acquire` after waiting. */
  | { granted: false; waitMs: number; slot?: number };

export class HostPoliteness {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Longest a request may hold a lease; after it the lease counts as abandoned. */
    private readonly leaseTtlMs: number,
  ) {}

  private keys(host: string): [string, string] {
    const h = host.toLowerCase();
    return [redisKey(this.prefix, 'host', h, 'leases'), redisKey(this.prefix, 'host', h, 'state')];
  }

  /** Takes a lease now, or says how long to wait (and which start is promised meanwhile). */
  async acquire(host: string, budget: HostBudget, slot = 0): Promise<Acquired> {
    const leaseId = randomUUID();
    const [leases, state] = this.keys(host);
    const reply = (await this.redis.eval(
      ACQUIRE,
      2,
      leases,
      state,
      budget.maxConcurrent,
      scheduledSpacing(budget.minDelayMs),
      this.leaseTtlMs,
      leaseId,
      Math.max(0, Math.round(slot)),
    )) as [number, number];
    const [wait, promised] = reply.map(Number) as [number, number];
    if (wait > 0) return promised > 0 ? { granted: false, waitMs: wait, slot: promised } : { granted: false, waitMs: wait };
    let released = false;
    const spacing = scheduledSpacing(budget.minDelayMs);
    return {
      granted: true,
      started: () => {
        if (spacing > 0) this.redis.eval(STAMP, 1, state, spacing).catch(() => undefined);
      },
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
    let slot = 0;
    for (;;) {
      const lease = await this.acquire(host, budget, slot);
      if (lease.granted) {
        lease.started();
        return lease.release;
      }
      if (Date.now() + lease.waitMs > deadline) throw new RetryableError(`host ${host} stayed busy for ${maxWaitMs} ms`, 'host-busy');
      slot = lease.slot ?? slot;
      await new Promise((done) => setTimeout(done, lease.waitMs));
    }
  }

  /** Keeps every worker away from `host` for `ms` (Retry-After of a 429 or 503). */
  async penalize(host: string, ms: number): Promise<void> {
    await this.redis.eval(PENALIZE, 1, this.keys(host)[1], Math.max(1, Math.round(ms)));
  }
}
