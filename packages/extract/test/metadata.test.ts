import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage, extractArticle } from '@khabar/extract';

const BODY = `<article><h1>Talks resume in Geneva</h1><p>${'The delegates met again on Tuesday, and both sides said the atmosphere was better than before. '.repeat(5)}</p></article>`;
const URL_ = 'https://www.example.com/world/story-1';

function page(head: string, body = BODY, htmlAttrs = ''): string {
  return `<!doctype html><html ${htmlAttrs}><head><title>Talks resume in Geneva - Example News</title>${head}</head><body>${body}</body></html>`;
}

test('the canonical URL comes from <link rel=canonical>, resolved against the page URL', () => {
  assert.equal(extractArticle(page('<link rel="canonical" href="/world/story-1?ref=x">'), URL_).canonicalUrl, 'https://www.example.com/world/story-1?ref=x');
});

test('the canonical URL falls back to og:url, then to the page URL; a broken one is ignored', () => {
  assert.equal(extractArticle(page('<meta property="og:url" content="https://example.com/s1">'), URL_).canonicalUrl, 'https://example.com/s1');
  assert.equal(extractArticle(page(''), URL_).canonicalUrl, URL_);
  assert.equal(extractArticle(page('<link rel="canonical" href="http://[broken">'), URL_).canonicalUrl, URL_);
  assert.equal(extractArticle(page('<link rel="canonical" href="javascript:alert(1)">'), URL_).canonicalUrl, URL_);
});

test('the site name comes from og:site_name, then the JSON-LD publisher, then the host', () => {
  assert.equal(extractArticle(page('<meta property="og:site_name" content="Example News">'), URL_).siteName, 'Example News');
  const ld = '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","publisher":{"@type":"Organization","name":"Example Media"}}</script>';
  assert.equal(extractArticle(page(ld), URL_).siteName, 'Example Media');
  assert.equal(extractArticle(page(''), URL_).siteName, 'example.com');
});

test('the title is the h1 when it agrees with the declared title, else the title without the site name', () => {
  assert.equal(extractArticle(page(''), URL_).title, 'Talks resume in Geneva');
  const noH1 = `<div><p>${'Text of the story, long enough to be an article body on its own. '.repeat(6)}</p></div>`;
  assert.equal(extractArticle(page('', noH1), URL_).title, 'Talks resume in Geneva');
  assert.equal(extractArticle(page('<meta property="og:title" content="Talks resume in Geneva">', noH1), URL_).title, 'Talks resume in Geneva');
});

test('authors come from JSON-LD, meta tags and rel=author, split and de-duplicated', () => {
  const ld = '<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Jane Morrow"},{"@type":"Person","name":"Karim Alaoui"}]}</script>';
  assert.deepEqual(extractArticle(page(ld + '<meta name="author" content="Jane Morrow">'), URL_).authors, ['Jane Morrow', 'Karim Alaoui']);
  assert.deepEqual(extractArticle(page('<meta name="author" content="By Jane Morrow and Karim Alaoui">'), URL_).authors, ['Jane Morrow', 'Karim Alaoui']);
  assert.deepEqual(extractArticle(page('<meta name="author" content="https://facebook.com/someone">'), URL_).authors, []);
});

test('JSON-LD inside @graph, with trailing commas, is still read', () => {
  const ld = `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},{"@type":"NewsArticle","headline":"Talks resume in Geneva","datePublished":"2025-03-19T08:00:00+01:00","articleSection":"World","keywords":["Geneva","Talks"],}]}</script>`;
  const a = extractArticle(page(ld), URL_);
  assert.equal(a.publishedAt, '2025-03-19T08:00:00+01:00');
  assert.equal(a.section, 'World');
  assert.deepEqual(a.tags, ['Geneva', 'Talks']);
});

test('the image, section, tags and lead come from Open Graph and article meta tags', () => {
  const head = `<meta property="og:image" content="/img/talks.jpg"><meta property="article:section" content="World">
<meta property="article:tag" content="Geneva"><meta property="article:tag" content="Diplomacy"><meta name="description" content="Delegates met again on Tuesday in Geneva.">`;
  const a = extractArticle(page(head), URL_);
  assert.equal(a.image, 'https://www.example.com/img/talks.jpg');
  assert.equal(a.section, 'World');
  assert.deepEqual(a.tags, ['Geneva', 'Diplomacy']);
  assert.equal(a.lead, 'Delegates met again on Tuesday in Geneva.');
});

test('the lead falls back to the first paragraph', () => {
  assert.ok(extractArticle(page(''), URL_).lead?.startsWith('The delegates met again'));
});

test('language comes from the text: Arabic by script, French and English by function words', () => {
  assert.equal(detectLanguage('رفض الرئيس الروسي فلاديمير بوتين وقف إطلاق النار الشامل في أوكرانيا، خلال مكالمة هاتفية'), 'ar');
  assert.equal(detectLanguage('Le président a accueilli avec prudence, mercredi, l’annonce d’une pause des frappes contre les infrastructures.'), 'fr');
  assert.equal(detectLanguage('The president said on Wednesday that his government would study any proposal for a ceasefire.'), 'en');
  assert.equal(detectLanguage('این یک متن فارسی است که برای آزمایش نوشته شده و چند کلمه دارد'), 'fa');
});

test('language falls back to <html lang> when the text is too short to tell', () => {
  assert.equal(detectLanguage('OK', 'fr-FR'), 'fr');
  assert.equal(detectLanguage('', undefined), undefined);
});

test('an Arabic article on a page declared English is still Arabic', () => {
  const body = `<article><h1>عنوان الخبر</h1><p>${'رفض الرئيس الروسي وقف إطلاق النار الشامل في أوكرانيا، خلال مكالمة هاتفية أجراها مع الرئيس الأمريكي. '.repeat(4)}</p></article>`;
  assert.equal(extractArticle(page('', body, 'lang="en" dir="rtl"'), URL_).language, 'ar');
});

test('a mixed page, Arabic article with French navigation, is Arabic', () => {
  const body = `<nav><a href="/">Accueil</a> <a href="/politique">Politique</a> <a href="/economie">Économie</a> <a href="/sport">Sport</a></nav>
<article><h1>عنوان الخبر</h1><p>${'وافق بوتين فقط على وقف الهجمات على البنية التحتية للطاقة، وبذلك يكون قد رفض المقترح. '.repeat(4)}</p><p>Source : Agence France-Presse</p></article>`;
  assert.equal(extractArticle(page('', body, 'lang="fr"'), URL_).language, 'ar');
});

test('authors fall back to the byline printed above the body', () => {
  const body = `<article><h1>Talks resume in Geneva</h1><p class="byline">By Jane Morrow · March 19, 2025</p><p>${'The delegates met again on Tuesday, and both sides said the atmosphere was better than before. '.repeat(5)}</p></article>`;
  assert.deepEqual(extractArticle(page('', body), URL_).authors, ['Jane Morrow']);
  const ar = `<article><h1>عنوان</h1><div>بقلم: كريم العلوي</div><p>${'وافق بوتين فقط على وقف الهجمات على البنية التحتية للطاقة، وبذلك يكون قد رفض المقترح. '.repeat(5)}</p></article>`;
  assert.deepEqual(extractArticle(page('', ar), URL_).authors, ['كريم العلوي']);
});

test('an h1 that completes a shortened <title> is the title, and a logo h1 never is', () => {
  const body = `<header><h1>Example News</h1></header><article><h1>Talks resume in Geneva after a long pause</h1><p>${'The delegates met again on Tuesday, and both sides said the atmosphere was better than before. '.repeat(5)}</p></article>`;
  const html = `<html><head><title>Talks resume in Geneva</title><meta property="og:site_name" content="Example News"></head><body>${body}</body></html>`;
  assert.equal(extractArticle(html, URL_).title, 'Talks resume in Geneva after a long pause');
});
