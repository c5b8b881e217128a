import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRobots } from '@khabar/fetch';

const UA = 'KhabarBot/0.1 (+https://github.com/khabar/khabar)';
const at = (body: string, status: 'ok' | 'none' | 'unreachable' = 'ok') =>
  parseRobots('https://news.example', { status, body, fetchedAt: '2025-03-19T10:00:00.000Z' }, UA);

test('our own group is matched by the product token of the user agent', () => {
  const rules = at('User-agent: *\nDisallow: /\n\nUser-agent: khabarbot\nDisallow: /private\nCrawl-delay: 2.5\nSitemap: https://news.example/news.xml\n');
  assert.equal(rules.isAllowed('https://news.example/ar/story'), true);
  assert.equal(rules.isAllowed('https://news.example/private/x'), false);
  assert.equal(rules.crawlDelayMs, 2500);
  assert.deepEqual(rules.sitemaps, ['https://news.example/news.xml']);
});

test('the wildcard group applies when ours is absent, with the longest match winning', () => {
  const rules = at('User-agent: *\nDisallow: /search\nAllow: /search/about\n');
  assert.equal(rules.isAllowed('https://news.example/search?q=x'), false);
  assert.equal(rules.isAllowed('https://news.example/search/about'), true);
  assert.equal(rules.crawlDelayMs, undefined);
});

test('no robots.txt allows everything; an unreachable one allows nothing', () => {
  assert.equal(at('', 'none').isAllowed('https://news.example/x'), true);
  const down = at('', 'unreachable');
  assert.equal(down.reachable, false);
  assert.equal(down.isAllowed('https://news.example/x'), false);
});
