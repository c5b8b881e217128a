import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@khabar/core';
import {
  boundedLabel,
  bulkItemErrors,
  createMetricsServer,
  failureOutcome,
  fetchResponses,
  jobOutcomes,
  observeQueueCounts,
  renderMetrics,
  startMetricsServer,
  statusClass,
  timeStage,
} from '../src/index.js';

const silent = createLogger({ LOG_LEVEL: 'silent', LOG_PRETTY: false }, 'telemetry-test');

test('status codes map to a small fixed set of classes', () => {
  assert.equal(statusClass(200), '2xx');
  assert.equal(statusClass(304), '3xx');
  assert.equal(statusClass(404), '4xx');
  assert.equal(statusClass(503), '5xx');
  assert.equal(statusClass(undefined), 'error');
  assert.equal(statusClass(42), 'error');
});

test('failure reasons become bounded label values', () => {
  assert.equal(failureOutcome('http-error'), 'failed:http-error');
  assert.equal(failureOutcome('Connection Reset by peer!'), 'failed:connection-reset-by-peer-');
  assert.equal(failureOutcome(undefined), 'failed:unknown');
  assert.ok(failureOutcome('x'.repeat(500)).length <= 'failed:'.length + 40);
});

test('a bounded label keeps its first values and reports the rest as other', () => {
  const host = boundedLabel(2);
  assert.deepEqual(['a.ma', 'b.ma', 'a.ma', 'c.ma', 'd.ma', 'b.ma'].map(host), ['a.ma', 'b.ma', 'a.ma', 'other', 'other', 'b.ma']);
  assert.equal(boundedLabel(0)('a.ma'), 'other');
  const many = boundedLabel(100);
  const values = new Set(Array.from({ length: 10_000 }, (_, i) => many(`host-${i}.example`)));
  assert.equal(values.size, 101, 'at most the limit plus "other"');
});

test('recorded metrics appear in the exposition with their labels', async () => {
  jobOutcomes.inc({ queue: 'pages', outcome: 'indexed' });
  fetchResponses.inc({ host: 'www.maghress.com', status_class: '2xx' });
  bulkItemErrors.inc({ error_type: 'mapper_parsing_exception', retried: 'false' });
  await timeStage('extract', () => 'done');
  await assert.rejects(timeStage('index', () => Promise.reject(new Error('down'))));
  const text = await renderMetrics();
  assert.match(text, /khabar_job_outcomes_total\{queue="pages",outcome="indexed"\} \d+/);
  assert.match(text, /khabar_fetch_responses_total\{host="www.maghress.com",status_class="2xx"\} \d+/);
  assert.match(text, /khabar_opensearch_bulk_item_errors_total\{error_type="mapper_parsing_exception",retried="false"\} \d+/);
  assert.match(text, /khabar_stage_duration_seconds_count\{stage="extract"\} [1-9]/);
  assert.match(text, /khabar_stage_duration_seconds_count\{stage="index"\} [1-9]/, 'a failed stage is timed too');
  assert.match(text, /khabar_process_cpu_seconds_total/, 'process metrics are collected');
});

test('queue counts are read at scrape time from the source the API registers', async () => {
  observeQueueCounts(async () => ({ fetch: { waiting: 7, failed: 2 } }));
  try {
    const text = await renderMetrics();
    assert.match(text, /khabar_queue_jobs\{queue="fetch",state="waiting"\} 7/);
    assert.match(text, /khabar_queue_jobs\{queue="fetch",state="failed"\} 2/);
    assert.match(text, /khabar_queue_jobs\{queue="fetch",state="active"\} 0/);
  } finally {
    observeQueueCounts(undefined);
  }
});

test('a worker metrics server answers /metrics and 404 elsewhere', async () => {
  const server = createMetricsServer(silent);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  try {
    const { port } = server.address() as AddressInfo;
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(metrics.headers.get('content-type') ?? '', /text\/plain/);
    assert.match(await metrics.text(), /khabar_stage_duration_seconds/);
    assert.equal((await fetch(`http://127.0.0.1:${port}/other`)).status, 404);
    assert.equal((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status, 405);
  } finally {
    server.close();
  }
});

test('METRICS_PORT 0 opens no port', async () => {
  const off = await startMetricsServer(0, silent);
  assert.equal(off.port, 0);
  await off.close();
});
