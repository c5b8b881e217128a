import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource, UnreadableSourceError } from '@khabar/fetch';

test('an RSS feed lists its item links with their dates', () => {
  const rss = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>هسبريس</title><link>https://news.example/</link>
    <item><title>بوتين وترامب</title><link>https://news.example/a/1</link><pubDate>Wed, 19 Mar 2025 10:00:00 GMT</pubDate></item>
    <item><title>guid only</title><guid isPermaLink="true">https://news.example/a/2</guid></item></channel></rss>`;
  const parsed = parseSource(rss, 'https://news.example/rss');
  assert.equal(parsed.kind, 'feed');
  assert.equal(parsed.format, 'rss');
  assert.deepEqual(parsed.articles, [
    { url: 'https://news.example/a/1', date: '2025-03-19T10:00:00.000Z', title: 'بوتين وترامب' },
    { url: 'https://news.example/a/2', title: 'guid only' },
  ]);
});

test('an Atom feed lists the alternate link of each entry, resolved against the feed URL', () => {
  const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><id>x</id><updated>2025-03-19T00:00:00Z</updated>
    <entry><title>B</title><id>e1</id><link rel="alternate" href="/fr/article-2"/><link rel="edit" href="/edit/2"/><published>2025-03-19T08:00:00+01:00</published></entry></feed>`;
  const parsed = parseSource(atom, 'https://lemonde.example/feed.atom');
  assert.equal(parsed.format, 'atom');
  assert.deepEqual(parsed.articles, [{ url: 'https://lemonde.example/fr/article-2', date: '2025-03-19T07:00:00.000Z', title: 'B' }]);
});

test('a JSON Feed lists item URLs', () => {
  const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'x', items: [{ id: '1', url: 'https://j.example/3', date_published: '2025-03-19T00:00:00Z' }] });
  const parsed = parseSource(json, 'https://j.example/feed.json');
  assert.equal(parsed.format, 'json');
  assert.equal(parsed.articles[0]?.url, 'https://j.example/3');
});

test('a Google News sitemap lists URLs with their publication dates and titles', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
  <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
    <url><loc>https://n.example/2025/03/19/call</loc><news:news><news:publication><news:name>N</news:name><news:language>ar</news:language></news:publication>
      <news:publication_date>2025-03-19T12:00:00Z</news:publication_date><news:title>اتصال &amp; هاتفي</news:title></news:news></url>
  </urlset>`;
  const parsed = parseSource(xml, 'https://n.example/news-sitemap.xml');
  assert.equal(parsed.kind, 'sitemap');
  assert.equal(parsed.format, 'news');
  assert.deepEqual(parsed.articles, [{ url: 'https://n.example/2025/03/19/call', date: '2025-03-19T12:00:00.000Z', title: 'اتصال & هاتفي' }]);
});

test('a plain sitemap with a single URL still lists it', () => {
  const xml = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://s.example/only</loc><lastmod>2025-03-01</lastmod></url></urlset>`;
  const parsed = parseSource(xml, 'https://s.example/sitemap.xml');
  assert.deepEqual(parsed.articles, [{ url: 'https://s.example/only', date: '2025-03-01T00:00:00.000Z' }]);
});

test('a sitemap index lists its child sitemaps', () => {
  const xml = `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://s.example/sitemap-1.xml</loc><lastmod>2025-01-01</lastmod></sitemap>
    <sitemap><loc>https://s.example/sitemap-2.xml</loc></sitemap></sitemapindex>`;
  const parsed = parseSource(xml, 'https://s.example/sitemap_index.xml');
  assert.equal(parsed.kind, 'sitemap-index');
  assert.deepEqual(parsed.follow.map((s) => s.url), ['https://s.example/sitemap-1.xml', 'https://s.example/sitemap-2.xml']);
});

test('robots.txt lists the sitemaps named in its Sitemap lines', () => {
  const parsed = parseSource('User-agent: *\nDisallow: /admin\nSitemap: https://r.example/news.xml\nsitemap: /other.xml\n', 'https://r.example/robots.txt');
  assert.equal(parsed.kind, 'robots');
  assert.deepEqual(parsed.follow.map((s) => s.url), ['https://r.example/news.xml', 'https://r.example/other.xml']);
});

test('a document in no known format is an error that says so', () => {
  assert.throws(() => parseSource('<html><body>hello</body></html>', 'https://x.example/'), UnreadableSourceError);
  assert.throws(() => parseSource('just text', 'https://x.example/feed'), UnreadableSourceError);
});

test('an HTML page leads to the feeds it advertises', () => {
  const html = `<!doctype html><html><head>
    <link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml">
    <link rel='alternate' type='application/atom+xml' href='https://h.example/atom'>
    <link rel="alternate" hreflang="fr" href="/fr/">
    <link rel="stylesheet" href="/s.css"></head><body></body></html>`;
  const parsed = parseSource(html, 'https://h.example/');
  assert.equal(parsed.kind, 'html');
  assert.deepEqual(parsed.follow.map((f) => f.url), ['https://h.example/rss.xml', 'https://h.example/atom']);
});

test('non-http links in a feed are left out', () => {
  const rss = `<rss version="2.0"><channel><title>x</title><item><link>javascript:alert(1)</link></item><item><link>mailto:a@b</link></item></channel></rss>`;
  assert.deepEqual(parseSource(rss, 'https://x.example/rss').articles, []);
});
