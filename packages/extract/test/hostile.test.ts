import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractArticle } from '@khabar/extract';

const URL_ = 'https://example.com/news/1';

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

const tag = fc.constantFrom('div', 'p', 'span', 'a', 'h1', 'h2', 'li', 'ul', 'table', 'td', 'tr', 'script', 'style', 'nav', 'article', 'br', 'img', 'time', 'meta', 'html', 'body', 'head', 'title');
const attrText = fc.string({ maxLength: 20 }).map((s) => s.replace(/"/g, ''));
const fragment = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('<', '>', '</', '<!--', '-->', '<![CDATA[', '&amp;', '&#x', '"', "'", '<script>', '</script>', '<html lang="xx">', 'بوتين', '١٩ - ٠٣ - ٢٠٢٥'),
  fc.tuple(tag, attrText).map(([t, a]) => `<${t} class="${a}" id="${a}">`),
  tag.map((t) => `</${t}>`),
  fc.constantFrom('<meta property="og:url" content="::bad">', '<link rel="canonical" href="http://[bad">', '<script type="application/ld+json">{"@type":"NewsArticle",</script>'),
);

test('extraction never throws and always returns an Article on arbitrary markup', () => {
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 60 }), fc.oneof(fc.constant(URL_), fc.string({ maxLength: 20 })), (parts, url) => {
      const { value: a, ms } = timed(() => extractArticle(parts.join(''), url));
      assert.ok(ms < 500, `${ms} ms`);
      assert.equal(typeof a.title, 'string');
      assert.ok(Array.isArray(a.paragraphs));
      assert.equal(a.text, a.paragraphs.join('\n\n'));
      assert.ok(a.paragraphs.every((p) => p.length > 0 && p === p.trim()));
    }),
    { numRuns: 300 },
  );
});

test('extraction never throws and returns quickly on randomly nested, repeated and unclosed structures', () => {
  const open = fc.constantFrom('<div>', '<p>', '<table><tr><td>', '<ul><li>', '<blockquote>', '<span>', '<a href="/x">', '<article>', '<font>');
  fc.assert(
    fc.property(fc.array(fc.tuple(open, fc.string({ maxLength: 30 }), fc.nat(400)), { maxLength: 8 }), (layers) => {
      let html = '<html><body>';
      for (const [tag, text, repeat] of layers) html += `${tag}${text} `.repeat(repeat);
      const { value: a, ms } = timed(() => extractArticle(html, URL_));
      assert.ok(ms < 1500, `${ms} ms`);
      assert.ok(Array.isArray(a.paragraphs));
    }),
    { numRuns: 40 },
  );
});

test('extraction never throws on non-string input from untyped callers', () => {
  const a = extractArticle(undefined as unknown as string, undefined as unknown as string);
  assert.equal(a.pageType, 'unknown');
  assert.deepEqual(a.paragraphs, []);
});

test('an empty page gives an unknown page with no paragraphs', () => {
  const a = extractArticle('', URL_);
  assert.equal(a.pageType, 'unknown');
  assert.deepEqual(a.paragraphs, []);
  assert.equal(a.canonicalUrl, URL_);
});

test('a page nested 100,000 elements deep returns quickly without overflowing the stack', () => {
  const depth = 100_000;
  const html = `<html><body>${'<div>'.repeat(depth)}<p>deep text</p>${'</div>'.repeat(depth)}<p>${'Shallow text, with commas, is here. '.repeat(10)}</p></body></html>`;
  const { value, ms } = timed(() => extractArticle(html, URL_));
  assert.ok(ms < 3000, `${ms} ms`);
  assert.ok(value.text.includes('Shallow text'));
});

test('unclosed inline tags nested deeply return quickly', () => {
  const html = `<body>${'<b><i><span>x'.repeat(30_000)}</body>`;
  const { ms } = timed(() => extractArticle(html, URL_));
  assert.ok(ms < 3000, `${ms} ms`);
});

test('a 20 MB page returns within a bounded time', () => {
  const paragraph = `<p>${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(8)}</p>\n`;
  const html = `<html><body><article>${paragraph.repeat(Math.ceil(20_000_000 / paragraph.length))}</article></body></html>`;
  assert.ok(html.length >= 20_000_000);
  const { value, ms } = timed(() => extractArticle(html, URL_));
  assert.ok(ms < 8000, `${ms} ms`);
  assert.ok(value.paragraphs.length > 100);
});

test('broken markup (unclosed tags, stray closers, bad entities) still yields the text', () => {
  const html = `<html><head><title>Broken</title><body><div class="content"><p>First paragraph of the story, which has enough words to count as prose for the extractor.<p>Second paragraph &bogus; &#xZZ; continues here without closing tags, as old CMSes write it.</span></div></td><p>Third one <b>bold <i>italic</b> crossed</i> and done, with several more words to be safe.</body>`;
  const a = extractArticle(html, URL_);
  assert.ok(a.text.includes('First paragraph'));
  assert.ok(a.text.includes('Third one'));
});
