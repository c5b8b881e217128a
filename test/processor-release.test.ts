/**
 * An original that OpenSearch refuses for good is released from the dedupe index, so the next copy
 * of the story is indexed as the original instead of being attached to a document that never existed.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRedis, type Article, type RawPage } from '@khabar/core';
import { DedupeIndex } from '@khabar/dedupe';
import { BulkIndexer, createSearchClient, ensureIndex } from '@khabar/search';
import { processAnalyzedPage } from '@khabar/processor';
import { testConfig } from './support/env.js';
import { pipelineTestContext } from './support/pipeline.js';

const { config, redis, search, cleanup } = pipelineTestContext();
after(cleanup);

const text = Array.from({ length: 6 }, (_, i) => `Paragraph ${i}: the ministers met in Rabat on Tuesday to discuss water, drought and the price of wheat across the region this year.`).join('\n\n');

function copy(url: string, publishedAt: string): { page: RawPage; article: Article } {
  return {
    page: { url, finalUrl: url, status: 200, headers: {}, html: '', fetchedAt: new Date().toISOString(), origin: 'import' },
    article: { url, canonicalUrl: url, title: 'Ministers meet on drought', paragraphs: text.split('\n\n'), text, authors: [], tags: [], pageType: 'article', language: 'en', publishedAt },
  };
}

test('a refused original is released and the next copy becomes the original', async () => {
  await ensureIndex(search, config.INDEX_ALIAS);
  const deps = {
    dedupe: new DedupeIndex(redis, { prefix: config.KHABAR_PREFIX }),
    indexer: new BulkIndexer(search, { index: config.INDEX_ALIAS, flushMs: 5 }),
    timed: <T>(_stage: string, work: () => Promise<T>) => work(),
    entitiesVersion: () => 'test',
    lastAttempt: () => false,
  };
  const enrichment = { entities: [], pairs: [] };
  const refused = copy('https://a.example/story', 'not a date');
  await assert.rejects(
    processAnalyzedPage(refused.page, { article: refused.article, enrichment, timings: { extract: 0, enrich: 0 } }, deps),
    (error: Error) => error.name === 'PermanentError' && /refused/.test(error.message),
  );
  const next = copy('https://b.example/story', '2025-03-19T10:00:00Z');
  const result = await processAnalyzedPage(next.page, { article: next.article, enrichment, timings: { extract: 0, enrich: 0 } }, deps);
  assert.equal(result.outcome, 'indexed', JSON.stringify(result));
});
