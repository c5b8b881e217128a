/**
 * Khabar on a real Redis Cluster (three masters started by redis-cli): with REDIS_CLUSTER_NODES set,
 * URLs are fetched politely, pages go through extract, the near-duplicate Lua claim, enrich and
 * index, events are appended, and every key stays in the one hash slot of the `{prefix}` tag, so
 * each Lua script and multi-key command is legal on a cluster.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster, Redis } from 'ioredis';
import { pino } from 'pino';
import { createRedis, type JobResult } from '@khabar/core';
import { articleEventsKey } from '@khabar/events';
import { parseFetchSettings } from '@khabar/fetch';
import { startFetcher } from '@khabar/fetcher';
import { startProcessor } from '@khabar/processor';
import { Producers } from '@khabar/queues';
import { createSearchClient } from '@khabar/search';
import { startRedisCluster, type LocalRedisCluster } from '../scripts/lib/local-services.js';
import { html, startTestServer } from '../packages/fetch/test/support/http-server.js';
import { datasetRawPage, loadDatasetPages } from './support/dataset-pages.js';
import { eventually, testConfig } from './support/env.js';
import { pageResults } from './support/pipeline.js';

let cluster: LocalRedisCluster;
before(async () => {
  cluster = await startRedisCluster(3);
});
after(async () => {
  await cluster?.stop();
});

test('the pipeline runs on a Redis Cluster and keeps every key in its prefix slot', async () => {
  const config = testConfig({
    REDIS_URL: cluster.nodes[0]!.url,
    REDIS_CLUSTER_NODES: cluster.seeds,
    ANALYSIS_THREADS: '1',
    FETCH_TIMEOUT_MS: '5000',
    FETCH_HOST_DELAY_MS: '50',
  });
  const logger = pino({ level: 'silent' });
  const redis = createRedis(config, 'producer');
  const producers = new Producers(config, redis);
  const search = createSearchClient(config);
  const dataset = loadDatasetPages(3);
  const article = datasetRawPage(0, dataset);
  const server = await startTestServer({
    '/robots.txt': (_q, r) => void r.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n'),
    '/news/original': html(article.html),
    // The same article again at another address: a copy, claimed through the dedupe Lua script.
    '/mirror/copy': html(article.html),
  });
  const fetcher = startFetcher(config, logger, { settings: parseFetchSettings({}), concurrency: 2 });
  const processor = await startProcessor(config, logger);
  try {
    assert.ok((redis as unknown) instanceof Cluster, 'REDIS_CLUSTER_NODES gives a cluster client');
    await producers.enqueueUrls([`${server.origin}/news/original`]);
    await eventually('the original indexed', async () => {
      const results = await pageResults(redis, config);
      return results.some((r) => r.result?.outcome === 'indexed') ? true : undefined;
    });
    await producers.enqueueUrls([`${server.origin}/mirror/copy`]);
    for (let i = 1; i < 3; i++) await producers.enqueuePage(datasetRawPage(i, dataset));

    const results = await eventually(
      'four pages processed',
      async () => {
        const done = await pageResults(redis, config);
        return done.length === 4 ? done : undefined;
      },
      60_000,
    );
    const outcomes = results.map((r) => r.result?.outcome ?? `failed: ${r.failedReason}`).sort();
    assert.deepEqual(outcomes, ['duplicate', 'indexed', 'indexed', 'indexed'] satisfies Array<JobResult['outcome']>);

    await search.indices.refresh({ index: config.INDEX_ALIAS });
    const count = await search.count({ index: config.INDEX_ALIAS });
    assert.equal(count.body.count, 3, 'three articles searchable');
    assert.ok((await redis.xlen(articleEventsKey(config.KHABAR_PREFIX))) >= 4, 'indexed and copy events appended');

    // Every key of the run sits on the one master that owns the prefix's slot.
    const slot = Number(await redis.cluster('KEYSLOT', `${config.KHABAR_PREFIX}:x`));
    const perNode: Array<{ port: number; keys: number; ownsSlot: boolean }> = [];
    for (const node of cluster.nodes) {
      const direct = new Redis(node.url, { maxRetriesPerRequest: 1 });
      try {
        const keys = await direct.keys(`${config.KHABAR_PREFIX}*`);
        const owned = Number(await direct.cluster('COUNTKEYSINSLOT', slot)) > 0;
        perNode.push({ port: node.port, keys: keys.length, ownsSlot: owned });
        for (const key of keys) assert.equal(Number(await direct.cluster('KEYSLOT', key)), slot, `${key} is in the prefix slot`);
      } finally {
        direct.disconnect();
      }
    }
    const holding = perNode.filter((n) => n.keys > 0);
    assert.equal(perNode.length, 3);
    assert.equal(holding.length, 1, `keys on one node only: ${JSON.stringify(perNode)}`);
    assert.ok(holding[0]!.ownsSlot, 'the node holding them owns the slot');
    assert.ok(holding[0]!.keys > 10, `queues, dedupe, politeness and events keys are there (${holding[0]!.keys})`);
  } finally {
    await fetcher.close();
    await processor.close();
    await server.close();
    await search.indices.delete({ index: `${config.INDEX_ALIAS}-v*` }).catch(() => undefined);
    await search.indices.deleteIndexTemplate({ name: `${config.INDEX_ALIAS}-template` }).catch(() => undefined);
    await search.close();
    await producers.close();
    redis.disconnect();
  }
});
