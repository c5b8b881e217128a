import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateFromUrl, findDateInText, parseDateValue } from '@khabar/extract';
import { extractArticle } from '@khabar/extract';

test('ISO 8601 values keep their time and offset, and UTC becomes Z', () => {
  assert.equal(parseDateValue('2025-03-19T10:15:00+01:00'), '2025-03-19T10:15:00+01:00');
  assert.equal(parseDateValue('2025-03-19T10:15:00.123Z'), '2025-03-19T10:15:00Z');
  assert.equal(parseDateValue('2025-03-19T10:15:00+0000'), '2025-03-19T10:15:00Z');
  assert.equal(parseDateValue('2025-03-19 10:15'), '2025-03-19T10:15:00');
  assert.equal(parseDateValue('2025-03-19'), '2025-03-19');
});

test('compact, epoch and RFC 2822 values are read', () => {
  assert.equal(parseDateValue('20250319'), '2025-03-19');
  assert.equal(parseDateValue('1742379300'), '2025-03-19T10:15:00Z');
  assert.equal(parseDateValue('Wed, 19 Mar 2025 10:15:00 GMT'), '2025-03-19T10:15:00Z');
  assert.equal(parseDateValue('Wed, 19 Mar 2025 10:15:00 +0100'), '2025-03-19T10:15:00+01:00');
});

test('impossible or implausible dates are refused, not guessed', () => {
  assert.equal(parseDateValue('2025-02-30'), undefined);
  assert.equal(parseDateValue('1850-01-01'), undefined);
  assert.equal(parseDateValue('not a date'), undefined);
  assert.equal(findDateInText('31 - 13 - 2025'), undefined);
  assert.equal(parseDateValue(''), undefined);
});

test('the Moroccan aggregator byline "19 - 03 - 2025" reads as 19 March 2025', () => {
  assert.equal(findDateInText('نشر في الأيام 24 يوم 19 - 03 - 2025'), '2025-03-19');
  assert.equal(findDateInText('19/03/2025'), '2025-03-19');
  assert.equal(findDateInText('19.03.2025 - 14:30'), '2025-03-19T14:30:00');
});

test('Eastern Arabic and Persian digits read like ASCII digits', () => {
  assert.equal(findDateInText('نشر يوم ١٩ - ٠٣ - ٢٠٢٥'), '2025-03-19');
  assert.equal(findDateInText('۱۹ مارس ۲۰۲۵'), '2025-03-19');
});

test('Arabic month names in their Egyptian, Levantine and Maghreb forms are read', () => {
  assert.equal(findDateInText('الأربعاء 19 مارس 2025'), '2025-03-19');
  assert.equal(findDateInText('19 آذار 2025'), '2025-03-19');
  assert.equal(findDateInText('5 غشت 2025'), '2025-08-05');
  assert.equal(findDateInText('12 يوليوز 2024'), '2024-07-12');
  assert.equal(findDateInText('3 كانون الثاني 2025'), '2025-01-03');
  assert.equal(findDateInText('20 تشرين الأول 2024'), '2024-10-20');
  assert.equal(findDateInText('9 دجنبر 2023'), '2023-12-09');
  assert.equal(findDateInText('19 مارس/آذار 2025'), '2025-03-19');
});

test('French dates, with "1er", accents or none, and a time, are read', () => {
  assert.equal(findDateInText('Publié le 19 mars 2025 à 14h30'), '2025-03-19T14:30:00');
  assert.equal(findDateInText('le 1er février 2025'), '2025-02-01');
  assert.equal(findDateInText('3 fevrier 2025'), '2025-02-03');
  assert.equal(findDateInText('17 août 2024'), '2024-08-17');
  assert.equal(findDateInText('mis à jour le 2 décembre 2024'), '2024-12-02');
});

test('English dates in both orders are read, and US slashes read month first', () => {
  assert.equal(findDateInText('March 19, 2025'), '2025-03-19');
  assert.equal(findDateInText('19 March 2025'), '2025-03-19');
  assert.equal(findDateInText('Sept. 3, 2024 at 5:04 pm'), '2024-09-03T17:04:00');
  assert.equal(findDateInText('03/04/2025', { language: 'en' }), '2025-03-04');
  assert.equal(findDateInText('03/04/2025', { language: 'fr' }), '2025-04-03');
});

test('the earliest date in a line wins', () => {
  assert.equal(findDateInText('2025-03-19, updated March 20, 2025'), '2025-03-19');
});

test('dates are read from article URLs', () => {
  assert.equal(dateFromUrl('https://example.com/world/2025/03/19/story'), '2025-03-19');
  assert.equal(dateFromUrl('https://example.com/2025-03-19-story.html'), '2025-03-19');
  assert.equal(dateFromUrl('https://example.com/news/20250319/story'), '2025-03-19');
  assert.equal(dateFromUrl('https://example.com/news/123456789'), undefined);
});

function page(head: string, body: string): string {
  return `<html><head>${head}</head><body><article><h1>Headline here</h1>${body}<p>${'Body text of the story goes on, with commas, for long enough. '.repeat(8)}</p></article></body></html>`;
}

test('the date chain prefers JSON-LD, then meta tags, then <time>, then the URL, then the byline', () => {
  const ld = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-03-01T08:00:00Z"}</script>';
  const meta = '<meta property="article:published_time" content="2025-03-02T08:00:00Z">';
  const time = '<time datetime="2025-03-03T08:00:00Z" itemprop="datePublished">3 March</time>';
  const byline = '<p class="dateline">5 March 2025</p>';
  const url = 'https://example.com/2025/03/04/story';
  assert.equal(extractArticle(page(ld + meta, time + byline), url).publishedAt, '2025-03-01T08:00:00Z');
  assert.equal(extractArticle(page(meta, time + byline), url).publishedAt, '2025-03-02T08:00:00Z');
  assert.equal(extractArticle(page('', time + byline), url).publishedAt, '2025-03-03T08:00:00Z');
  assert.equal(extractArticle(page('', byline), url).publishedAt, '2025-03-04');
  assert.equal(extractArticle(page('', byline), 'https://example.com/story').publishedAt, '2025-03-05');
});

test('the modified time comes from JSON-LD or meta tags', () => {
  const html = page('<meta property="article:modified_time" content="2025-03-20T09:00:00+01:00">', '');
  assert.equal(extractArticle(html, 'https://example.com/a').modifiedAt, '2025-03-20T09:00:00+01:00');
});

test('times printed after Arabic and French dates are kept', () => {
  assert.equal(findDateInText('الأربعاء 19 مارس 2025 - 14:30'), '2025-03-19T14:30:00');
  assert.equal(findDateInText('19 مارس 2025 على الساعة 14:30'), '2025-03-19T14:30:00');
  assert.equal(findDateInText('الخميس، 20 مارس 2025 | 09:15'), '2025-03-20T09:15:00');
  assert.equal(findDateInText('آخر تحديث: 19 - 03 - 2025 - 10:45'), '2025-03-19T10:45:00');
  assert.equal(findDateInText('19 mars 2025 à 08h05'), '2025-03-19T08:05:00');
});

test('a date in an element labelled as a date is the last fallback', () => {
  const html = `<html><body><div class="post-date">١٩ مارس ٢٠٢٥</div><div class="sidebar"><p>Links</p></div>
<div class="story"><p>${'Body text of the story goes on, with commas, for long enough. '.repeat(8)}</p></div></body></html>`;
  assert.equal(extractArticle(html, 'https://example.com/story').publishedAt, '2025-03-19');
});
