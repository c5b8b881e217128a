import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApi, failJob, type TestApi } from '@khabar/api/testing';

const WRITE_KEY = 'w-secret-key-1';
const READ_KEY = 'r-secret-key-1';
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('enqueueing URLs over HTTP', () => {
  let api: TestApi;
  before(async () => {
    api = await createTestApi();
  });
  after(() => api.close());

  test('a batch of URLs is accepted with one result per URL in input order', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/v1/urls',
      payload: { urls: ['https://Example.com/a?utm_source=x#top', 'not a url', 'https://example.com/b'] },
    });
    assert.equal(res.statusCode, 202);
    const body = res.json();
    assert.deepEqual(
      body.results.map((r: { status: string }) => r.status),
      ['queued', 'invalid', 'queued'],
    );
    assert.equal(body.results[0].canonicalUrl, 'https://example.com/a');
    assert.match(body.results[1].error, /./);
    assert.deepEqual([body.queued, body.alreadyQueued, body.invalid], [2, 0, 1]);
    assert.equal(await api.deps.queues.fetch.count(), 2);
  });

  test('the same URL enqueued again is reported as already queued and not added twice', async () => {
    const res = await api.app.inject({ method: 'POST', url: '/v1/urls', payload: { urls: ['https://example.com/a#again'] } });
    assert.equal(res.statusCode, 202);
    assert.equal(res.json().results[0].status, 'already-queued');
    assert.equal(await api.deps.queues.fetch.count(), 2);
  });

  test('a batch with no valid URL is refused with 400 and the reason for each', async () => {
    const res = await api.app.inject({ method: 'POST', url: '/v1/urls', payload: { urls: ['ftp://example.com/x', 'nope'] } });
    assert.equal(res.statusCode, 400);
    const body = res.json();
    assert.equal(body.invalid, 2);
    assert.equal(body.results.length, 2);
  });

  test('a body that breaks the schema gets a 400 naming the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{}, /urls/],
      [{ urls: [] }, /urls/],
      [{ urls: ['https://example.com'], extra: 1 }, /additional/i],
      [{ urls: [{}] }, /urls\/0/],
      [{ urls: 'https://example.com' }, /urls must be array/],
      [{ urls: [42] }, /urls\/0 must be string/],
    ];
    for (const [payload, message] of cases) {
      const res = await api.app.inject({ method: 'POST', url: '/v1/urls', payload: payload as object });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.match(res.json().message, message, JSON.stringify(payload));
    }
  });

  test('a body that is not JSON gets a 400, not a 500', async () => {
    const res = await api.app.inject({ method: 'POST', url: '/v1/urls', headers: { 'content-type': 'application/json' }, payload: '{"urls": [' });
    assert.equal(res.statusCode, 400);
  });

  test('job status reports the state and data of an enqueued URL', async () => {
    const enqueued = await api.app.inject({ method: 'POST', url: '/v1/urls', payload: { urls: ['https://example.com/status'] } });
    const { jobId } = enqueued.json().results[0];
    const res = await api.app.inject({ method: 'GET', url: `/v1/jobs/fetch/${jobId}` });
    assert.equal(res.statusCode, 200);
    const job = res.json();
    assert.equal(job.id, jobId);
    assert.equal(job.state, 'waiting');
    assert.equal(job.data.url, 'https://example.com/status');
    const missing = await api.app.inject({ method: 'GET', url: '/v1/jobs/fetch/u0000' });
    assert.equal(missing.statusCode, 404);
    const badQueue = await api.app.inject({ method: 'GET', url: '/v1/jobs/nope/u0000' });
    assert.equal(badQueue.statusCode, 400);
  });

  test('stats count the jobs in every queue by state', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/v1/stats' });
    assert.equal(res.statusCode, 200);
    const { queues } = res.json();
    assert.deepEqual(Object.keys(queues).sort(), ['fetch', 'pages', 'sources']);
    assert.equal(queues.fetch.waiting, 3);
    assert.equal(queues.pages.waiting, 0);
  });

  test('raw pages pushed over HTTP land on the pages queue once', async () => {
    const page = { url: 'https://example.com/p?utm_medium=x', html: '<html><title>t</title><body><p>Body</p></body></html>' };
    const first = await api.app.inject({ method: 'POST', url: '/v1/pages', payload: { pages: [page, { url: 'mailto:x', html: 'x' }] } });
    assert.equal(first.statusCode, 202);
    assert.deepEqual(first.json().results.map((r: { status: string }) => r.status), ['queued', 'invalid']);
    const again = await api.app.inject({ method: 'POST', url: '/v1/pages', payload: { pages: [page] } });
    assert.equal(again.json().results[0].status, 'already-queued');
    const stored = await api.deps.queues.pages.getJob(first.json().results[0].jobId);
    assert.equal(stored?.data.url, 'https://example.com/p');
    assert.equal(stored?.data.origin, 'api');
    const status = await api.app.inject({ method: 'GET', url: `/v1/jobs/pages/${first.json().results[0].jobId}` });
    assert.equal(status.statusCode, 200);
    assert.equal(status.json().data.url, 'https://example.com/p');
    assert.deepEqual(Object.keys(status.json().data).filter((key) => key.startsWith('html')), [], 'the page body stays out of job status');
  });

  test('an open API warns at start that anyone can write', () => {
    assert.ok(api.logs.some((line) => line.level === 40 && /open to anyone/.test(String(line.msg))));
  });
});

describe('job status of a failed job', () => {
  test('a failed job shows its state and failure reason', async () => {
    const api = await createTestApi();
    try {
      const id = await failJob(api, 'fetch', { url: 'https://example.com/f', enqueuedAt: new Date().toISOString() }, 'http-error: 404 Not Found');
      const res = await api.app.inject({ method: 'GET', url: `/v1/jobs/fetch/${id}` });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().state, 'failed');
      assert.equal(res.json().failedReason, 'http-error: 404 Not Found');
      assert.equal(res.json().attemptsMade, 1);
      const stats = await api.app.inject({ method: 'GET', url: '/v1/stats' });
      assert.equal(stats.json().queues.fetch.failed, 1);
    } finally {
      await api.close();
    }
  });
});

describe('request size limits', () => {
  let api: TestApi;
  before(async () => {
    api = await createTestApi({ API_BODY_LIMIT_BYTES: '2048' });
  });
  after(() => api.close());

  test('a body over API_BODY_LIMIT_BYTES is refused with 413', async () => {
    const urls = Array.from({ length: 100 }, (_, i) => `https://example.com/${i}/${'x'.repeat(20)}`);
    const res = await api.app.inject({ method: 'POST', url: '/v1/urls', payload: { urls } });
    assert.equal(res.statusCode, 413);
    assert.equal(await api.deps.queues.fetch.count(), 0);
  });
});

describe('API keys', () => {
  let api: TestApi;
  before(async () => {
    api = await createTestApi({ API_KEYS: `other-key, ${WRITE_KEY}`, API_READ_KEYS: READ_KEY });
  });
  after(() => api.close());

  const enqueue = (headers: Record<string, string>) =>
    api.app.inject({ method: 'POST', url: '/v1/urls', headers, payload: { urls: ['https://example.com/auth'] } });

  test('a write without a key is refused with 401 and a Bearer challenge', async () => {
    const res = await enqueue({});
    assert.equal(res.statusCode, 401);
    assert.match(String(res.headers['www-authenticate']), /^Bearer/);
    assert.equal(await api.deps.queues.fetch.count(), 0);
  });

  test('a wrong key is refused with 401', async () => {
    assert.equal((await enqueue(bearer('guess'))).statusCode, 401);
  });

  test('a read-only key cannot write (403) but can read', async () => {
    assert.equal((await enqueue(bearer(READ_KEY))).statusCode, 403);
    assert.equal((await api.app.inject({ method: 'GET', url: '/v1/stats', headers: bearer(READ_KEY) })).statusCode, 200);
  });

  test('a write key can write and read', async () => {
    assert.equal((await enqueue(bearer(WRITE_KEY))).statusCode, 202);
    assert.equal((await api.app.inject({ method: 'GET', url: '/v1/stats', headers: bearer(WRITE_KEY) })).statusCode, 200);
  });

  test('reads need a key too once keys are configured', async () => {
    assert.equal((await api.app.inject({ method: 'GET', url: '/v1/stats' })).statusCode, 401);
    assert.equal((await api.app.inject({ method: 'GET', url: '/v1/search?q=x' })).statusCode, 401);
  });

  test('health, readiness, metrics and the OpenAPI document stay open', async () => {
    for (const url of ['/healthz', '/readyz', '/metrics', '/docs/json']) {
      const res = await api.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
    }
  });

  test('the key also works as the password of HTTP Basic auth', async () => {
    const basic = `Basic ${Buffer.from(`anyone:${WRITE_KEY}`).toString('base64')}`;
    assert.equal((await api.app.inject({ method: 'GET', url: '/v1/stats', headers: { authorization: basic } })).statusCode, 200);
  });

  test('the queue board asks a browser for Basic credentials', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/admin/queues' });
    assert.equal(res.statusCode, 401);
    assert.match(String(res.headers['www-authenticate']), /^Basic/);
  });

  test('the API does not warn about being open when keys are set', () => {
    assert.ok(!api.logs.some((line) => /open to anyone/.test(String(line.msg))));
  });
});

describe('only read keys configured', () => {
  test('nobody can write, and the API says so at start', async () => {
    const api = await createTestApi({ API_READ_KEYS: READ_KEY });
    try {
      const write = await api.app.inject({ method: 'POST', url: '/v1/urls', headers: bearer(READ_KEY), payload: { urls: ['https://example.com/x'] } });
      assert.equal(write.statusCode, 403);
      assert.equal((await api.app.inject({ method: 'POST', url: '/v1/urls', payload: { urls: ['https://example.com/x'] } })).statusCode, 401);
      assert.equal((await api.app.inject({ method: 'GET', url: '/v1/stats', headers: bearer(READ_KEY) })).statusCode, 200);
      assert.ok(api.logs.some((line) => line.level === 40 && /no one can write/.test(String(line.msg))));
    } finally {
      await api.close();
    }
  });
});

describe('health and readiness', () => {
  test('readyz answers 200 when Redis and OpenSearch answer', async () => {
    const api = await createTestApi();
    try {
      const res = await api.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { status: 'ready', redis: { ok: true }, opensearch: { ok: true } });
      assert.deepEqual((await api.app.inject({ method: 'GET', url: '/healthz' })).json(), { status: 'ok' });
    } finally {
      await api.close();
    }
  });

  test('readyz answers 503 and names OpenSearch when it is unreachable', async () => {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    const api = await createTestApi({ OPENSEARCH_URL: 'http://127.0.0.1:9' });
    try {
      const res = await api.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(res.statusCode, 503);
      const body = res.json();
      assert.equal(body.redis.ok, true);
      assert.equal(body.opensearch.ok, false);
      assert.match(body.opensearch.error, /./);
    } finally {
      await api.close();
    }
  });
});
