/**
 * The fetch path under politeness: a loopback HTTP server answering as 50 hosts (127.0.0.1 to
 * 127.0.0.50) serves 1,000 pages from the shared extraction benchmark; one fetcher with default
 * settings (FETCH_HOST_DELAY_MS, FETCH_HOST_CONCURRENCY) fetches them all. Prints pages per second
 * and, per host, the smallest gap between two request starts, which must not fall below the delay.
 *
 *   npm run bench:fetch-hosts [-- --pages 1000 --hosts 50]
 */
import { createServer, type Server } from 'node:http';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { createRedis, loadConfig } from '@khabar/core';
import { Producers, QUEUE } from '@khabar/queues';
import { startFetcher } from '@khabar/fetcher';
import { freePort } from '../scripts/lib/free-port.js';
import { removeData, startRedis, type LocalService } from '../scripts/lib/local-services.js';
import { loadDatasetPages } from '../test/support/dataset-pages.js';
import { dropKeys } from '../test/support/pipeline.js';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '1000' }, hosts: { type: 'string', default: '50' } } });
const PAGES = Number(values.pages);
const HOSTS = Number(values.hosts);
const hosts = Array.from({ length: HOSTS }, (_, i) => `127.0.0.${i + 1}`);

let redisServer: LocalService | undefined;
if (!process.env.REDIS_URL) redisServer = await startRedis({ appendonly: false });
const runId = Date.now().toString(36);
const config = loadConfig({
  ...process.env,
  REDIS_URL: process.env.REDIS_URL ?? redisServer!.url,
  KHABAR_PREFIX: `{fbench${runId}}`,
  FETCH_ALLOW_HOSTS: hosts.join(','),
  LOG_LEVEL: 'error',
});

const dataset = loadDatasetPages();
const arrivals = new Map<string, number[]>();
const port = await freePort();
const servers: Server[] = await Promise.all(
  hosts.map(
    (host) =>
      new Promise<Server>((ready) => {
        const server = createServer((req, res) => {
          if (req.url === '/robots.txt') return void res.writeHead(404).end();
          const list = arrivals.get(host) ?? [];
          list.push(performance.now());
          arrivals.set(host, list);
          const n = Number(/\/(\d+)$/.exec(req.url ?? '')?.[1] ?? 0);
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(dataset[n % dataset.length]!.html);
        });
        server.listen(port, host, () => ready(server));
      }),
  ),
);

const redis = createRedis(config, 'producer');
const producers = new Producers(config, redis);
const urls = Array.from({ length: PAGES }, (_, i) => `http://${hosts[i % HOSTS]}:${port}/news/${i}`);
await producers.enqueueUrls(urls);
const fetchQueue = new Queue(QUEUE.fetch, { connection: redis, prefix: config.KHABAR_PREFIX });

const t0 = performance.now();
const fetcher = startFetcher(config, pino({ level: 'error' }), { sources: false });
let counts: Record<string, number> = {};
for (;;) {
  await new Promise((r) => setTimeout(r, 200));
  counts = await fetchQueue.getJobCounts('completed', 'failed');
  if (counts.completed! + counts.failed! >= PAGES) break;
}
const seconds = (performance.now() - t0) / 1000;
await fetcher.close();

const gaps = [...arrivals.values()].flatMap((times) => times.slice(1).map((t, i) => t - times[i]!));
gaps.sort((a, b) => a - b);
const perHostMin = [...arrivals.values()].map((times) => Math.min(...times.slice(1).map((t, i) => t - times[i]!)));
console.log(`\nKhabar fetch path benchmark (${new Date().toISOString()})`);
console.log(`  pages / hosts                    ${PAGES} over ${HOSTS} hosts (${PAGES / HOSTS} each)`);
console.log(`  outcomes                         ${counts.completed} completed, ${counts.failed} failed`);
console.log(`  throughput                       ${(PAGES / seconds).toFixed(1)} pages/s (${seconds.toFixed(1)} s)`);
console.log(`  politeness                       FETCH_HOST_DELAY_MS=${config.FETCH_HOST_DELAY_MS}, FETCH_HOST_CONCURRENCY=${config.FETCH_HOST_CONCURRENCY}, FETCH_CONCURRENCY=${config.FETCH_CONCURRENCY}`);
console.log(`  gap between requests to one host min ${gaps[0]?.toFixed(0)} ms, median ${gaps[Math.floor(gaps.length / 2)]?.toFixed(0)} ms`);
console.log(`  hosts whose smallest gap < delay ${perHostMin.filter((g) => g < config.FETCH_HOST_DELAY_MS).length} of ${HOSTS}`);
console.log(`  floor from politeness alone      ${((PAGES / HOSTS - 1) * config.FETCH_HOST_DELAY_MS / 1000).toFixed(1)} s`);

await dropKeys(redis, config.KHABAR_PREFIX);
await fetchQueue.close();
await producers.close();
redis.disconnect();
servers.forEach((s) => s.close());
await redisServer?.stop();
if (redisServer) removeData(redisServer);
