import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { redisKey, stableId, type Config } from '@khabar/core';
import { canonicalizeUrl } from '@khabar/dedupe';
import { QUEUE, queueOptions } from '@khabar/queues';
import { parseEvery } from './every.js';

/**
 * Feeds and sitemaps polled on a schedule. Each source is a Redis hash (its URL, interval and
 * the outcome of its last poll) plus a BullMQ job scheduler on the sources queue, which survives
 * restarts and puts one poll job on the queue per interval.
 */

export interface SourceRecord {
  id: string;
  url: string;
  everyMs: number;
  addedAt: string;
  /** Format of the last successful read (rss, atom, json, urlset, news, sitemapindex, robots). */
  format?: string;
  lastPollAt?: string;
  lastStatus?: 'ok' | 'not-modified' | 'error';
  lastError?: string;
  /** Article URLs listed at the last poll, and how many of them were new. */
  lastFound?: number;
  lastNew?: number;
  totalNew: number;
  polls: number;
  errors: number;
  /** Next scheduled poll, when the scheduler knows it. */
  nextPollAt?: string;
}

/** Data of a poll job on the sources queue. */
export const sourcePollJobSchema = z.object({ sourceId: z.string().min(1), url: z.string() });
export type SourcePollJob = z.infer<typeof sourcePollJobSchema>;

export interface SourcesDeps {
  config: Config;
  /** A producer connection (createRedis(url, 'producer')); the caller closes it. */
  connection: Redis;
}

export class SourceInputError extends Error {
  override name = 'SourceInputError';
}

export function sourceId(canonicalUrl: string): string {
  return `s${stableId(canonicalUrl, 16)}`;
}

export const sourceKey = (prefix: string, id: string) => redisKey(prefix, 'source', id);
export const sourcesIndexKey = (prefix: string) => redisKey(prefix, 'sources');

const NUMERIC = new Set(['everyMs', 'lastFound', 'lastNew', 'totalNew', 'polls', 'errors']);

export function recordFromHash(hash: Record<string, string>): SourceRecord | undefined {
  if (!hash.id || !hash.url) return undefined;
  const record: Record<string, unknown> = { totalNew: 0, polls: 0, errors: 0 };
  for (const [name, value] of Object.entries(hash)) record[name] = NUMERIC.has(name) ? Number(value) : value;
  return record as unknown as SourceRecord;
}

function sourcesQueue(deps: SourcesDeps): Queue<SourcePollJob> {
  return new Queue<SourcePollJob>(QUEUE.sources, queueOptions(deps.config, deps.connection));
}

async function withQueue<T>(deps: SourcesDeps, work: (queue: Queue<SourcePollJob>) => Promise<T>): Promise<T> {
  const queue = sourcesQueue(deps);
  try {
    return await work(queue);
  } finally {
    await queue.close();
  }
}

/**
 * Adds a feed or sitemap (or a site's robots.txt, for the sitemaps it lists) polled every
 * `every` ("15m", "1h", or ms). Adding an existing URL again changes its interval. The first
 * poll runs at once.
 */
export async function addSource(deps: SourcesDeps, input: { url: string; every: string | number }): Promise<SourceRecord & { created: boolean }> {
  let url: string;
  try {
    url = canonicalizeUrl(input.url);
  } catch (error) {
    throw new SourceInputError((error as Error).message);
  }
  let everyMs: number;
  try {
    everyMs = parseEvery(input.every);
  } catch (error) {
    throw new SourceInputError((error as Error).message);
  }
  const { config, connection } = deps;
  const id = sourceId(url);
  const key = sourceKey(config.KHABAR_PREFIX, id);
  const created = (await connection.hsetnx(key, 'addedAt', new Date().toISOString())) === 1;
  await connection.multi().hset(key, { id, url, everyMs: String(everyMs) }).sadd(sourcesIndexKey(config.KHABAR_PREFIX), id).exec();
  await withQueue(deps, (queue) =>
    queue.upsertJobScheduler(
      id,
      { every: everyMs },
      {
        name: 'poll',
        data: { sourceId: id, url },
        opts: { attempts: 1, removeOnComplete: { count: 20 }, removeOnFail: { count: 50 } },
      },
    ),
  );
  const record = recordFromHash(await connection.hgetall(key))!;
  return { ...record, created };
}

/** Every source with the outcome of its last poll and the time of its next one. */
export async function listSources(deps: SourcesDeps): Promise<SourceRecord[]> {
  const { config, connection } = deps;
  const ids = (await connection.smembers(sourcesIndexKey(config.KHABAR_PREFIX))).sort();
  if (ids.length === 0) return [];
  const batch = connection.pipeline();
  for (const id of ids) batch.hgetall(sourceKey(config.KHABAR_PREFIX, id));
  const replies = (await batch.exec()) ?? [];
  const schedulers = await withQueue(deps, (queue) => queue.getJobSchedulers(0, -1, true));
  const next = new Map(schedulers.map((s) => [s.key, s.next]));
  const records: SourceRecord[] = [];
  for (const [error, hash] of replies) {
    if (error) throw error;
    const record = recordFromHash(hash as Record<string, string>);
    if (!record) continue;
    const at = next.get(record.id);
    records.push(at ? { ...record, nextPollAt: new Date(at).toISOString() } : record);
  }
  return records.sort((a, b) => a.url.localeCompare(b.url));
}

/** Stops polling a source (by id or URL) and forgets it; false when there was no such source. */
export async function removeSource(deps: SourcesDeps, idOrUrl: string): Promise<boolean> {
  const { config, connection } = deps;
  let id = idOrUrl;
  if (/^https?:\/\//i.test(idOrUrl)) {
    try {
      id = sourceId(canonicalizeUrl(idOrUrl));
    } catch (error) {
      throw new SourceInputError((error as Error).message);
    }
  }
  const removedScheduler = await withQueue(deps, (queue) => queue.removeJobScheduler(id));
  const [[, deleted] = [null, 0], [, removed] = [null, 0]] =
    ((await connection.multi().del(sourceKey(config.KHABAR_PREFIX, id)).srem(sourcesIndexKey(config.KHABAR_PREFIX), id).exec()) ?? []) as Array<[unknown, number]>;
  return removedScheduler || deleted === 1 || removed === 1;
}

export async function getSource(deps: { config: Pick<Config, 'KHABAR_PREFIX'>; connection: Redis }, id: string): Promise<SourceRecord | undefined> {
  return recordFromHash(await deps.connection.hgetall(sourceKey(deps.config.KHABAR_PREFIX, id)));
}

/** Puts one poll of a source on the queue now, outside its schedule; false when there is no such source. */
export async function pollSourceNow(deps: SourcesDeps, id: string): Promise<boolean> {
  const source = await getSource(deps, id);
  if (!source) return false;
  await withQueue(deps, (queue) => queue.add('poll', { sourceId: source.id, url: source.url }, { attempts: 1, removeOnComplete: { count: 20 }, removeOnFail: { count: 50 } }));
  return true;
}
