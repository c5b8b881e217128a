/**
 * Fetch stage throughput (issue 6): charset decoding, fetchPage over loopback HTTP (identity and
 * gzip), the per-host politeness script on Redis, and WARC import reading. Real pages from
 * ../shared/datasets/article-extraction-benchmark, the Arabic seed as windows-1256.
 * `npm run bench:fetch [-- --runs 3]`. Uses REDIS_URL, or starts a local redis-server.
 */
import { readdirSync, readFileSync, rmSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { WARCRecord, WARCSerializer } from 'warcio';
import { createRedis, loadConfig } from '@khabar/core';
import { Producers } from '@khabar/queues';
import { createFetchOptions, decodeHtml, fetchPage, HostPoliteness, importPages, parseFetchSettings, producerSink, readWarc } from '@khabar/fetch';
import { startRedis, type LocalService } from '../scripts/lib/local-services.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, pages: { type: 'string', default: '120' } } });
const RUNS = Math.max(1, Number(values.runs));
const repoRoot = resolve(import.meta.dirname, '..');
const datasetDir = resolve(repoRoot, '..', 'shared', 'datasets', 'article-extraction-benchmark', 'html');
const seed = readFileSync(resolve(repoRoot, '..', 'shared', 'seed', 'maghress-putin-trump-call.txt'), 'utf8');

const pages = readdirSync(datasetDir)
  .filter((f) => f.endsWith('.html.gz'))
  .sort()
  .slice(0, Number(values.pages))
  .map((f) => gunzipSync(readFileSync(join(datasetDir, f))));
const totalBytes = pages.reduce((n, p) => n + p.length, 0);
const arabicPage = iconv.encode(`<html><head><meta charset="windows-1256"><title>t</title></head><body><p>${seed.split('\n').join('</p><p>')}</p></body></html>`, 'windows-1256');
const undeclaredArabic = iconv.encode(`<html><head><title>t</title></head><body><p>${seed.split('\n').join('</p><p>')}</p></body></html>`, 'windows-1256');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const rows: Array<[string, string, string]> = [];
const row = (name: string, value: string, note = '') => {
  rows.push([name, value, note]);
  console.error(`  ${name}: ${value} ${note}`);
};

async function measure(runs: number, once: () => Promise<number> | number): Promise<number> {
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) rates.push(await once());
  return median(rates);
}

// 1. Charset decoding (pure CPU).
{
  const rate = (bufs: Buffer[], contentType?: string) => () => {
    const t0 = performance.now();
    for (let k = 0; k < 3; k++) for (const b of bufs) decodeHtml(b, contentType);
    return (3 * bufs.length) / ((performance.now() - t0) / 1000);
  };
  row('decode: dataset pages, header charset', `${(await measure(RUNS, rate(pages, 'text/html; charset=utf-8'))).toFixed(0)} pages/s`, `${pages.length} pages, ${(totalBytes / pages.length / 1024).toFixed(0)} KiB avg`);
  row('decode: dataset pages, no header (meta/detect)', `${(await measure(RUNS, rate(pages))).toFixed(0)} pages/s`);
  const many = Array.from({ length: 300 }, () => arabicPage);
  row('decode: Arabic seed, windows-1256 in meta', `${(await measure(RUNS, rate(many, 'text/html'))).toFixed(0)} pages/s`, `${(arabicPage.length / 1024).toFixed(0)} KiB`);
  row('decode: Arabic seed, windows-1256 undeclared', `${(await measure(RUNS, rate(Array.from({ length: 300 }, () => undeclaredArabic)))).toFixed(0)} pages/s`);
}

// 2. fetchPage over loopback.
{
  const gz = pages.map((p) => gzipSync(p));
  const server = createServer((req, res) => {
    const [, mode, index] = (req.url ?? '').split('/');
    const i = Number(index) % pages.length;
    if (mode === 'gzip') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }).end(gz[i]);
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[i]);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig({ FETCH_ALLOW_HOSTS: '127.0.0.1', LOG_LEVEL: 'silent' });
  const options = createFetchOptions(config, parseFetchSettings({}));
  for (const mode of ['identity', 'gzip'] as const) {
    for (const concurrency of [1, 16]) {
      const latencies: number[] = [];
      const rate = await measure(RUNS, async () => {
        let next = 0;
        const t0 = performance.now();
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (next < pages.length) {
              const i = next++;
              const s = performance.now();
              const result = await fetchPage(`${origin}/${mode}/${i}`, options);
              if (result.kind !== 'page') throw new Error(`unexpected ${result.kind}`);
              latencies.push(performance.now() - s);
            }
          }),
        );
        return pages.length / ((performance.now() - t0) / 1000);
      });
      row(`fetchPage: loopback, ${mode}, concurrency ${concurrency}`, `${rate.toFixed(0)} pages/s`, `p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms`);
    }
  }
  await options.dispatcher.close();
  server.close();
}

// 3. Politeness script on Redis, and 4. WARC reading.
let local: LocalService | undefined;
let redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  local = await startRedis({ appendonly: false });
  redisUrl = local.url;
}
{
  const redis = createRedis(redisUrl, 'producer');
  const prefix = `{bench${process.pid}}`;
  const politeness = new HostPoliteness(redis, prefix, 30_000);
  const hosts = Array.from({ length: 50 }, (_, i) => `host${i}.example`);
  const rate = await measure(RUNS, async () => {
    const n = 4000;
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < n) {
          const lease = await politeness.acquire(hosts[next++ % hosts.length]!, { maxConcurrent: 1000, minDelayMs: 0 });
          if (lease.granted) await lease.release();
        }
      }),
    );
    return n / ((performance.now() - t0) / 1000);
  });
  row('politeness: acquire + release on Redis', `${rate.toFixed(0)} leases/s`, '32 in flight over 50 hosts');
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
}
{
  const dir = mkdtempSync(join(tmpdir(), 'khabar-bench-warc-'));
  const path = join(dir, 'bench.warc.gz');
  const parts: Uint8Array[] = [];
  for (const [i, page] of pages.entries()) {
    const record = WARCRecord.create(
      { url: `https://bench.example/${i}`, type: 'response', warcVersion: 'WARC/1.1', statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } },
      [page],
    );
    parts.push(await WARCSerializer.serialize(record, { gzip: true }));
  }
  writeFileSync(path, Buffer.concat(parts));
  const rate = await measure(RUNS, async () => {
    const t0 = performance.now();
    let n = 0;
    for await (const item of readWarc(path, { maxBytes: 5 * 1024 * 1024 }).items) if (item.kind === 'page') n++;
    return n / ((performance.now() - t0) / 1000);
  });
  row('import: read WARC.gz (warcio + decode)', `${rate.toFixed(0)} pages/s`, `${pages.length} records`);
  let run = 0;
  const queued = await measure(RUNS, async () => {
    const config = loadConfig({ REDIS_URL: redisUrl, KHABAR_PREFIX: `{benchimport${process.pid}x${run++}}`, LOG_LEVEL: 'silent' });
    const connection = createRedis(config, 'producer');
    const producers = new Producers(config, connection);
    const t0 = performance.now();
    const summary = await importPages(readWarc(path, { maxBytes: 5 * 1024 * 1024 }), producerSink(producers), { maxWaiting: 100_000 });
    const elapsed = (performance.now() - t0) / 1000;
    await producers.pages.obliterate({ force: true });
    await producers.close();
    await connection.quit();
    return summary.taken / elapsed;
  });
  row('import: WARC.gz onto the pages queue', `${queued.toFixed(0)} pages/s`, 'gzip + enqueue on Redis');
  rmSync(dir, { recursive: true, force: true });
}
if (local) await local.stop();

const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length), ['stage', 'median rate', 'notes'][c]!.length));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
console.log(`\n# fetch bench: ${pages.length} dataset pages, median of ${RUNS} runs (node ${process.version})\n`);
console.log(line(['stage', 'median rate', 'notes']));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
