/**
 * End-to-end throughput on this machine: N pages (default 10,000, built from the shared
 * extraction benchmark with varied URLs and rewritten text) are put on the pages queue, then one
 * processor process (default settings) extracts, dedupes, enriches and indexes them into a real
 * local OpenSearch. Prints pages/s, enqueue→searchable latency percentiles, the worker's peak RSS,
 * Redis memory per waiting page against its gzip size, and the ratio of end-to-end throughput to
 * extraction-only throughput (the same analysis threads, the same pages, in the same run).
 *
 *   npm run bench:pipeline [-- --pages 10000]      all pages enqueued at once (a big import)
 *   npm run bench:pipeline -- --rate 40            pages arrive at 40/s: latency of a steady flow
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { loadConfig, type Config } from '@khabar/core';
import { Producers } from '@khabar/queues';
import { createAnalysisPool } from '@khabar/processor';
import { createSearchClient, ensureIndex } from '@khabar/search';
import { removeData, startOpenSearch, startRedis, type LocalService } from '../scripts/lib/local-services.js';
import { datasetRawPage, loadDatasetPages } from '../test/support/dataset-pages.js';
import { dropKeys, pageCounts, serviceEnv, spawnService } from '../test/support/pipeline.js';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '10000' }, rate: { type: 'string' } } });
const N = Number(values.pages);
const RATE = values.rate ? Number(values.rate) : 0;
const started: LocalService[] = [];
const env = { ...process.env };
if (!env.REDIS_URL) {
  const redis = await startRedis({ appendonly: false });
  started.push(redis);
  env.REDIS_URL = redis.url;
}
if (!env.OPENSEARCH_URL) {
  const opensearch = await startOpenSearch();
  started.push(opensearch);
  env.OPENSEARCH_URL = opensearch.url;
}
const runId = Date.now().toString(36);
const config: Config = loadConfig({ ...env, KHABAR_PREFIX: `{bench${runId}}`, INDEX_ALIAS: `bench-${runId}`, LOG_LEVEL: 'warn' });
const dataset = loadDatasetPages();
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
const search = createSearchClient(config);

// 1. Extraction only: the analysis the processor runs, on the same threads, on the same pages.
const pool = await createAnalysisPool({ threads: config.ANALYSIS_THREADS, timeoutMs: config.ANALYSIS_TIMEOUT_MS });
let t0 = performance.now();
{
  const inFlight = new Set<Promise<unknown>>();
  for (let i = 0; i < N; i++) {
    const page = datasetRawPage(i, dataset);
    const task = pool.analyze(page.html, page.finalUrl).catch(() => undefined);
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
    if (inFlight.size >= config.ANALYSIS_THREADS * 4) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}
const extractionSeconds = (performance.now() - t0) / 1000;
await pool.close();

// 2. Enqueue every page (burst mode: before the processor starts, to weigh the waiting pages in
//    Redis against their gzip size), or at a steady rate while it runs (--rate).
await ensureIndex(search, config.INDEX_ALIAS);
const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
const producers = new Producers(config, redis);
const enqueuedAt = new Map<string, number>();
let gzipBytes = 0;
async function enqueueAll(rate: number): Promise<void> {
  const start = Date.now();
  for (let i = 0; i < N; i++) {
    if (rate) await new Promise((r) => setTimeout(r, Math.max(0, start + (i * 1000) / rate - Date.now())));
    const page = datasetRawPage(i, dataset);
    gzipBytes += gzipSync(page.html, { level: 6 }).length;
    enqueuedAt.set(page.finalUrl, Date.now());
    await producers.enqueuePage(page);
  }
}
let memoryPerPage = NaN;
if (!RATE) {
  const memoryBefore = await usedMemory();
  await enqueueAll(0);
  memoryPerPage = ((await usedMemory()) - memoryBefore) / N;
}

// 3. One processor process with default settings; sample its RSS, and when each article turns searchable.
const processor = spawnService('processor', serviceEnv(config, { LOG_LEVEL: 'error' }));
t0 = performance.now();
const enqueuing = RATE ? enqueueAll(RATE) : Promise.resolve();
let peakRss = 0;
const rssProbe = setInterval(() => {
  try {
    const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${processor.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    peakRss = Math.max(peakRss, rss);
  } catch {
    /* exited */
  }
}, 250);
const searchableAt = new Map<string, number>();
let cursor = new Date(0).toISOString();
async function pollSearchable(): Promise<void> {
  const response = await search.search({
    index: config.INDEX_ALIAS,
    body: { size: 2000, query: { range: { indexed_at: { gte: cursor } } }, sort: [{ indexed_at: 'asc' }], _source: ['url', 'indexed_at'] } as never,
  });
  const now = Date.now();
  for (const hit of response.body.hits.hits) {
    const source = hit._source as { url: string; indexed_at: string };
    if (!searchableAt.has(source.url)) searchableAt.set(source.url, now);
    if (source.indexed_at > cursor) cursor = new Date(Date.parse(source.indexed_at) - 2_000).toISOString();
  }
}
let done = false;
while (!done) {
  await new Promise((r) => setTimeout(r, 250));
  await pollSearchable();
  const counts = await pageCounts(redis, config);
  done = counts.completed! + counts.failed! >= N;
}
const pipelineSeconds = (performance.now() - t0) / 1000;
await enqueuing;
const gzipPerPage = gzipBytes / N;
await new Promise((r) => setTimeout(r, 1_500));
await pollSearchable();
clearInterval(rssProbe);
const counts = await pageCounts(redis, config);
processor.kill('SIGTERM');
await processor.exited;

await search.indices.forcemerge({ index: config.INDEX_ALIAS, max_num_segments: 1 }).catch(() => undefined);
const storeStats = (await search.indices.stats({ index: config.INDEX_ALIAS, metric: ['store', 'docs'] })).body as unknown as {
  _all: { primaries: { store: { size_in_bytes: number }; docs: { count: number } } };
};
const storePerDoc = storeStats._all.primaries.store.size_in_bytes / Math.max(storeStats._all.primaries.docs.count, 1);
const latencies = [...searchableAt].map(([url, at]) => (at - (enqueuedAt.get(url) ?? at)) / 1000).sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
const e2eRate = N / pipelineSeconds;
const extractRate = N / extractionSeconds;
const rows: Array<[string, string]> = [
  ['pages', String(N)],
  ['outcomes', `${counts.completed} completed, ${counts.failed} failed; ${searchableAt.size} articles searchable`],
  ['extraction only (analysis threads)', `${extractRate.toFixed(1)} pages/s (${config.ANALYSIS_THREADS} threads)`],
  ['end to end (1 processor, defaults)', RATE ? `${e2eRate.toFixed(1)} pages/s (arrivals paced at ${RATE}/s)` : `${e2eRate.toFixed(1)} pages/s`],
  ['ratio end-to-end / extraction-only', RATE ? 'n/a with --rate' : `${(e2eRate / extractRate).toFixed(2)}  (target >= 0.5)`],
  ['enqueue → searchable p50 / p95 / p99', `${pct(50).toFixed(2)} s / ${pct(95).toFixed(2)} s / ${pct(99).toFixed(2)} s (${RATE ? `steady flow at ${RATE}/s` : `all ${N} enqueued at once`})`],
  ['processor peak RSS', `${(peakRss / 1024 / 1024).toFixed(0)} MB  (target < 300 MB; concurrency ${config.PROCESSOR_CONCURRENCY})`],
  ['OpenSearch store per article', `${(storePerDoc / 1024).toFixed(1)} KiB (primary, after force-merge)`],
  ['Redis per waiting page', RATE ? 'n/a with --rate (nothing waits)' : `${(memoryPerPage / 1024).toFixed(1)} KiB vs gzip ${(gzipPerPage / 1024).toFixed(1)} KiB = ${(memoryPerPage / gzipPerPage).toFixed(2)}x  (target <= 1.5x)`],
];
const width = Math.max(...rows.map(([k]) => k.length));
console.log(`\nKhabar pipeline benchmark (${new Date().toISOString()})`);
for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);

await producers.close();
await dropKeys(redis, config.KHABAR_PREFIX);
await search.indices.delete({ index: `${config.INDEX_ALIAS}-v*` }).catch(() => undefined);
await search.close();
redis.disconnect();
await Promise.all(started.map((s) => s.stop()));
started.forEach(removeData);
