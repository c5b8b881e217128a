import { redisKey, type Redis } from '@khabar/core';
import { articleEventsPublished } from '@khabar/telemetry';
import { ARTICLE_EVENT_VERSION, articleEventSchema, type ArticleEvent, type ArticleEventInput } from './schema.js';

/** The stream key: `<prefix>:events:articles`, inside the prefix's Redis Cluster hash slot. */
export function articleEventsKey(prefix: string): string {
  return redisKey(prefix, 'events', 'articles');
}

/**
 * Each entry has two fields: `v` (schema version, readable without parsing) and `event` (the
 * event as JSON). Subscribers skip versions they do not know.
 */
function entryFields(event: ArticleEventInput): string[] {
  const full: ArticleEvent = articleEventSchema.parse({ ...event, v: ARTICLE_EVENT_VERSION, at: event.at ?? new Date().toISOString() });
  return ['v', String(full.v), 'event', JSON.stringify(full)];
}

/**
 * Appends one event, trimming the stream to about `maxLen` entries (`MAXLEN ~`, which trims whole
 * macro nodes and stays O(1)). `maxLen` 0 turns publishing off. Returns the entry id, or null when off.
 */
export async function publishArticleEvent(redis: Redis, prefix: string, event: ArticleEventInput, maxLen: number): Promise<string | null> {
  if (maxLen === 0) return null;
  const id = await redis.xadd(articleEventsKey(prefix), 'MAXLEN', '~', maxLen, '*', ...entryFields(event));
  articleEventsPublished.inc({ type: event.type });
  return id;
}

/** Appends many events in one round trip (what a bulk indexer calls after a flush). */
export async function publishArticleEvents(redis: Redis, prefix: string, events: ArticleEventInput[], maxLen: number): Promise<string[]> {
  if (maxLen === 0 || events.length === 0) return [];
  const key = articleEventsKey(prefix);
  const batch = redis.pipeline();
  for (const event of events) batch.xadd(key, 'MAXLEN', '~', maxLen, '*', ...entryFields(event));
  const replies = (await batch.exec()) ?? [];
  return replies.map(([error, id], i) => {
    if (error) throw error;
    articleEventsPublished.inc({ type: events[i]!.type });
    return id as string;
  });
}

/** Orders two stream entry ids ("<ms>-<seq>"): negative, zero or positive. */
export function compareIds(a: string, b: string): number {
  const [am = 0n, as = 0n] = a.split('-').map(BigInt);
  const [bm = 0n, bs = 0n] = b.split('-').map(BigInt);
  return am === bm ? Number(as - bs) : am < bm ? -1 : 1;
}

export interface StreamEntry {
  /** Redis stream entry id ("1712345678901-0"): pass it as `after` to resume. */
  streamId: string;
  event: ArticleEvent;
}

export interface EventFilter {
  /** Only events mentioning this entity id. */
  entity?: string;
  type?: ArticleEvent['type'];
}

function decode(fields: string[]): ArticleEvent | undefined {
  const values: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) values[fields[i]!] = fields[i + 1]!;
  if (values.v !== String(ARTICLE_EVENT_VERSION) || values.event === undefined) return undefined;
  const parsed = articleEventSchema.safeParse(JSON.parse(values.event));
  return parsed.success ? parsed.data : undefined;
}

function matches(event: ArticleEvent, filter: EventFilter): boolean {
  if (filter.entity && !event.entities.includes(filter.entity)) return false;
  if (filter.type && event.type !== filter.type) return false;
  return true;
}

function toEntries(raw: Array<[string, string[]]>, filter: EventFilter): StreamEntry[] {
  const out: StreamEntry[] = [];
  for (const [streamId, fields] of raw) {
    const event = decode(fields);
    if (event && matches(event, filter)) out.push({ streamId, event });
  }
  return out;
}

/** The newest `count` events, oldest first (for `khabar tail` to show some history). */
export async function recentArticleEvents(redis: Redis, prefix: string, count: number, filter: EventFilter = {}): Promise<StreamEntry[]> {
  const raw = (await redis.xrevrange(articleEventsKey(prefix), '+', '-', 'COUNT', count)) as Array<[string, string[]]>;
  return toEntries(raw.reverse(), filter);
}

export interface SubscribeOptions extends EventFilter {
  /** Entry id to read after; '$' (default) means only events published from now on. */
  after?: string;
  /** How long one XREAD blocks before looping (and checking `signal`). */
  blockMs?: number;
  signal?: AbortSignal;
}

/**
 * Follows the stream live. XREAD BLOCK holds the connection, so pass a connection of its own
 * (`redis.duplicate()`), not one shared with queues. Stops when `signal` aborts.
 * For at-least-once delivery across restarts use a consumer group (XREADGROUP) on the same key.
 */
export async function* subscribeArticleEvents(redis: Redis, prefix: string, options: SubscribeOptions = {}): AsyncGenerator<StreamEntry> {
  const key = articleEventsKey(prefix);
  const blockMs = options.blockMs ?? 1_000;
  let after = options.after ?? '$';
  if (after === '$') {
    // Resolve '$' once: re-sending '$' on every loop could skip entries added between two reads.
    const last = (await redis.xrevrange(key, '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
    after = last[0]?.[0] ?? '0-0';
  }
  while (!options.signal?.aborted) {
    const reply = (await redis.xread('COUNT', 500, 'BLOCK', blockMs, 'STREAMS', key, after)) as Array<[string, Array<[string, string[]]>]> | null;
    if (!reply) continue;
    for (const [, entries] of reply) {
      if (entries.length === 0) continue;
      after = entries[entries.length - 1]![0];
      for (const entry of toEntries(entries, options)) {
        if (options.signal?.aborted) return;
        yield entry;
      }
    }
  }
}
