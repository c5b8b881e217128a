import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, createRedis } from '@khabar/core';
import { startApi } from '@khabar/api';
import { testConfig } from './support/env.js';

test('a started API serves queue depth, request counts and an OpenAPI document of every route', async () => {
  const config = testConfig({ API_PORT: '0', API_KEYS: 'metrics-key' });
  const api = await startApi(config, createLogger({ LOG_LEVEL: 'silent', LOG_PRETTY: false }, 'api-test'));
  const auth = { authorization: 'Bearer metrics-key', 'content-type': 'application/json' };
  try {
    const enqueued = await fetch(`${api.url}/v1/urls`, { method: 'POST', headers: auth, body: JSON.stringify({ urls: ['https://example.com/1', 'https://example.com/2'] }) });
    assert.equal(enqueued.status, 202);

    const metrics = await fetch(`${api.url}/metrics`);
    assert.equal(metrics.status, 200);
    const text = await metrics.text();
    assert.match(text, /khabar_queue_jobs\{queue="fetch",state="waiting"\} 2/);
    assert.match(text, /khabar_queue_jobs\{queue="pages",state="failed"\} 0/);
    assert.match(text, /khabar_http_requests_total\{method="POST",route="\/v1\/urls",status="202"\} [1-9]/);
    assert.match(text, /khabar_stage_duration_seconds/, 'worker metric definitions are exposed too');

    const openapi = (await (await fetch(`${api.url}/docs/json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    assert.match(openapi.openapi, /^3\./);
    const routes = Object.entries(openapi.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    for (const route of [
      'POST /v1/urls',
      'POST /v1/pages',
      'GET /v1/jobs/{queue}/{id}',
      'GET /v1/stats',
      'GET /v1/search',
      'GET /v1/sources',
      'POST /v1/sources',
      'DELETE /v1/sources/{id}',
      'GET /healthz',
      'GET /readyz',
    ]) {
      assert.ok(routes.includes(route), `${route} is documented`);
    }
    assert.ok(!routes.some((r) => r.includes('/admin/queues')), 'the board internals stay out of the API document');
    const ui = await fetch(`${api.url}/docs`, { redirect: 'follow' });
    assert.equal(ui.status, 200);
    assert.match(await ui.text(), /swagger/i);
  } finally {
    await api.close();
    const redis = createRedis(config, 'producer');
    const keys = await redis.keys(`${config.KHABAR_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
});
