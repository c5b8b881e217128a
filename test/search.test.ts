import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '@khabar/core';
import { BulkIndexer, createSearchClient, ensureIndex, searchArticles, toDocument, indexName } from '@khabar/search';
import { testConfig } from './support/env.js';

const config = testConfig();
const client = createSearchClient(config);
const alias = config.INDEX_ALIAS;

after(async () => {
  await client.indices.delete({ index: `${alias}-v*` }).catch(() => undefined);
  await client.indices.deleteIndexTemplate({ name: `${alias}-template` }).catch(() => undefined);
  await client.close();
});

function article(overrides: Partial<Article>): Article {
  const base: Article = {
    url: 'https://example.ma/a',
    canonicalUrl: 'https://example.ma/a',
    title: 'عنوان',
    paragraphs: ['نص'],
    text: 'نص',
    authors: [],
    tags: [],
    pageType: 'article',
    language: 'ar',
  };
  return { ...base, ...overrides };
}

test('ensureIndex creates the versioned index behind the alias, and a second call changes nothing', async () => {
  const first = await ensureIndex(client, alias);
  assert.equal(first.created, true);
  assert.equal(first.index, indexName(alias));
  const second = await ensureIndex(client, alias);
  assert.equal(second.created, false);
  assert.equal(second.index, first.index);
});

test('an Arabic query matches inflected forms while names stay findable unstemmed', async () => {
  await ensureIndex(client, alias);
  const indexer = new BulkIndexer(client, { index: alias, flushMs: 5 });
  const text = 'أعلنت الحكومات المغربية عن خطة جديدة. والتقى بوتين بالمسؤولين.';
  await indexer.index(
    'doc-ar',
    toDocument({
      id: 'doc-ar',
      contentHash: 'h1',
      article: article({ url: 'https://example.ma/ar', canonicalUrl: 'https://example.ma/ar', title: 'خطة الحكومة', text, paragraphs: [text] }),
      enrichment: { entities: [{ id: 'Q7747', name: 'فلاديمير بوتين', type: 'person', count: 1, inTitle: false, firstPosition: 20 }], pairs: [] },
    }),
  );
  await client.indices.refresh({ index: alias });
  // "الحكومة" (singular, definite) must find "الحكومات" (plural) through the arabic stemmer.
  const inflected = await searchArticles(client, alias, { text: 'حكومة' });
  assert.equal(inflected.total, 1);
  const byName = await searchArticles(client, alias, { text: 'بوتين' });
  assert.equal(byName.total, 1);
  const byEntity = await searchArticles(client, alias, { entity: ['Q7747'] });
  assert.deepEqual(byEntity.hits.map((h) => h.id), ['doc-ar']);
  const noMatch = await searchArticles(client, alias, { entity: ['Q22686'] });
  assert.equal(noMatch.total, 0);
});

test('a copy is attached to its original once, however often it is recorded', async () => {
  await ensureIndex(client, alias);
  const indexer = new BulkIndexer(client, { index: alias, flushMs: 5 });
  await indexer.index('doc-orig', toDocument({ id: 'doc-orig', contentHash: 'h2', article: article({ url: 'https://a.ma/1' }), enrichment: { entities: [], pairs: [] } }));
  const copy = { url: 'https://b.ma/copy', site: 'b.ma', seen_at: new Date().toISOString(), reason: 'same-text', similarity: 1 };
  await Promise.all([indexer.addCopy('doc-orig', copy), indexer.addCopy('doc-orig', copy)]);
  await indexer.addCopy('doc-orig', copy);
  // Re-indexing the original (a retried job) keeps the copies it already has.
  await indexer.index('doc-orig', toDocument({ id: 'doc-orig', contentHash: 'h2', article: article({ url: 'https://a.ma/1' }), enrichment: { entities: [], pairs: [] } }));
  const { body } = await client.get({ index: alias, id: 'doc-orig' });
  const source = body._source as { copy_count: number; copies: unknown[] };
  assert.equal(source.copy_count, 1);
  assert.equal(source.copies.length, 1);
});

test('a copy of an original that is not indexed yet is rejected as retryable, not dropped', async () => {
  await ensureIndex(client, alias);
  const indexer = new BulkIndexer(client, { index: alias, flushMs: 5 });
  await assert.rejects(
    indexer.addCopy('missing-original', { url: 'https://c.ma/x', seen_at: new Date().toISOString(), reason: 'same-text', similarity: 1 }),
    (error: Error) => error.name === 'RetryableError' && /not indexed yet/.test(error.message),
  );
});

test('an unreachable OpenSearch fails each waiting write as retryable with a clear reason', async () => {
  const dead = createSearchClient({ ...config, OPENSEARCH_URL: 'http://127.0.0.1:1' });
  const indexer = new BulkIndexer(dead, { index: alias, flushMs: 5 });
  await assert.rejects(
    indexer.index('x', toDocument({ id: 'x', contentHash: 'h', article: article({}), enrichment: { entities: [], pairs: [] } })),
    (error: Error) => error.name === 'RetryableError' && /bulk request failed/.test(error.message),
  );
  await dead.close();
});
