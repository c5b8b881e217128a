/**
 * The whole pipeline on real services: URLs enqueued through the CLI and the HTTP API, fetched
 * from a real HTTP server on loopback, extracted, deduplicated, enriched and indexed into a real
 * OpenSearch, then asserted on through search.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { stableId } from '@khabar/core';
import { QUEUE } from '@khabar/queues';
import { searchArticles, getArticle } from '@khabar/search';
import { createEnricher } from '@khabar/entities';
import { startProcessor, type RunningProcessor } from '@khabar/processor';
import { startFetcher } from '@khabar/fetcher';
import { buildApp, createApiDeps } from '@khabar/api';
import { buildAggregatorPage, buildEnglishArticlePage, OTHER_ARABIC_ARTICLE, readSeedArticle } from './support/seed-pages.js';
import { eventually } from './support/env.js';
import { pipelineTestContext } from './support/pipeline.js';

const root = resolve(import.meta.dirname, '..');
const { config, redis, search, cleanup } = pipelineTestContext({ PROCESSOR_CONCURRENCY: '4', FETCH_HOST_DELAY_MS: '0', FETCH_HOST_CONCURRENCY: '8' });
const logger = pino({ level: 'warn' });

let server: Server;
let base = '';
let processor: RunningProcessor;
let fetcher: { close(): Promise<void> };

const pages: Record<string, { type: string; body: string }> = {};

before(async () => {
  server = createServer((req, res) => {
    const page = pages[req.url ?? ''];
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>not found</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': page.type }).end(page.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const html = 'text/html; charset=utf-8';
  pages['/maghress/news/1'] = { type: html, body: buildAggregatorPage({ url: `${base}/maghress/news/1` }) };
  pages['/mirror/story-1'] = { type: html, body: buildAggregatorPage({ url: `${base}/mirror/story-1` }) };
  // The same story on another site, its headline rewritten and one paragraph dropped.
  const seed = readSeedArticle();
  pages['/portal/edited-story'] = {
    type: html,
    body: buildAggregatorPage({
      url: `${base}/portal/edited-story`,
      template: 'portal',
      title: 'بوتين يرفض وقف إطلاق النار الشامل بعد مكالمته مع ترامب',
      paragraphs: seed.paragraphs.filter((_, i) => i !== 3),
      subheadings: seed.subheadings,
    }),
  };
  // Another article in the very same aggregator template: not a duplicate.
  pages['/maghress/news/2'] = {
    type: html,
    body: buildAggregatorPage({ url: `${base}/maghress/news/2`, title: OTHER_ARABIC_ARTICLE.title, paragraphs: OTHER_ARABIC_ARTICLE.paragraphs, subheadings: OTHER_ARABIC_ARTICLE.subheadings }),
  };
  pages['/en/zelenskyy-putin'] = { type: html, body: buildEnglishArticlePage({ url: `${base}/en/zelenskyy-putin` }) };
  pages['/feed.json'] = { type: 'application/json', body: '{"not":"html"}' };
  processor = await startProcessor(config, logger);
  fetcher = await startFetcher(config, logger);
});

after(async () => {
  await fetcher?.close();
  await processor?.close();
  server?.close();
  await cleanup();
});

function cli(args: string[]) {
  return spawnSync(process.execPath, [resolve(root, 'services/cli/bin/khabar.js'), ...args], {
    env: { ...process.env, REDIS_URL: config.REDIS_URL, OPENSEARCH_URL: config.OPENSEARCH_URL, KHABAR_PREFIX: config.KHABAR_PREFIX, INDEX_ALIAS: config.INDEX_ALIAS, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
}

async function fetchOutcome(url: string) {
  const queue = new Queue(QUEUE.fetch, { connection: redis, prefix: config.KHABAR_PREFIX });
  try {
    const jobs = await queue.getJobs(['completed', 'failed']);
    const job = jobs.find((j) => j.data.url === url);
    if (!job) return undefined;
    return job.returnvalue ? (job.returnvalue as { outcome: string }) : { outcome: 'failed', reason: job.failedReason };
  } finally {
    await queue.close();
  }
}

test('URLs enqueued from the CLI and the API end up searchable, each page once', async () => {
  const first = cli(['enqueue', `${base}/maghress/news/1`, `${base}/maghress/news/1?utm_source=rss#top`]);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /queued 1, already queued 1, invalid 0/);
  const again = cli(['enqueue', `${base}/maghress/news/1`]);
  assert.match(again.stdout, /queued 0, already queued 1/);
  // The first copy seen is the original (packages/dedupe/README.md): let it be seen first.
  await eventually('the first page indexed', async () => {
    await search.indices.refresh({ index: config.INDEX_ALIAS });
    return (await searchArticles(search, config.INDEX_ALIAS, {})).total === 1 ? true : undefined;
  }, 90_000);

  const deps = createApiDeps(config, logger);
  const app = await buildApp(deps);
  try {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/urls',
      payload: { urls: [`${base}/mirror/story-1`, `${base}/portal/edited-story`, `${base}/maghress/news/2`, `${base}/en/zelenskyy-putin`, `${base}/missing`, `${base}/feed.json`] },
    });
    assert.equal(response.statusCode, 202, response.body);
  } finally {
    await app.close();
    await deps.close();
  }

  const articles = await eventually('three articles indexed and both copies recorded', async () => {
    await search.indices.refresh({ index: config.INDEX_ALIAS });
    const all = await searchArticles(search, config.INDEX_ALIAS, { size: 10 });
    return all.total === 3 && all.hits.some((h) => h.copyCount === 2) ? all : undefined;
  }, 90_000);
  assert.equal(articles.total, 3, 'the mirror and the edited copy must not be indexed as articles of their own');
});

async function seedStory() {
  const hits = await searchArticles(search, config.INDEX_ALIAS, { language: 'ar', entity: ['Q7747'] });
  assert.equal(hits.total, 1, 'one Arabic article about the call');
  return hits.hits[0]!;
}

test('the Arabic aggregator article is extracted without its page furniture', async () => {
  const doc = (await getArticle(search, config.INDEX_ALIAS, (await seedStory()).id))!;
  assert.equal(doc.title, 'ما الذي جرى في المكالمة الهاتفية بين بوتين وترامب؟');
  assert.match(String(doc.published_at), /^2025-03-19/);
  const body = String(doc.body);
  assert.match(body, /رفض الرئيس الروسي فلاديمير بوتين وقف إطلاق النار الشامل في أوكرانيا/);
  assert.match(body, /نحن باقون/);
  for (const furniture of ['نتنياهو في واشنطن لبحث هدنة غزة', 'شكرا على الإبلاغ', 'انقر هنا لقراءة الخبر من مصدره', 'السلام المفقود: ما هي التحديات']) {
    assert.ok(!body.includes(furniture), `body must not contain page furniture: ${furniture}`);
  }
});

test('the copy at a second URL and an edited copy on another site are recorded on the original', async () => {
  const hit = await seedStory();
  assert.equal(hit.copyCount, 2);
  const urls = [hit.url, ...hit.copies.map((c) => c.url)].sort();
  assert.deepEqual(urls, [`${base}/maghress/news/1`, `${base}/mirror/story-1`, `${base}/portal/edited-story`].sort());
  const edited = hit.copies.find((c) => c.url.endsWith('/portal/edited-story'))!;
  assert.equal(edited.reason, 'near-duplicate');
  assert.ok(edited.similarity >= 0.5 && edited.similarity < 1, `edited copy similarity ${edited.similarity}`);
  const byMirrorId = await getArticle(search, config.INDEX_ALIAS, stableId(`${base}/mirror/story-1`));
  const byOriginalId = await getArticle(search, config.INDEX_ALIAS, stableId(`${base}/maghress/news/1`));
  assert.ok(Boolean(byMirrorId) !== Boolean(byOriginalId), 'exactly one of the two URLs is a document');
  const other = await searchArticles(search, config.INDEX_ALIAS, { text: 'تحلية مياه البحر' });
  assert.equal(other.total, 1, 'another article in the same template is an article of its own');
  assert.equal(other.hits[0]!.copyCount, 0);
});

test('Putin, Trump and Zelensky are tagged from the article; a name only in the ticker is not', async () => {
  const story = await seedStory();
  const ids = story.entities.map((e) => e.id);
  for (const id of ['Q7747', 'Q22686', 'Q3874799']) assert.ok(ids.includes(id), `expected ${id} in ${ids.join(',')}`);
  const zelensky = story.entities.find((e) => e.id === 'Q3874799')!;
  // زيلينسكي three times and زيلنسكي once in the seed: both spellings count.
  assert.ok(zelensky.count >= 4, `both Zelensky spellings count, got ${zelensky.count}`);
  const enricher = createEnricher();
  const tickerOnly = enricher.enrich({ title: '', text: 'نتنياهو في واشنطن لبحث هدنة غزة' }).entities.map((e) => e.id);
  enricher.close();
  assert.ok(tickerOnly.length > 0, 'precondition: the catalog knows the person named in the ticker');
  for (const id of tickerOnly) assert.ok(!ids.includes(id), `${id} appears only in the ticker and must not be tagged`);
});

test('search finds the articles by entity, by an inflected Arabic word and by an English name', async () => {
  const byEntity = await searchArticles(search, config.INDEX_ALIAS, { entity: ['Q3874799'] });
  assert.equal(byEntity.total, 2);
  const inflected = await searchArticles(search, config.INDEX_ALIAS, { text: 'المكالمات' });
  assert.equal(inflected.total, 1, 'المكالمات (plural) finds المكالمة through the arabic analyzer');
  const english = await searchArticles(search, config.INDEX_ALIAS, { text: 'Zelenskyy', language: 'en' });
  assert.equal(english.total, 1);
  const cliSearch = cli(['search', 'بوتين', '--entity', 'Q7747', '--json']);
  assert.equal(cliSearch.status, 0, cliSearch.stderr);
  assert.ok((JSON.parse(cliSearch.stdout) as { total: number }).total >= 1);
  const stats = cli(['stats', '--json']);
  assert.equal(stats.status, 0, stats.stderr);
  assert.equal((JSON.parse(stats.stdout) as { index: { articles: number } }).index.articles, 3);
});

test('pages that cannot become articles end with a recorded outcome, not silently', async () => {
  const missing = await eventually('the 404 outcome', () => fetchOutcome(`${base}/missing`));
  assert.equal(missing.outcome, 'http-error');
  const json = await eventually('the non-HTML outcome', () => fetchOutcome(`${base}/feed.json`));
  assert.equal(json.outcome, 'not-html');
});
