import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalizeUrl } from '../src/url.js';

test('drops the fragment and tracking parameters, lower-cases the host and sorts the query', () => {
  assert.equal(
    canonicalizeUrl('HTTPS://Www.Example.COM:443/news/1?b=2&utm_source=x&fbclid=y&a=1#top'),
    'https://www.example.com/news/1?a=1&b=2',
  );
});

test('keeps parameters that select content, and the path as given', () => {
  assert.equal(canonicalizeUrl('http://x.ma/Article.php?id=12'), 'http://x.ma/Article.php?id=12');
});

test('two spellings of one page give one canonical URL', () => {
  assert.equal(canonicalizeUrl('https://x.ma/a?utm_medium=rss'), canonicalizeUrl('https://X.MA/a#comments'));
});

test('refuses non-http schemes and relative URLs with a clear message', () => {
  assert.throws(() => canonicalizeUrl('ftp://x.ma/a'), /only http and https/);
  assert.throws(() => canonicalizeUrl('/relative'), /not an absolute URL/);
});
