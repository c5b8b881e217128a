/**
 * Poison input: pages that make extraction slow or strange fail alone, with a clear reason and
 * within a time limit, and the worker keeps processing the pages behind them.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { createRedis, type RawPage } from '@khabar/core';
import { Producers } from '@khabar/queues';
import { createSearchClient } from '@khabar/search';
import { startProcessor } from '@khabar/processor';
import { datasetRawPage, loadDatasetPages } from './support/dataset-pages.js';
import { eventually, testConfig } from './support/env.js';
import { pageCounts, pageResults, pipelineTestContext } from './support/pipeline.js';

const { config, redis, search, cleanup } = pipelineTestContext({ ANALYSIS_THREADS: '1', ANALYSIS_TIMEOUT_MS: '3000', PROCESSOR_CONCURRENCY: '4' });
after(cleanup);

function page(path: string, html: string): RawPage {
  const url = `https://poison.example/${path}`;
  return { url, finalUrl: url, status: 200, headers: { 'content-type': 'text/html' }, html, fetchedAt: new Date().toISOString(), origin: 'import' };
}

const POISON: RawPage[] = [
  page('deep', `<html><body>${'<div>'.repeat(200_000)}deep text${'</div>'.repeat(10)}</body></html>`),
  page('huge', `<html><body><article><p>${'كلمة word '.repeat(2_000_000)}</p></article></body></html>`),
  page('binary', randomBytes(2_000_000).toString('latin1')),
  page('broken-encoding', Buffer.concat([Buffer.from('<html><body><p>'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]).fill(0xd3, 2, 6), Buffer.from('</p></body></html>')]).toString('utf8')),
  page('unclosed', '<html><head><title>x</title><body><table><tr><td><p>'.repeat(20_000)),
];

test('poison pages fail or finish alone and the pages behind them are processed', async () => {
  const producers = new Producers(config, redis);
  const processor = await startProcessor(config, pino({ level: 'silent' }));
  const dataset = loadDatasetPages();
  try {
    for (const p of POISON) await producers.enqueuePage(p);
    for (let i = 0; i < 10; i++) await producers.enqueuePage(datasetRawPage(i, dataset));
    const total = POISON.length + 10;
    await eventually(
      'every page finished',
      async () => {
        const c = await pageCounts(redis, config);
        return c.completed! + c.failed! === total ? c : undefined;
      },
      180_000,
    );
    const results = await pageResults(redis, config);
    for (const r of results.filter((x) => x.url.startsWith('https://poison.example/'))) {
      if (r.failedReason) assert.match(r.failedReason, /extraction (did not finish within 3000 ms|failed)/, `${r.url}: ${r.failedReason}`);
      else assert.ok(r.result, `${r.url} has a recorded outcome`);
    }
    const good = results.filter((x) => !x.url.startsWith('https://poison.example/'));
    assert.equal(good.length, 10);
    for (const r of good) assert.ok(r.result && !r.failedReason, `${r.url} was processed despite the poison before it`);
  } finally {
    await processor.close();
    await producers.close();
  }
});
