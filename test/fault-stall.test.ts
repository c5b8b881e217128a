/**
 * CPU-heavy extraction at high concurrency must not delay BullMQ's lock renewals into false
 * "stalled" re-runs: analysis runs in worker threads, the main thread only moves jobs.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { QueueEvents } from 'bullmq';
import { pino } from 'pino';
import { createRedis } from '@khabar/core';
import { Producers, QUEUE } from '@khabar/queues';
import { createSearchClient } from '@khabar/search';
import { startProcessor } from '@khabar/processor';
import { datasetRawPage, loadDatasetPages } from './support/dataset-pages.js';
import { eventually, testConfig } from './support/env.js';
import { pageCounts, pipelineTestContext } from './support/pipeline.js';

const PAGES = 300;
// Locks renewed every second; one blocked second on the main thread would show up as a stall.
const { config, redis, search, cleanup } = pipelineTestContext({ ANALYSIS_THREADS: '2', PROCESSOR_CONCURRENCY: '32', WORKER_LOCK_MS: '2000' });
after(cleanup);

test('300 full-size pages at concurrency 32 finish without a single stalled job', async () => {
  const producers = new Producers(config, redis);
  const dataset = loadDatasetPages();
  for (let i = 0; i < PAGES; i++) await producers.enqueuePage(datasetRawPage(i, dataset));
  const eventsConnection = createRedis(config, 'worker');
  const events = new QueueEvents(QUEUE.pages, { connection: eventsConnection, prefix: config.KHABAR_PREFIX });
  await events.waitUntilReady();
  const stalled: string[] = [];
  events.on('stalled', ({ jobId }) => stalled.push(jobId));
  let maxLag = 0;
  let last = performance.now();
  const lagProbe = setInterval(() => {
    const now = performance.now();
    maxLag = Math.max(maxLag, now - last - 50);
    last = now;
  }, 50);
  const processor = await startProcessor(config, pino({ level: 'silent' }));
  try {
    const counts = await eventually(
      'every page finished',
      async () => {
        const c = await pageCounts(redis, config);
        return c.completed! + c.failed! === PAGES ? c : undefined;
      },
      240_000,
    );
    assert.equal(counts.failed, 0);
    assert.deepEqual(stalled, [], `stalled jobs: ${stalled.join(', ')} (main-thread lag peaked at ${maxLag.toFixed(0)} ms)`);
    assert.ok(maxLag < 1_000, `the main thread stayed responsive (peak lag ${maxLag.toFixed(0)} ms)`);
  } finally {
    clearInterval(lagProbe);
    await processor.close();
    await events.close();
    eventsConnection.disconnect();
    await producers.close();
  }
});
