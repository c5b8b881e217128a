import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@opensearch-project/opensearch';
import { createEnricher, reenrichIndex, type ReenrichProgress } from '@khabar/entities';

const OPENSEARCH_URL = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9250';
const keyword = { type: 'keyword' } as const;

/** A throwaway index with the article fields reenrich reads and writes. */
async function createIndex(client: Client, name: string): Promise<void> {
  await client.indices.create({
    index: name,
    body: {
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: {
        properties: {
          title: { type: 'text' as const },
          body: { type: 'text' as const },
          language: keyword,
          entities: {
            properties: { id: keyword, name: keyword, type: keyword, count: { type: 'integer' as const }, in_title: { type: 'boolean' as const }, first_position: { type: 'integer' as const } },
          },
          entity_ids: keyword,
          entity_names: keyword,
          entity_pairs: keyword,
          entities_version: keyword,
        },
      },
    },
  });
}

const articles = [
  { id: 'a1', title: 'الكتاني يلتقي بوتين', body: 'استقبل الرئيس الروسي فلاديمير بوتين ياسين الكتاني في موسكو.', language: 'ar' },
  { id: 'a2', title: 'Talks in Geneva', body: 'Yassine Kettani met Donald Trump. Later Kettani spoke to reporters.', language: 'en' },
  { id: 'a3', title: 'Météo', body: 'Il pleut sur la côte.', language: 'fr' },
];
const newcomer = { id: 'Q4115189', type: 'person', names: { en: 'Yassine Kettani', ar: 'ياسين الكتاني' }, aliases: ['Kettani', 'الكتاني'] };

test('reenrich re-tags indexed articles with a new catalog entity and reports progress', async (t) => {
  const client = new Client({ node: OPENSEARCH_URL });
  const index = `t${randomUUID().slice(0, 8)}-articles`;
  const dir = mkdtempSync(join(tmpdir(), 'khabar-reenrich-'));
  t.after(async () => {
    await client.indices.delete({ index }).catch(() => undefined);
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await createIndex(client, index);
  // Indexed before the entity existed: tagged with Putin and Trump only, under an old version.
  const body = articles.flatMap((a) => [{ index: { _index: index, _id: a.id } }, { title: a.title, body: a.body, language: a.language, entity_ids: [], entities_version: 'old' }]);
  const indexed = await client.bulk({ body, refresh: true });
  assert.equal(indexed.body.errors, false);

  const userCatalog = join(dir, 'user.json');
  writeFileSync(userCatalog, JSON.stringify({ revision: 'u1', entities: [newcomer] }));
  const enricher = createEnricher({ userCatalogPath: userCatalog });
  const seen: ReenrichProgress[] = [];
  const result = await reenrichIndex(client, { index, enricher, batchSize: 2, refresh: true, onProgress: (p) => seen.push(p) });

  assert.equal(result.total, 3);
  assert.equal(result.done, 3);
  assert.equal(result.failed, 0);
  assert.deepEqual(result.failures, []);
  assert.equal(result.updated, 3);
  assert.deepEqual(seen.map((p) => p.done), [2, 3]);

  const found = await client.search({ index, body: { query: { term: { entity_ids: 'Q4115189' } }, sort: [{ _id: 'asc' }] } });
  assert.deepEqual(found.body.hits.hits.map((h) => h._id), ['a1', 'a2']);

  const a1 = (await client.get({ index, id: 'a1' })).body._source as Record<string, any>;
  assert.equal(a1.entities_version, enricher.catalogVersion);
  assert.deepEqual([...a1.entity_ids].sort(), ['Q4115189', 'Q649', 'Q7747']);
  const kettani = a1.entities.find((e: { id: string }) => e.id === 'Q4115189');
  assert.deepEqual(kettani, { id: 'Q4115189', name: 'ياسين الكتاني', type: 'person', count: 2, in_title: true, first_position: 0 });
  assert.ok(a1.entity_pairs.includes('Q4115189|Q7747'));
  assert.ok(a1.entity_names.includes('فلاديمير بوتين'));
  const a2 = (await client.get({ index, id: 'a2' })).body._source as Record<string, any>;
  assert.equal(a2.entities.find((e: { id: string }) => e.id === 'Q4115189').count, 2);
  const a3 = (await client.get({ index, id: 'a3' })).body._source as Record<string, any>;
  assert.deepEqual(a3.entity_ids, []);

  // A second run with --stale-only finds nothing left to do.
  const again = await reenrichIndex(client, { index, enricher, onlyStale: true });
  assert.equal(again.total, 0);
  assert.equal(again.done, 0);
});

test('reenrich retags from the new text when an article changes between read and write', async (t) => {
  const client = new Client({ node: OPENSEARCH_URL });
  const index = `t${randomUUID().slice(0, 8)}-articles`;
  t.after(async () => {
    await client.indices.delete({ index }).catch(() => undefined);
    await client.close();
  });
  await createIndex(client, index);
  await client.index({ index, id: 'x', body: { title: 'Putin', body: '', language: 'en' }, refresh: true });
  const base = createEnricher({ userCatalogPath: '' });
  // A processor rewrites the article after reenrich has read it and before its bulk update lands:
  // the first enrich call starts that write, and the bulk request waits for it.
  let raced = false;
  let pendingWrite: Promise<unknown> | undefined;
  const racing = {
    get catalogVersion() {
      return base.catalogVersion;
    },
    get matcher() {
      return base.matcher;
    },
    refresh: () => base.refresh(),
    close: () => base.close(),
    enrich(input: { title: string; text: string; language?: string }) {
      if (!raced) {
        raced = true;
        pendingWrite = client.index({ index, id: 'x', body: { title: 'Zelensky', body: '', language: 'en' }, refresh: true });
      }
      return base.enrich(input);
    },
  };
  const originalBulk = client.bulk.bind(client) as (params: { body: unknown[] }) => Promise<unknown>;
  (client as unknown as { bulk: (params: { body: unknown[] }) => Promise<unknown> }).bulk = async (params) => {
    await pendingWrite;
    return originalBulk(params);
  };

  const result = await reenrichIndex(client, { index, enricher: racing, refresh: true });
  assert.equal(result.failed, 0);
  assert.equal(result.updated, 1);
  const x = (await client.get({ index, id: 'x' })).body._source as Record<string, any>;
  assert.deepEqual(x.entity_ids, ['Q3874799']);
});
