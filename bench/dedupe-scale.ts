/**
 * Near-duplicate index at scale: check-and-insert latency and Redis memory per article with 10k,
 * 100k and 1M articles in the index, on a dedicated redis-server started here (never the shared
 * dev Redis). `npm run bench:dedupe-scale [-- --sizes 10000,100000,1000000 --samples 2000]`.
 *
 * The fill uses synthetic fingerprints (the Redis side does not read text): uniform random index
 * keys, except that 5% of keys come from a Zipf-distributed pool of 2,000 "common phrase" keys, so
 * the per-key cap and the candidate checks are exercised as with real text. Timed claims are
 * sequential round trips from one client: half new originals, half near-duplicate copies of a
 * random indexed article (3 of its 6 keys, a sketch with 10% of its values changed).
 * Fingerprinting real text is timed separately on the extraction-benchmark bodies.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createRedis } from '@khabar/core';
import { DedupeIndex, type Fingerprint } from '@khabar/dedupe';
import { startRedis, removeData } from '../scripts/lib/local-services.js';
import { rng } from './dedupe-pairs.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    samples: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '64' },
  },
});
const sizes = values.sizes.split(',').map(Number).sort((a, b) => a - b);
const samples = Number(values.samples);
const concurrency = Number(values.concurrency);

const repoRoot = resolve(import.meta.dirname, '..');
const random = rng(42);
const COMMON_KEYS = Array.from({ length: 2000 }, () => Math.floor(random() * 2 ** 32));
const zipfWeights = COMMON_KEYS.map((_, i) => 1 / (i + 1));
const zipfTotal = zipfWeights.reduce((a, b) => a + b, 0);
function commonKey(): number {
  let r = random() * zipfTotal;
  for (let i = 0; i < zipfWeights.length; i++) {
    r -= zipfWeights[i]!;
    if (r <= 0) return COMMON_KEYS[i]!;
  }
  return COMMON_KEYS[0]!;
}

interface Synthetic {
  docId: string;
  url: string;
  print: Fingerprint;
}

function syntheticArticle(n: number): Synthetic {
  const keys = new Set<number>();
  while (keys.size < 6) keys.add(random() < 0.05 ? commonKey() : Math.floor(random() * 2 ** 32));
  return {
    docId: randomBytes(16).toString('hex'),
    url: `https://site${n % 997}.example/news/${n}`,
    print: { words: 400, eligible: true, textHash: randomBytes(8).toString('hex'), keys: [...keys], sketch: new Uint8Array(randomBytes(32)) },
  };
}

function copyOf(article: Synthetic, n: number): Synthetic {
  const sketch = Uint8Array.from(article.print.sketch);
  for (let i = 0; i < sketch.length; i++) if (random() < 0.1) sketch[i] = Math.floor(random() * 256);
  const keys = [...article.print.keys.slice(0, 3)];
  while (keys.length < 6) keys.push(Math.floor(random() * 2 ** 32));
  return { docId: randomBytes(16).toString('hex'), url: `https://copy${n % 991}.example/c/${n}`, print: { ...article.print, textHash: randomBytes(8).toString('hex'), keys, sketch } };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function usedMemory(redis: ReturnType<typeof createRedis>): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

// Fingerprinting real text, off Redis.
const truth = JSON.parse(readFileSync(resolve(repoRoot, '..', 'shared', 'datasets', 'article-extraction-benchmark', 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
const bodies = Object.values(truth).map((t) => t.articleBody);
const scratch = new DedupeIndex(createRedis('redis://127.0.0.1:1', 'producer', { lazyConnect: true }), { prefix: '{bench}' });
const f0 = performance.now();
for (let round = 0; round < 3; round++) for (const body of bodies) scratch.fingerprint(body);
const fingerprintMs = (performance.now() - f0) / (3 * bodies.length);
console.log(`# fingerprint of a real article body (median ${bodies.map((b) => b.split(/\s+/).length).sort((a, b) => a - b)[bodies.length >> 1]} words): ${fingerprintMs.toFixed(3)} ms on this machine\n`);

const server = await startRedis({ appendonly: false });
const redis = createRedis(server.url, 'worker');
const timer = createRedis(server.url, 'worker');
console.log(`# dedicated redis-server at ${server.url}; sizes ${sizes.join(', ')}; ${samples} timed claims per size\n`);
try {
  const prefix = '{bench}';
  const index = new DedupeIndex(redis, { prefix });
  const timedIndex = new DedupeIndex(timer, { prefix });
  const baseline = await usedMemory(redis);
  const indexed: Synthetic[] = [];
  const rows: string[] = [];
  let filled = 0;
  let n = 0;
  const t0 = performance.now();
  for (const size of sizes) {
    // Fill to `size` originals, `concurrency` claims in flight.
    while (filled < size) {
      const batch = Math.min(concurrency, size - filled);
      const articles = Array.from({ length: batch }, () => syntheticArticle(n++));
      const decisions = await Promise.all(articles.map((a) => index.claimFingerprint(a, a.print)));
      decisions.forEach((d, i) => {
        if (d.kind === 'original') {
          filled++;
          if (indexed.length < 200_000 || random() < 0.1) indexed.push(articles[i]!);
        }
      });
      if (filled % 100_000 < batch) process.stderr.write(`\r  filled ${filled} originals (${((performance.now() - t0) / 1000).toFixed(0)} s)   `);
    }
    process.stderr.write('\n');
    const stats = await index.stats();
    const memory = (await usedMemory(redis)) - baseline;
    // Warm the connection, the script cache and the JIT before timing.
    for (let i = 0; i < 200; i++) await timedIndex.claimFingerprint(...((a) => [a, a.print] as const)(syntheticArticle(n++)));
    filled += 200;
    // Timed: sequential round trips, half originals, half copies.
    await timer.config('RESETSTAT');
    const latencies: number[] = [];
    let copies = 0;
    for (let i = 0; i < samples; i++) {
      const candidate = i % 2 ? copyOf(indexed[Math.floor(random() * indexed.length)]!, n++) : syntheticArticle(n++);
      const start = performance.now();
      const decision = await timedIndex.claimFingerprint(candidate, candidate.print);
      latencies.push(performance.now() - start);
      if (decision.kind === 'duplicate') copies++;
      else filled++;
    }
    latencies.sort((a, b) => a - b);
    // Time inside Redis per claim: the script's own cost, without the client or the scheduler.
    const commandstats = await timer.info('commandstats');
    const serverUs = Number(/cmdstat_evalsha:calls=\d+,usec=\d+,usec_per_call=([\d.]+)/.exec(commandstats)?.[1] ?? NaN);
    rows.push(
      [
        String(size).padStart(9),
        quantile(latencies, 0.5).toFixed(3).padStart(8),
        quantile(latencies, 0.95).toFixed(3).padStart(8),
        quantile(latencies, 0.99).toFixed(3).padStart(8),
        serverUs.toFixed(1).padStart(10),
        String(Math.round(memory / size)).padStart(9),
        String(stats.buckets).padStart(9),
        `${copies}/${samples / 2}`.padStart(12),
      ].join('  '),
    );
    console.log(`  ${size}: p50 ${quantile(latencies, 0.5).toFixed(3)} ms, ${Math.round(memory / size)} bytes/article`);
  }
  console.log(`\n${['articles', 'p50 ms', 'p95 ms', 'p99 ms', 'redis µs', 'B/article', 'buckets', 'copies found'].map((h, i) => h.padStart([9, 8, 8, 8, 10, 9, 9, 12][i]!)).join('  ')}`);
  for (const r of rows) console.log(r);
  console.log(`\nfill: ${filled} originals in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
} finally {
  redis.disconnect();
  timer.disconnect();
  await server.stop();
  removeData(server);
}
