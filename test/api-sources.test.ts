import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApi, type TestApi } from '@khabar/api/testing';

const WRITE = { authorization: 'Bearer sources-write' };
const READ = { authorization: 'Bearer sources-read' };

describe('managing feed and sitemap sources over HTTP', () => {
  let api: TestApi;
  let id: string;
  before(async () => {
    api = await createTestApi({ API_KEYS: 'sources-write', API_READ_KEYS: 'sources-read' });
  });
  after(() => api.close());

  test('adding a source answers 201 with its record and schedules its polls', async () => {
    const res = await api.app.inject({ method: 'POST', url: '/v1/sources', headers: WRITE, payload: { url: 'https://www.maghress.com/rss?utm_source=x', every: '15m' } });
    assert.equal(res.statusCode, 201, res.body);
    const source = res.json();
    assert.equal(source.url, 'https://www.maghress.com/rss');
    assert.equal(source.everyMs, 15 * 60_000);
    assert.equal(source.created, true);
    id = source.id;
    const schedulers = await api.deps.queues.sources.getJobSchedulers(0, -1);
    assert.ok(schedulers.some((s) => s.key === id));
  });

  test('adding it again changes the interval and answers 200', async () => {
    const res = await api.app.inject({ method: 'POST', url: '/v1/sources', headers: WRITE, payload: { url: 'https://www.maghress.com/rss', every: '1h' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().created, false);
    assert.equal(res.json().everyMs, 3_600_000);
  });

  test('a bad URL or interval is a 400 with the reason', async () => {
    for (const payload of [{ url: 'not a url' }, { url: 'https://example.com/feed', every: 'often' }, { url: 'https://example.com/feed', kind: 'rss' }]) {
      const res = await api.app.inject({ method: 'POST', url: '/v1/sources', headers: WRITE, payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.match(res.json().message, /./);
    }
  });

  test('read keys can list and look at sources but not change them', async () => {
    const list = await api.app.inject({ method: 'GET', url: '/v1/sources', headers: READ });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().sources.map((s: { id: string }) => s.id), [id]);
    const one = await api.app.inject({ method: 'GET', url: `/v1/sources/${id}`, headers: READ });
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().url, 'https://www.maghress.com/rss');
    assert.equal((await api.app.inject({ method: 'POST', url: `/v1/sources/${id}/poll`, headers: READ })).statusCode, 403);
    assert.equal((await api.app.inject({ method: 'DELETE', url: `/v1/sources/${id}`, headers: READ })).statusCode, 403);
  });

  test('a source can be polled now, outside its schedule', async () => {
    const before = await api.deps.queues.sources.count();
    const res = await api.app.inject({ method: 'POST', url: `/v1/sources/${id}/poll`, headers: WRITE });
    assert.equal(res.statusCode, 202);
    assert.ok((await api.deps.queues.sources.count()) > before);
    assert.equal((await api.app.inject({ method: 'POST', url: '/v1/sources/snope/poll', headers: WRITE })).statusCode, 404);
  });

  test('removing a source stops its polls; removing it twice is a 404', async () => {
    assert.equal((await api.app.inject({ method: 'DELETE', url: `/v1/sources/${id}`, headers: WRITE })).statusCode, 204);
    assert.equal((await api.deps.queues.sources.getJobSchedulers(0, -1)).length, 0);
    assert.equal((await api.app.inject({ method: 'DELETE', url: `/v1/sources/${id}`, headers: WRITE })).statusCode, 404);
    assert.equal((await api.app.inject({ method: 'GET', url: `/v1/sources/${id}`, headers: READ })).statusCode, 404);
  });
});
