import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '@khabar/extract';
import { buildAggregatorPage, DEFAULT_AGGREGATOR_URL } from '../../../test/support/seed-pages.js';

const PROSE = 'The delegates met again on Tuesday, and both sides said the atmosphere was better than before. ';

function listing(n: number): string {
  const items = Array.from({ length: n }, (_, i) => `<li><a href="/news/${i}">Headline number ${i} about something that happened today</a><span> 2h ago</span></li>`).join('');
  return `<html><head><title>News</title></head><body><nav><a href="/">Home</a></nav><ul>${items}</ul></body></html>`;
}

test('an article page is an article', () => {
  assert.equal(extractArticle(buildAggregatorPage(), DEFAULT_AGGREGATOR_URL).pageType, 'article');
});

test('the site root is a home page even when it carries a lead story', () => {
  const html = `<html><body>${listing(30).replace('<ul>', `<div class="lead"><p>${PROSE.repeat(3)}</p></div><ul>`)}</body></html>`;
  assert.equal(extractArticle(html, 'https://www.example.com/').pageType, 'home');
  assert.equal(extractArticle(html, 'https://www.example.com/ar/').pageType, 'home');
});

test('search result pages are search pages, by path or by query', () => {
  assert.equal(extractArticle(listing(20), 'https://www.example.com/search?q=putin').pageType, 'search');
  assert.equal(extractArticle(listing(20), 'https://www.example.com/?s=putin').pageType, 'search');
  assert.equal(extractArticle(listing(20), 'https://www.example.com/recherche/poutine').pageType, 'search');
});

test('tag and topic pages are tag pages', () => {
  assert.equal(extractArticle(listing(20), 'https://www.example.com/tag/putin').pageType, 'tag');
  assert.equal(extractArticle(listing(20), 'https://www.example.com/topics/ukraine/').pageType, 'tag');
});

test('a page of headlines under a section path is a section page', () => {
  assert.equal(extractArticle(listing(40), 'https://www.example.com/world/').pageType, 'section');
});

test('a page of headlines under a numbered path is a listing', () => {
  assert.equal(extractArticle(listing(40), 'https://www.example.com/archive/2025/page/3').pageType, 'listing');
});

test('a page that declares itself a collection is not an article', () => {
  const html = `<html><head><script type="application/ld+json">{"@type":"CollectionPage"}</script></head><body>${listing(10)}</body></html>`;
  assert.notEqual(extractArticle(html, 'https://www.example.com/world/').pageType, 'article');
});

test('an empty or nearly empty page is unknown', () => {
  assert.equal(extractArticle('<html><body><p>Hi</p></body></html>', 'https://www.example.com/x/1').pageType, 'unknown');
});

test('a column of linked headlines with summaries is a section page, not an article', () => {
  const teasers = Array.from({ length: 12 }, (_, i) => `<div class="item"><h2><a href="/world/story-${i}">Headline number ${i} about the talks in Geneva</a></h2><p>A short summary of story ${i}, which tells readers what happened, where, and why it matters today.</p></div>`).join('');
  const html = `<html><head><title>World | Example</title></head><body><nav><a href="/">Home</a></nav><main>${teasers}</main></body></html>`;
  assert.equal(extractArticle(html, 'https://www.example.com/world/').pageType, 'section');
  assert.equal(extractArticle(html, 'https://www.example.com/world/page/2').pageType, 'listing');
});

test('an article with a few related links in its body stays an article', () => {
  const related = '<ul><li><a href="/a">Earlier talks collapsed in March</a></li><li><a href="/b">Who is at the table in Geneva</a></li><li><a href="/c">Timeline of the negotiations so far</a></li></ul>';
  const html = `<html><body><article><h1>Talks resume</h1>${`<p>${PROSE}</p>`.repeat(4)}${related}${`<p>${PROSE}</p>`.repeat(3)}</article></body></html>`;
  assert.equal(extractArticle(html, 'https://www.example.com/world/talks-resume').pageType, 'article');
});
