import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApi, type TestApi } from '@khabar/api/testing';

const KEY = 'search-write-key';
const auth = { authorization: `Bearer ${KEY}` };

const person = (id: string, name: string) => ({ id, name, type: 'person', count: 1, in_title: false, first_position: 0 });

const ARTICLES = [
  {
    id: 'ar1',
    url: 'https://www.maghress.com/alyaoum24/1',
    site: 'maghress.com',
    language: 'ar',
    title: 'بوتين وترامب يتفقان على وقف الهجمات على منشآت الطاقة',
    body: 'أجرى الرئيسان الروسي والأمريكي مكالمة هاتفية طويلة حول الحرب في أوكرانيا والمفاوضات.',
    published_at: '2025-03-19T10:00:00Z',
    entities: [person('Q7747', 'بوتين'), person('Q22686', 'ترامب')],
    entity_ids: ['Q7747', 'Q22686'],
    copy_count: 2,
  },
  {
    id: 'fr1',
    url: 'https://www.lemonde.fr/international/1',
    site: 'lemonde.fr',
    language: 'fr',
    title: 'Zelensky rencontre les dirigeants européens',
    body: 'Le président ukrainien a rencontré les dirigeants européens pour parler des négociations.',
    published_at: '2025-03-20T08:00:00Z',
    entities: [person('Q3874799', 'Volodymyr Zelensky')],
    entity_ids: ['Q3874799'],
    copy_count: 0,
  },
  {
    id: 'en1',
    url: 'https://www.example.com/news/1',
    site: 'example.com',
    language: 'en',
    title: 'Putin and Zelensky trade accusations over the energy truce',
    body: 'Negotiators met again as both presidents accused each other of breaking the ceasefire.',
    published_at: '2025-03-22T12:00:00Z',
    entities: [person('Q7747', 'Vladimir Putin'), person('Q3874799', 'Volodymyr Zelensky')],
    entity_ids: ['Q7747', 'Q3874799'],
    copy_count: 1,
  },
];

describe('searching articles over HTTP', () => {
  let api: TestApi;
  before(async () => {
    api = await createTestApi({ API_KEYS: KEY });
    await api.ensureIndex();
    const now = new Date().toISOString();
    const operations = ARTICLES.flatMap((article) => {
      const lang = article.language;
      const doc = { ...article, [`title_${lang}`]: article.title, [`body_${lang}`]: article.body, indexed_at: now, fetched_at: now };
      return [{ index: { _index: api.config.INDEX_ALIAS, _id: article.id } }, doc];
    });
    const bulk = await api.opensearch.bulk({ body: operations, refresh: true });
    assert.equal(bulk.body.errors, false, JSON.stringify(bulk.body.items));
  });
  after(() => api.close());

  const search = async (qs: string) => api.app.inject({ method: 'GET', url: `/v1/search?${qs}`, headers: auth });
  const ids = (res: { json(): { hits: Array<{ id: string }> } }) => res.json().hits.map((h) => h.id);

  test('an Arabic query matches an inflected form of the word', async () => {
    // المفاوضات (the negotiations) is in the body; the query uses مفاوضات without the article.
    const res = await search(`q=${encodeURIComponent('مفاوضات')}&language=ar`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(ids(res), ['ar1']);
  });

  test('an entity filter returns only articles mentioning that entity, newest first', async () => {
    const res = await search('entity=Q7747&sort=newest');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(ids(res), ['en1', 'ar1']);
    assert.equal(res.json().total, 2);
    const hit = res.json().hits[1];
    assert.equal(hit.url, 'https://www.maghress.com/alyaoum24/1');
    assert.equal(hit.copyCount, 2);
    assert.deepEqual(hit.entities.map((e: { id: string }) => e.id).sort(), ['Q22686', 'Q7747']);
  });

  test('several entities must all be mentioned', async () => {
    const res = await search('entity=Q7747&entity=Q3874799');
    assert.deepEqual(ids(res), ['en1']);
  });

  test('date range, site and language filters narrow the results', async () => {
    assert.deepEqual(ids(await search('from=2025-03-20&to=2025-03-21&sort=oldest')), ['fr1']);
    assert.deepEqual(ids(await search('site=example.com')), ['en1']);
    assert.deepEqual(ids(await search('language=fr')), ['fr1']);
  });

  test('results are paged', async () => {
    const first = await search('sort=oldest&size=2&page=1');
    const second = await search('sort=oldest&size=2&page=2');
    assert.deepEqual(ids(first), ['ar1', 'fr1']);
    assert.deepEqual(ids(second), ['en1']);
    assert.equal(second.json().total, 3);
    assert.equal(second.json().page, 2);
  });

  test('a raw OpenSearch query cannot be passed through', async () => {
    const raw = encodeURIComponent(JSON.stringify({ match_all: {} }));
    for (const qs of [`query=${raw}`, `q=x&body=${raw}`, `q=x&sort=_script`]) {
      const res = await search(qs);
      assert.equal(res.statusCode, 400, qs);
    }
  });

  test('bad parameters get a 400 that says what is wrong', async () => {
    const cases: Array<[string, RegExp]> = [
      ['entity=Putin', /entity/],
      ['size=1000', /size/],
      ['page=0', /page/],
      ['from=yesterday', /from/],
      ['from=2025-03-22&to=2025-03-01', /from must not be after/],
      ['language=arabic', /language/],
      ['page=200&size=100', /first 10000 results/],
    ];
    for (const [qs, message] of cases) {
      const res = await search(qs);
      assert.equal(res.statusCode, 400, qs);
      assert.match(res.json().message, message, qs);
    }
  });

  test('one article is fetched by id; an unknown id is a 404', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/v1/articles/fr1', headers: auth });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().title, 'Zelensky rencontre les dirigeants européens');
    assert.deepEqual(res.json().entity_ids, ['Q3874799']);
    assert.equal((await api.app.inject({ method: 'GET', url: '/v1/articles/nope', headers: auth })).statusCode, 404);
    assert.equal((await api.app.inject({ method: 'GET', url: '/v1/articles/a%20b', headers: auth })).statusCode, 400);
  });
});
