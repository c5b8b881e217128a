/**
 * Redis restarted (AOF on): waiting jobs, job schedulers and the dedupe index survive, and a
 * running worker reconnects by itself and carries on.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { createRedis, stableId } from '@khabar/core';
import { DedupeIndex } from '@khabar/dedupe';
import { Producers, QUEUE } from '@khabar/queues';
import { createSearchClient } from '@khabar/search';
import { startProcessor } from '@khabar/processor';
import { removeData, startRedis, type LocalService } from '../scripts/lib/local-services.js';
import { datasetRawPage, loadDatasetPages } from './support/dataset-pages.js';
import { eventually, testConfig } from './support/env.js';
import { pageCounts } from './support/pipeline.js';

let redisServer: LocalService;
before(async () => {
  redisServer = await startRedis({ appendonly: true });
});
after(async () => {
  await redisServer?.stop();
  if (redisServer) removeData(redisServer);
});

test('queues, schedules and the dedupe index survive a Redis restart, and workers reconnect', async () => {
  const config = testConfig({ REDIS_URL: redisServer.url, ANALYSIS_THREADS: '1', PROCESSOR_CONCURRENCY: '4' });
  const redis = createRedis(config, 'worker');
  const producers = new Producers(config, redis);
  const sources = new Queue(QUEUE.sources, { connection: redis, prefix: config.KHABAR_PREFIX });
  const dataset = loadDatasetPages();
  const search = createSearchClient(config);
  try {
    // State written before the restart: waiting pages, a schedule, a dedupe claim.
    for (let i = 0; i < 10; i++) await producers.enqueuePage(datasetRawPage(i, dataset));
    await sources.upsertJobScheduler('source-test', { every: 15 * 60_000 }, { name: 'poll', data: { sourceId: 'source-test' } });
    const dedupe = new DedupeIndex(redis, { prefix: config.KHABAR_PREFIX });
    const story = 'رفض الرئيس الروسي فلاديمير بوتين وقف إطلاق النار الشامل في أوكرانيا خلال مكالمة هاتفية أجراها مع الرئيس الأمريكي دونالد ترامب الثلاثاء. '.repeat(5);
    const claim = (url: string, docId: string) =>
      dedupe.claim({ docId: stableId(docId), url, canonicalUrl: url, title: 'مكالمة', text: story, seenAt: new Date().toISOString() });
    assert.equal((await claim('https://a.ma/1', 'doc-a')).kind, 'original');
    await new Promise((r) => setTimeout(r, 1_500)); // appendfsync everysec

    await redisServer.restart();

    assert.equal((await pageCounts(redis, config)).waiting, 10, 'waiting pages survived');
    const schedulers = await sources.getJobSchedulers();
    assert.deepEqual(schedulers.map((s) => s.key), ['source-test'], 'the schedule survived');
    const copy = await claim('https://b.ma/copy', 'doc-b');
    assert.equal(copy.kind, 'duplicate', 'the dedupe index survived');

    // A worker started now, then another restart under it: it reconnects and finishes the work.
    const processor = await startProcessor(config, pino({ level: 'silent' }));
    try {
      await eventually('some pages processed', async () => ((await pageCounts(redis, config)).completed! >= 3 ? true : undefined), 60_000);
      await redisServer.restart();
      for (let i = 10; i < 15; i++) await producers.enqueuePage(datasetRawPage(i, dataset));
      const counts = await eventually(
        'all pages processed after the second restart',
        async () => {
          const c = await pageCounts(redis, config);
          return c.completed! + c.failed! === 15 ? c : undefined;
        },
        90_000,
      );
      assert.equal(counts.failed, 0);
    } finally {
      await processor.close();
    }
  } finally {
    await search.indices.delete({ index: `${config.INDEX_ALIAS}-v*` }).catch(() => undefined);
    await search.indices.deleteIndexTemplate({ name: `${config.INDEX_ALIAS}-template` }).catch(() => undefined);
    await search.close();
    await sources.close();
    await producers.close();
    redis.disconnect();
  }
});
