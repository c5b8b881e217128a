/**
 * A processing worker killed with SIGKILL in the middle of its bulk batches: stalled-job recovery
 * hands its jobs to another worker, and idempotent document ids make every page indexed exactly once.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRedis } from '@khabar/core';
import { Producers } from '@khabar/queues';
import { createSearchClient, ensureIndex } from '@khabar/search';
import { datasetRawPage, loadDatasetPages } from './support/dataset-pages.js';
import { eventually, testConfig } from './support/env.js';
import { pageCounts, pageResults, pipelineTestContext, serviceEnv, spawnService } from './support/pipeline.js';

const PAGES = 100;
const { config, redis, search, cleanup } = pipelineTestContext({ WORKER_LOCK_MS: '3000', BULK_FLUSH_MS: '300', PROCESSOR_CONCURRENCY: '8', ANALYSIS_THREADS: '1' });
after(cleanup);

test('a processor killed mid-batch loses no page and indexes none twice', async () => {
  await ensureIndex(search, config.INDEX_ALIAS);
  const producers = new Producers(config, redis);
  const dataset = loadDatasetPages();
  for (let i = 0; i < PAGES; i++) await producers.enqueuePage(datasetRawPage(i, dataset));
  await producers.close();

  const first = spawnService('processor', serviceEnv(config));
  await eventually('some pages processed by the first worker', async () => ((await pageCounts(redis, config)).completed! >= 15 ? true : undefined), 120_000);
  const atKill = await pageCounts(redis, config);
  first.kill('SIGKILL');
  await first.exited;
  assert.ok(atKill.completed! < PAGES, 'the worker was killed while pages were still in flight');

  const second = spawnService('processor', serviceEnv(config));
  try {
    const counts = await eventually(
      'every page finished after the restart',
      async () => {
        const c = await pageCounts(redis, config);
        return c.completed! + c.failed! === PAGES ? c : undefined;
      },
      180_000,
    );
    assert.equal(counts.failed, 0, 'no page failed because its worker died');
  } finally {
    second.kill('SIGTERM');
    await second.exited;
  }

  const results = await pageResults(redis, config);
  const indexed = results.filter((r) => r.result?.outcome === 'indexed').map((r) => r.result!.docId!);
  assert.equal(new Set(indexed).size, indexed.length, 'no document id was indexed by two pages');
  await search.indices.refresh({ index: config.INDEX_ALIAS });
  const { body } = await search.count({ index: config.INDEX_ALIAS });
  assert.equal(body.count, indexed.length, 'OpenSearch holds each indexed page exactly once');
  const others = results.filter((r) => r.result?.outcome !== 'indexed');
  for (const r of others) assert.ok(['duplicate', 'not-an-article'].includes(r.result!.outcome), `${r.url}: ${JSON.stringify(r.result)}`);
});
