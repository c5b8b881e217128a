/**
 * SIGTERM under load: each service finishes (or hands back) its in-flight jobs and exits within
 * its grace period; nothing is left active or failed, and a new worker finishes the rest.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { createRedis } from '@khabar/core';
import { Producers, QUEUE } from '@khabar/queues';
import { createSearchClient } from '@khabar/search';
import { freePort } from '../scripts/lib/free-port.js';
import { datasetRawPage, loadDatasetPages } from './support/dataset-pages.js';
import { eventually, testConfig } from './support/env.js';
import { pageCounts, pipelineTestContext, serviceEnv, spawnService } from './support/pipeline.js';

const { config, redis, search, cleanup } = pipelineTestContext({ ANALYSIS_THREADS: '1', PROCESSOR_CONCURRENCY: '8', SHUTDOWN_GRACE_MS: '20000', FETCH_HOST_DELAY_MS: '0', FETCH_HOST_CONCURRENCY: '16' });
after(cleanup);

async function stopWithin(child: ReturnType<typeof spawnService>, graceMs: number): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  child.kill('SIGTERM');
  const code = await Promise.race([child.exited, new Promise<'late'>((r) => setTimeout(() => r('late'), graceMs + 5_000))]);
  assert.notEqual(code, 'late', 'the service did not exit within its grace period');
  return { code: code as number | null, ms: Date.now() - started };
}

test('the processor finishes its in-flight pages on SIGTERM and exits cleanly', async () => {
  const producers = new Producers(config, redis);
  const dataset = loadDatasetPages();
  for (let i = 0; i < 60; i++) await producers.enqueuePage(datasetRawPage(i, dataset));
  await producers.close();
  const worker = spawnService('processor', serviceEnv(config));
  await eventually('the worker is busy', async () => ((await pageCounts(redis, config)).completed! >= 5 ? true : undefined), 120_000);
  const { code } = await stopWithin(worker, 20_000);
  assert.equal(code, 0);
  const after = await pageCounts(redis, config);
  assert.equal(after.active, 0, 'no job left active (locked) by the stopped worker');
  assert.equal(after.failed, 0);

  const next = spawnService('processor', serviceEnv(config));
  try {
    await eventually('the rest finished by a new worker', async () => ((await pageCounts(redis, config)).completed === 60 ? true : undefined), 120_000);
  } finally {
    await stopWithin(next, 20_000);
  }
});

test('the fetcher hands back or finishes its in-flight fetches on SIGTERM', async () => {
  const server = createServer((req, res) => {
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><h1>${req.url}</h1><p>slow page</p></body></html>`), 800);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const producers = new Producers(config, redis);
  await producers.enqueueUrls(Array.from({ length: 40 }, (_, i) => `${base}/slow/${i}`));
  const fetchQueue = new Queue(QUEUE.fetch, { connection: redis, prefix: config.KHABAR_PREFIX });
  const fetcher = spawnService('fetcher', serviceEnv(config, { METRICS_PORT: String(await freePort()) }));
  try {
    await eventually('fetches in flight', async () => ((await fetchQueue.getJobCounts('completed')).completed! >= 2 ? true : undefined), 60_000);
    const { code } = await stopWithin(fetcher, 30_000);
    assert.equal(code, 0);
    const counts = await fetchQueue.getJobCounts('active', 'failed', 'completed', 'waiting', 'delayed');
    assert.equal(counts.active, 0, 'no fetch left locked by the stopped fetcher');
    assert.equal(counts.failed, 0);
    assert.equal(counts.completed! + counts.waiting! + counts.delayed!, 40, 'every URL is either fetched or still queued');
  } finally {
    fetcher.kill('SIGKILL');
    await fetchQueue.close();
    await producers.close();
    server.close();
  }
});

test('the API stops accepting requests and exits on SIGTERM', async () => {
  const port = await freePort();
  const api = spawnService('api', serviceEnv(config, { API_PORT: String(port) }));
  await eventually('the API answers', async () => ((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok ? true : undefined), 30_000);
  const { code, ms } = await stopWithin(api, 10_000);
  assert.equal(code, 0);
  assert.ok(ms < 10_000);
});
