import robotsModule from 'robots-parser';
import type { Redis } from 'ioredis';
import { RetryableError, redisKey } from '@khabar/core';
import { httpGet, type HttpLimits, type UrlGate } from './http.js';

/**
 * robots.txt per origin, fetched once per TTL and shared by every worker through Redis. Rules of
 * RFC 9309: a 4xx robots.txt means no rules; a 5xx or an unreachable one means "crawl nothing
 * for now", so jobs for that site retry later instead of fetching blindly. Groups are matched on
 * the product token of the user agent (the part before the first "/": KhabarBot).
 */

interface ParsedRobots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
}
// robots-parser is CommonJS whose typings TypeScript reads as a namespace under NodeNext.
const robotsParser = ((robotsModule as unknown as { default?: unknown }).default ?? robotsModule) as (url: string, body: string) => ParsedRobots;

export interface RobotsRules {
  /** Origin the rules belong to (scheme://host:port). */
  origin: string;
  /** True when the rules are usable; false while robots.txt is unreachable. */
  reachable: boolean;
  /** When robots.txt was fetched (ISO 8601). */
  fetchedAt: string;
  /** Why it is unreachable, when it is. */
  detail?: string;
  isAllowed(url: string): boolean;
  /** Crawl-delay for our user agent in ms, when given. */
  crawlDelayMs?: number;
  sitemaps: string[];
}

export interface CachedRobots {
  status: 'ok' | 'none' | 'unreachable';
  body?: string;
  fetchedAt: string;
  detail?: string;
}

/** robots.txt bodies beyond this are cut: RFC 9309 asks crawlers to parse at least 500 KiB. */
const ROBOTS_MAX_BYTES = 512 * 1024;
/** An unreachable robots.txt is asked again after this long (at most), not after the full TTL. */
const UNREACHABLE_TTL_S = 120;
/** Parsed rules stay in process memory this long, so each page does not re-parse the file. */
const LOCAL_TTL_MS = 30_000;

export function parseRobots(origin: string, cached: CachedRobots, userAgent: string): RobotsRules {
  if (cached.status !== 'ok' || !cached.body) {
    return {
      origin,
      reachable: cached.status !== 'unreachable',
      fetchedAt: cached.fetchedAt,
      ...(cached.detail ? { detail: cached.detail } : {}),
      isAllowed: () => cached.status !== 'unreachable',
      sitemaps: [],
    };
  }
  const robots = robotsParser(`${origin}/robots.txt`, cached.body);
  const delay = robots.getCrawlDelay(userAgent);
  return {
    origin,
    reachable: true,
    fetchedAt: cached.fetchedAt,
    isAllowed: (url) => robots.isAllowed(url, userAgent) !== false,
    ...(delay !== undefined && Number.isFinite(delay) && delay > 0 ? { crawlDelayMs: Math.round(delay * 1000) } : {}),
    sitemaps: robots.getSitemaps(),
  };
}

export interface RobotsCacheOptions {
  redis: Redis;
  prefix: string;
  ttlSeconds: number;
  /** HTTP rules for fetching robots.txt itself (same guard, timeouts and user agent as pages). */
  http: HttpLimits;
}

export class RobotsCache {
  private readonly local = new Map<string, { rules: RobotsRules; until: number }>();

  constructor(private readonly options: RobotsCacheOptions) {}

  private key(origin: string): string {
    return redisKey(this.options.prefix, 'robots', origin);
  }

  /** Rules for the URL's origin when memory or Redis has them; undefined when robots.txt must be fetched. */
  async cachedRulesFor(url: string | URL): Promise<RobotsRules | undefined> {
    const origin = new URL(url).origin;
    const hit = this.local.get(origin);
    if (hit && hit.until > Date.now()) return hit.rules;
    const stored = await this.options.redis.get(this.key(origin));
    return stored ? this.remember(origin, JSON.parse(stored) as CachedRobots) : undefined;
  }

  /** Rules for the URL's origin: from memory, from Redis, or fetched now and stored. */
  async rulesFor(url: string | URL): Promise<RobotsRules> {
    const cachedRules = await this.cachedRulesFor(url);
    if (cachedRules) return cachedRules;
    const origin = new URL(url).origin;
    const cached = await this.download(origin);
    const ttl = cached.status === 'unreachable' ? this.unreachableTtlSeconds() : this.options.ttlSeconds;
    await this.options.redis.set(this.key(origin), JSON.stringify(cached), 'EX', ttl);
    return this.remember(origin, cached);
  }

  /**
   * Fetches the origin's robots.txt unless another worker is already doing so (then undefined:
   * ask again shortly). Keeps a burst of jobs for a new site from all requesting robots.txt.
   */
  async refresh(url: string | URL): Promise<RobotsRules | undefined> {
    const origin = new URL(url).origin;
    const lock = redisKey(this.options.prefix, 'robots-lock', origin);
    const claimed = await this.options.redis.set(lock, '1', 'PX', this.options.http.timeoutMs + 5_000, 'NX');
    if (!claimed) return undefined;
    try {
      return await this.rulesFor(url);
    } finally {
      await this.options.redis.del(lock);
    }
  }

  private remember(origin: string, cached: CachedRobots): RobotsRules {
    const rules = parseRobots(origin, cached, this.options.http.userAgent);
    if (this.local.size > 10_000) this.local.clear();
    this.local.set(origin, { rules, until: Date.now() + Math.min(LOCAL_TTL_MS, this.options.ttlSeconds * 1000) });
    return rules;
  }

  private unreachableTtlSeconds(): number {
    return Math.min(UNREACHABLE_TTL_S, this.options.ttlSeconds);
  }

  /**
   * The error for a URL whose robots.txt is unreachable: retryable, after the time robots.txt
   * will be asked again (so the job does not burn its attempts while the site is down).
   */
  unreachableError(rules: RobotsRules): RetryableError {
    const recheckAt = Date.parse(rules.fetchedAt) + this.unreachableTtlSeconds() * 1000;
    const waitMs = Math.max(1_000, recheckAt - Date.now() + 250);
    return new RetryableError(`robots.txt of ${rules.origin} is unreachable (${rules.detail ?? 'no answer'}); retrying later`, 'robots-unreachable', waitMs);
  }

  /** Forgets an origin's rules everywhere (after an operator edits them, and in tests). */
  async forget(origin: string): Promise<void> {
    this.local.delete(origin);
    await this.options.redis.del(this.key(origin));
  }

  private async download(origin: string): Promise<CachedRobots> {
    const fetchedAt = new Date().toISOString();
    try {
      const result = await httpGet(`${origin}/robots.txt`, { ...this.options.http, maxBytes: ROBOTS_MAX_BYTES }, {
        accept: 'text/plain,*/*;q=0.5',
        acceptType: () => true,
      });
      if (result.kind === 'response') return { status: 'ok', body: result.response.body.toString('utf8'), fetchedAt };
      // 4xx, too large, redirected somewhere refused: no usable rules, so none apply (RFC 9309 2.3.1.3).
      return { status: 'none', fetchedAt, detail: result.reason };
    } catch (error) {
      return { status: 'unreachable', fetchedAt, detail: (error as Error).message };
    }
  }

  /**
   * A per-hop gate for fetchPage: disallowed URLs end as robots-disallowed; an unreachable
   * robots.txt throws RetryableError so the job waits rather than crawling unchecked.
   */
  gate(): UrlGate {
    return async (url) => {
      const rules = await this.rulesFor(url);
      if (!rules.reachable) throw this.unreachableError(rules);
      if (rules.isAllowed(url.href)) return { allowed: true };
      return { allowed: false, reason: `robots.txt of ${rules.origin} disallows ${url.pathname} for ${this.options.http.userAgent}` };
    };
  }
}
