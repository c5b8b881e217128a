import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Queue } from 'bullmq';
import { createRedis, type Config, type Redis } from '@khabar/core';
import { addSource, listSources, parseFetchSettings, pollSourceNow, removeSource, type SourceRecord } from '@khabar/fetch';
import { startFetcher, type Fetcher } from '@khabar/fetcher';
import { Producers, QUEUE, queueOptions } from '@khabar/queues';
import { startTestServer, type Handler, type TestServer } from '../packages/fetch/test/support/http-server.js';
import { dropPrefix, sleep, testConfig, testLogger } from '../packages/fetch/test/support/redis.js';

const settings = parseFetchSettings({});

interface Rig {
  config: Config;
  connection: Redis;
  producers: Producers;
  fetcher: Fetcher;
  server: TestServer;
}
const rigs: Rig[] = [];

async function rig(routes: Record<string, Handler>): Promise<Rig> {
  const server = await startTestServer({ '/robots.txt': (_q, r) => void r.writeHead(404).end(), ...routes });
  const config = testConfig();
  const connection = createRedis(config, 'producer');
  // Only the sources worker runs: fetch jobs stay on the queue where the test can count them.
  const fetcher = startFetcher(config, testLogger(config), { settings, concurrency: 1, sources: true });
  await fetcherPaused(config, connection);
  const r = { config, connection, producers: new Producers(config, connection), fetcher, server };
  rigs.push(r);
  return r;
}

/** Pauses the fetch queue so discovered URLs wait there instead of being fetched. */
async function fetcherPaused(config: Config, connection: Redis): Promise<void> {
  const fetchQueue = new Queue(QUEUE.fetch, queueOptions(config, connection));
  await fetchQueue.pause();
  await fetchQueue.close();
}

afterEach(async () => {
  for (const r of rigs.splice(0)) {
    await r.fetcher.close();
    await r.producers.close();
    await r.connection.quit();
    await r.server.close();
    await dropPrefix(r.config);
  }
});

async function waitForPolls(r: Rig, id: string, polls: number, timeoutMs = 10_000): Promise<SourceRecord> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const source = (await listSources(r)).find((s) => s.id === id);
    if (source && source.polls >= polls) return source;
    await sleep(25);
  }
  throw new Error(`source ${id} was not polled ${polls} times within ${timeoutMs} ms`);
}

async function queuedUrls(r: Rig): Promise<string[]> {
  const jobs = await r.producers.fetch.getJobs(['waiting', 'delayed', 'prioritized']);
  return jobs.map((j) => j.data.url).sort();
}

function rss(items: string[]): Handler {
  return (req, res) => {
    const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items.map((u) => `<item><title>${u}</title><link>${u}</link></item>`).join('')}</channel></rss>`;
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 12)}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
  };
}

describe('discovery', () => {
  test('a feed polled again enqueues only its new items, even after their fetch jobs are gone', async () => {
    const items = ['https://news.example/a/1?utm_source=rss', 'https://news.example/a/2'];
    const r = await rig({});
    r.server.route('/feed.xml', (req, res) => rss(items)(req, res));
    const source = await addSource(r, { url: `${r.server.origin}/feed.xml`, every: '1h' });
    assert.equal(source.created, true);

    const first = await waitForPolls(r, source.id, 1);
    assert.equal(first.lastStatus, 'ok');
    assert.equal(first.format, 'rss');
    assert.deepEqual([first.lastFound, first.lastNew], [2, 2]);
    assert.deepEqual(await queuedUrls(r), ['https://news.example/a/1', 'https://news.example/a/2']);
    const job = (await r.producers.fetch.getJobs(['waiting']))[0]!;
    assert.equal(job.data.sourceId, source.id);

    // Unchanged feed: a conditional GET answers 304 and nothing is enqueued.
    await pollSourceNow(r, source.id);
    const unchanged = await waitForPolls(r, source.id, 2);
    assert.equal(unchanged.lastStatus, 'not-modified');
    assert.equal(unchanged.lastNew, 0);

    // One new item, and the old fetch jobs removed: only the new item is enqueued.
    items.push('https://news.example/a/3');
    await r.producers.fetch.obliterate({ force: true });
    await fetcherPaused(r.config, r.connection);
    await pollSourceNow(r, source.id);
    const third = await waitForPolls(r, source.id, 3);
    assert.deepEqual([third.lastStatus, third.lastFound, third.lastNew, third.totalNew], ['ok', 3, 1, 3]);
    assert.deepEqual(await queuedUrls(r), ['https://news.example/a/3']);
  });

  test('robots.txt sitemaps, a sitemap index and a Google News sitemap lead to the article URLs', async () => {
    const r = await rig({});
    const o = r.server.origin;
    const xml = (body: string): Handler => (_q, res) => void res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
    r.server.route('/robots.txt', (_q, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end(`User-agent: *\nDisallow: /private/\nSitemap: ${o}/sitemap_index.xml\n`));
    r.server.route('/sitemap_index.xml', xml(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>${o}/sitemap-old.xml</loc><lastmod>2024-01-01</lastmod></sitemap>
      <sitemap><loc>${o}/news-sitemap.xml</loc><lastmod>2025-03-19</lastmod></sitemap></sitemapindex>`));
    r.server.route('/news-sitemap.xml', xml(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>https://site.example/2025/03/19/call</loc><news:news><news:publication_date>2025-03-19T12:00:00Z</news:publication_date><news:title>t</news:title></news:news></url></urlset>`));
    r.server.route('/sitemap-old.xml', xml(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://site.example/2024/old</loc></url></urlset>`));
    const source = await addSource(r, { url: `${o}/robots.txt`, every: '15m' });
    const polled = await waitForPolls(r, source.id, 1);
    assert.equal(polled.lastStatus, 'ok', polled.lastError);
    assert.equal(polled.format, 'robots');
    assert.deepEqual(await queuedUrls(r), ['https://site.example/2024/old', 'https://site.example/2025/03/19/call']);
    const order = r.server.log.map((e) => e.path).filter((p) => p.includes('sitemap'));
    assert.deepEqual(order, ['/sitemap_index.xml', '/news-sitemap.xml', '/sitemap-old.xml'], 'newest child sitemap first');
  });

  test('sources list shows the last poll and its error, and remove stops the schedule', async () => {
    const r = await rig({});
    const source = await addSource(r, { url: `${r.server.origin}/missing-feed.xml`, every: '15m' });
    const polled = await waitForPolls(r, source.id, 1);
    assert.equal(polled.lastStatus, 'error');
    assert.match(polled.lastError ?? '', /HTTP 404/);
    assert.equal(polled.errors, 1);
    assert.equal(polled.everyMs, 15 * 60_000);
    assert.ok(polled.lastPollAt && polled.nextPollAt, 'last and next poll times are known');

    const again = await addSource(r, { url: `${r.server.origin}/missing-feed.xml`, every: '1h' });
    assert.equal(again.created, false, 'adding the same URL again updates it');
    assert.equal((await listSources(r)).length, 1);

    assert.equal(await removeSource(r, source.id), true);
    assert.deepEqual(await listSources(r), []);
    const sourcesQueue = new Queue(QUEUE.sources, queueOptions(r.config, r.connection));
    assert.equal(await sourcesQueue.getJobSchedulersCount(), 0);
    await sourcesQueue.close();
    assert.equal(await removeSource(r, source.id), false);
  });

  test('a site home page leads to the feed it advertises, and a page without one is an error on the source', async () => {
    const r = await rig({});
    const o = r.server.origin;
    r.server.route('/', (_q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head><body>home</body></html>`));
    r.server.route('/rss', rss(['https://home.example/story']));
    r.server.route('/about', (_q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>about us</body></html>'));
    const home = await addSource(r, { url: `${o}/`, every: '1h' });
    const about = await addSource(r, { url: `${o}/about`, every: '1h' });
    const [homePolled, aboutPolled] = [await waitForPolls(r, home.id, 1), await waitForPolls(r, about.id, 1)];
    assert.deepEqual([homePolled.lastStatus, homePolled.format, homePolled.lastNew], ['ok', 'html', 1]);
    assert.deepEqual(await queuedUrls(r), ['https://home.example/story']);
    assert.equal(aboutPolled.lastStatus, 'error');
    assert.match(aboutPolled.lastError ?? '', /advertises no feed/);
  });

  test('a large gzipped sitemap is read whole and each of its URLs is enqueued once', async () => {
    const r = await rig({});
    const urls = Array.from({ length: 3000 }, (_, i) => `https://big.example/story/${i}`);
    const body = gzipSync(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<url><loc>${u}</loc></url>`).join('')}</urlset>`);
    r.server.route('/sitemap.xml.gz', (_q, res) => void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body));
    const source = await addSource(r, { url: `${r.server.origin}/sitemap.xml.gz`, every: '1h' });
    const first = await waitForPolls(r, source.id, 1);
    assert.deepEqual([first.lastStatus, first.format, first.lastFound, first.lastNew], ['ok', 'urlset', 3000, 3000]);
    assert.equal(await r.producers.fetch.getJobCountByTypes('waiting'), 3000);
    await pollSourceNow(r, source.id);
    const second = await waitForPolls(r, source.id, 2);
    assert.deepEqual([second.lastFound, second.lastNew, second.totalNew], [3000, 0, 3000]);
  });

  test('a bad poll interval or URL is refused with a message that names it', async () => {
    const r = await rig({});
    await assert.rejects(addSource(r, { url: `${r.server.origin}/feed`, every: 'often' }), /often/);
    await assert.rejects(addSource(r, { url: 'ftp://x.example/feed', every: '15m' }), /http/);
  });
});
