import { gunzipSync } from 'node:zlib';
import type { Redis } from 'ioredis';
import { RetryableError, errorMessage, type Config, type Logger } from '@khabar/core';
import { canonicalizeUrl } from '@khabar/dedupe';
import type { Producers } from '@khabar/queues';
import { decodeHtml } from '../charset.js';
import type { ValidatorStore } from '../fetch-page.js';
import { httpGet, type HttpLimits } from '../http.js';
import type { HostPoliteness } from '../politeness.js';
import type { RobotsCache } from '../robots.js';
import type { FetchSettings } from '../settings.js';
import { parseSource, type DiscoveredLink, type ParsedSource } from './parse.js';
import type { SeenUrls } from './seen.js';
import { getSource, sourceKey } from './sources.js';

export interface PollDeps {
  config: Pick<Config, 'KHABAR_PREFIX' | 'FETCH_HOST_CONCURRENCY' | 'FETCH_HOST_DELAY_MS' | 'FETCH_TIMEOUT_MS'>;
  settings: Pick<FetchSettings, 'FETCH_SITEMAP_MAX_CHILDREN' | 'FETCH_MAX_CRAWL_DELAY_MS'>;
  http: HttpLimits;
  robots: RobotsCache;
  politeness: HostPoliteness;
  validators: ValidatorStore;
  seen: SeenUrls;
  producers: Pick<Producers, 'enqueueUrls'>;
  /** Connection for the source records (a worker connection). */
  connection: Redis;
  logger?: Logger;
}

export interface PollResult {
  sourceId: string;
  status: 'ok' | 'not-modified' | 'error' | 'removed';
  format?: string;
  /** Documents read (the source, its child sitemaps or advertised feeds). */
  documents: number;
  found: number;
  new: number;
  /** Problems met on the way (a child sitemap that failed); the poll can still be ok. */
  problems: string[];
  error?: string;
  /** The permanent outcome behind an error, when there is one (http-error, robots-disallowed, ...). */
  outcome?: string;
}

type DocResult = { kind: 'parsed'; parsed: ParsedSource } | { kind: 'not-modified' } | { kind: 'skipped'; outcome: string; reason: string };

const ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
/** Child sitemaps are read at most this deep below the source (robots.txt → index → sitemap). */
const MAX_DEPTH = 2;
/** The sitemap protocol allows 50 MB per (uncompressed) sitemap, more than a page's cap. */
const SOURCE_MAX_BYTES = 50 * 1024 * 1024;
/** URLs enqueued per call, so a 50 000-URL sitemap is not one giant Redis pipeline. */
const ENQUEUE_BATCH = 1_000;

/** Newest first; undated entries keep their order after the dated ones. */
function newestFirst(links: DiscoveredLink[]): DiscoveredLink[] {
  return links
    .map((link, index) => ({ link, index }))
    .sort((a, b) => (b.link.date ?? '').localeCompare(a.link.date ?? '') || a.index - b.index)
    .map(({ link }) => link);
}

async function readDocument(deps: PollDeps, url: string): Promise<DocResult> {
  const target = new URL(url);
  const rules = await deps.robots.rulesFor(target);
  if (target.pathname === '/robots.txt') {
    if (!rules.reachable) throw new RetryableError(`robots.txt of ${rules.origin} is unreachable`, 'robots-unreachable');
    return { kind: 'parsed', parsed: { kind: 'robots', format: 'robots', articles: [], follow: rules.sitemaps.map((u) => ({ url: u })) } };
  }
  const minDelayMs = Math.max(deps.config.FETCH_HOST_DELAY_MS, Math.min(rules.crawlDelayMs ?? 0, deps.settings.FETCH_MAX_CRAWL_DELAY_MS));
  const release = await deps.politeness.waitTurn(target.host, { maxConcurrent: deps.config.FETCH_HOST_CONCURRENCY, minDelayMs }, deps.config.FETCH_TIMEOUT_MS * 3);
  try {
    const validators = await deps.validators.get(url);
    const limits = { ...deps.http, maxBytes: Math.max(deps.http.maxBytes, SOURCE_MAX_BYTES) };
    const result = await httpGet(url, limits, {
      accept: ACCEPT,
      acceptType: () => true,
      gate: deps.robots.gate(),
      ...(validators ? { validators } : {}),
    });
    if (result.kind === 'skipped') return result.outcome === 'not-modified' ? { kind: 'not-modified' } : result;
    const { response } = result;
    // sitemap.xml.gz is often served as application/octet-stream without Content-Encoding.
    const bytes = response.body[0] === 0x1f && response.body[1] === 0x8b ? gunzipSync(response.body, { maxOutputLength: limits.maxBytes }) : response.body;
    const text = decodeHtml(bytes, response.headers['content-type']).text;
    const parsed = parseSource(text, response.finalUrl);
    if (response.headers.etag || response.headers['last-modified']) {
      await deps.validators.set(url, {
        ...(response.headers.etag ? { etag: response.headers.etag } : {}),
        ...(response.headers['last-modified'] ? { lastModified: response.headers['last-modified'] } : {}),
      });
    }
    return { kind: 'parsed', parsed };
  } finally {
    await release();
  }
}

/**
 * KEYS[1] source hash   ARGV[1] fields as JSON   ARGV[2] lastError ('' to clear)
 * ARGV[3] new URLs   ARGV[4] 1 when the poll failed
 * One step, so a source removed while it was being polled stays removed.
 */
const RECORD_POLL = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for name, value in pairs(cjson.decode(ARGV[1])) do redis.call('HSET', KEYS[1], name, value) end
if ARGV[2] == '' then redis.call('HDEL', KEYS[1], 'lastError') else redis.call('HSET', KEYS[1], 'lastError', ARGV[2]) end
redis.call('HINCRBY', KEYS[1], 'polls', 1)
redis.call('HINCRBY', KEYS[1], 'totalNew', tonumber(ARGV[3]))
if ARGV[4] == '1' then redis.call('HINCRBY', KEYS[1], 'errors', 1) end
return 1
`;

async function recordPoll(deps: PollDeps, result: PollResult): Promise<void> {
  const fields = {
    lastPollAt: new Date().toISOString(),
    lastStatus: result.status,
    lastFound: String(result.found),
    lastNew: String(result.new),
    ...(result.format ? { format: result.format } : {}),
  };
  const lastError = result.error ?? (result.problems.length > 0 ? result.problems.slice(0, 3).join('; ') : '');
  await deps.connection.eval(
    RECORD_POLL,
    1,
    sourceKey(deps.config.KHABAR_PREFIX, result.sourceId),
    JSON.stringify(fields),
    lastError,
    result.new,
    result.status === 'error' ? '1' : '0',
  );
}

/**
 * One poll of a source: read it (and, for sitemap indexes and robots.txt, the newest child
 * sitemaps), then enqueue each article URL not seen before. Records the outcome on the source.
 * Throws RetryableError (after recording it) when the source could not be reached at all.
 */
export async function pollSource(deps: PollDeps, sourceId: string): Promise<PollResult> {
  const source = await getSource(deps, sourceId);
  const result: PollResult = { sourceId, status: 'ok', documents: 0, found: 0, new: 0, problems: [] };
  if (!source) return { ...result, status: 'removed' };
  const log = deps.logger?.child({ sourceId, url: source.url, stage: 'discover' });

  const articles: DiscoveredLink[] = [];
  const pending: Array<{ url: string; depth: number }> = [{ url: source.url, depth: 0 }];
  const visited = new Set<string>();
  const budget = 1 + deps.settings.FETCH_SITEMAP_MAX_CHILDREN;
  try {
    while (pending.length > 0 && result.documents < budget) {
      const { url, depth } = pending.shift()!;
      if (visited.has(url)) continue;
      visited.add(url);
      result.documents++;
      let doc: DocResult;
      try {
        doc = await readDocument(deps, url);
      } catch (error) {
        if (depth === 0) throw error;
        result.problems.push(`${url}: ${errorMessage(error)}`);
        continue;
      }
      if (doc.kind === 'skipped') {
        if (depth === 0) {
          Object.assign(result, { status: 'error', error: doc.reason, outcome: doc.outcome });
          break;
        }
        result.problems.push(`${url}: ${doc.reason}`);
        continue;
      }
      if (doc.kind === 'not-modified') {
        if (depth === 0) result.status = 'not-modified';
        continue;
      }
      if (depth === 0) result.format = doc.parsed.format;
      articles.push(...doc.parsed.articles);
      if (depth < MAX_DEPTH) for (const child of newestFirst(doc.parsed.follow)) pending.push({ url: child.url, depth: depth + 1 });
    }
  } catch (error) {
    const message = errorMessage(error);
    Object.assign(result, { status: 'error', error: message });
    await recordPoll(deps, result);
    log?.warn({ err: message }, 'source poll failed');
    // Not a feed or sitemap at all: recorded for the user to see; polling again will not help.
    if ((error as Error).name === 'UnreadableSourceError') return result;
    if ((error as Error).name === 'RetryableError') throw error;
    throw new RetryableError(`polling ${source.url} failed: ${message}`, 'poll-failed');
  }

  const canonical = new Set<string>();
  for (const link of articles) {
    try {
      canonical.add(canonicalizeUrl(link.url));
    } catch {
      result.problems.push(`unusable article URL ${link.url.slice(0, 200)}`);
    }
  }
  result.found = canonical.size;
  const fresh = await deps.seen.claim([...canonical]);
  for (let i = 0; i < fresh.length; i += ENQUEUE_BATCH) {
    const batch = fresh.slice(i, i + ENQUEUE_BATCH);
    try {
      await deps.producers.enqueueUrls(batch, sourceId);
    } catch (error) {
      // Not enqueued, so not seen: the next poll offers them again.
      await deps.seen.release(fresh.slice(i));
      throw error;
    }
  }
  result.new = fresh.length;
  await recordPoll(deps, result);
  log?.info({ status: result.status, format: result.format, documents: result.documents, found: result.found, new: result.new }, 'source polled');
  return result;
}
