/**
 * OpenSearch stopped for 30 s while pages flow: jobs wait and retry, nothing lands in the failed
 * set for that reason alone, and everything is indexed once OpenSearch is back.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { createRedis } from '@khabar/core';
import { Producers } from '@khabar/queues';
import { createSearchClient } from '@khabar/search';
import { startProcessor } from '@khabar/processor';
import { removeData, startOpenSearch, type LocalService } from '../scripts/lib/local-services.js';
import { datasetRawPage, loadDatasetPages } from './support/dataset-pages.js';
import { eventually, testConfig } from './support/env.js';
import { dropKeys, pageCounts, pageResults } from './support/pipeline.js';

let opensearch: LocalService;
before(async () => {
  opensearch = await startOpenSearch({ heap: '512m' });
});
after(async () => {
  await opensearch?.stop();
  if (opensearch) removeData(opensearch);
});

test('pages wait through a 30 s OpenSearch outage and are all indexed when it returns', async () => {
  const config = testConfig({ OPENSEARCH_URL: opensearch.url, PROCESSOR_CONCURRENCY: '4', ANALYSIS_THREADS: '1', JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '500' });
  const redis = createRedis(config, 'producer');
  const producers = new Producers(config, redis);
  const processor = await startProcessor(config, pino({ level: 'silent' }));
  const dataset = loadDatasetPages();
  try {
    for (let i = 0; i < 20; i++) await producers.enqueuePage(datasetRawPage(i, dataset));
    await eventually('the first pages indexed', async () => ((await pageCounts(redis, config)).completed! >= 5 ? true : undefined), 60_000);

    await opensearch.stop();
    for (let i = 20; i < 50; i++) await producers.enqueuePage(datasetRawPage(i, dataset));
    await new Promise((r) => setTimeout(r, 30_000));
    const during = await pageCounts(redis, config);
    assert.equal(during.failed, 0, 'no page failed because OpenSearch was down');
    assert.ok(during.completed! < 50, 'pages waited during the outage');

    await opensearch.restart();
    const counts = await eventually(
      'every page finished after OpenSearch returned',
      async () => {
        const c = await pageCounts(redis, config);
        return c.completed! + c.failed! === 50 ? c : undefined;
      },
      120_000,
    );
    assert.equal(counts.failed, 0);
    const results = await pageResults(redis, config);
    const indexed = results.filter((r) => r.result?.outcome === 'indexed').length;
    const search = createSearchClient(config);
    await search.indices.refresh({ index: config.INDEX_ALIAS });
    assert.equal((await search.count({ index: config.INDEX_ALIAS })).body.count, indexed);
    await search.close();
  } finally {
    await processor.close();
    await producers.close();
    await dropKeys(redis, config.KHABAR_PREFIX);
    redis.disconnect();
  }
});
