import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '@khabar/extract';
import {
  buildAggregatorPage,
  buildEnglishArticlePage,
  buildFrenchArticlePage,
  DEFAULT_AGGREGATOR_URL,
  ENGLISH_ARTICLE,
  FRENCH_ARTICLE,
  OTHER_ARABIC_ARTICLE,
  readSeedArticle,
  TICKER_ONLY_NAME,
} from '../../../test/support/seed-pages.js';

const seed = readSeedArticle();

test('the aggregator page yields the seed article title, date, language and site', () => {
  const a = extractArticle(buildAggregatorPage(), DEFAULT_AGGREGATOR_URL);
  assert.equal(a.title, seed.title);
  assert.equal(a.publishedAt, '2025-03-19');
  assert.equal(a.language, 'ar');
  assert.equal(a.siteName, 'مغرس');
  assert.equal(a.pageType, 'article');
  assert.equal(a.canonicalUrl, DEFAULT_AGGREGATOR_URL);
});

test('the aggregator body is exactly the article paragraphs and subheadings, in order', () => {
  const a = extractArticle(buildAggregatorPage(), DEFAULT_AGGREGATOR_URL);
  assert.deepEqual(a.paragraphs, seed.paragraphs);
  assert.equal(a.text, seed.paragraphs.join('\n\n'));
  for (const sub of seed.subheadings) assert.ok(a.paragraphs.includes(sub), sub);
});

test('the aggregator body leaves out the ticker, pop-up, caption, related links and source link', () => {
  const a = extractArticle(buildAggregatorPage(), DEFAULT_AGGREGATOR_URL);
  assert.ok(!a.text.includes(TICKER_ONLY_NAME), 'a name found only in the ticker');
  for (const headline of seed.ticker.slice(0, 10)) assert.ok(!a.text.includes(headline), headline);
  for (const line of seed.popup) assert.ok(!a.text.includes(line), line);
  for (const link of seed.related) assert.ok(!a.text.includes(link), link);
  assert.ok(!a.text.includes(seed.sourceLink));
  assert.ok(!a.text.includes('Getty Images'));
  assert.ok(!a.text.includes(seed.byline));
});

test('the same article in another site template extracts to the same body', () => {
  const url = 'https://www.alayam24.com/articles/257381';
  const a = extractArticle(buildAggregatorPage({ template: 'portal', url }), url);
  assert.equal(a.title, seed.title);
  assert.deepEqual(a.paragraphs, seed.paragraphs);
  assert.equal(a.publishedAt, '2025-03-19T10:15:00+01:00');
  assert.equal(a.section, 'دولية');
  assert.deepEqual(a.authors, ['هيئة التحرير']);
});

test('another article in the aggregator template extracts to its own body', () => {
  const page = buildAggregatorPage({ paragraphs: OTHER_ARABIC_ARTICLE.paragraphs, subheadings: OTHER_ARABIC_ARTICLE.subheadings });
  const a = extractArticle(page, 'https://www.maghress.com/alayam24/5072999');
  assert.equal(a.title, OTHER_ARABIC_ARTICLE.title);
  assert.deepEqual(a.paragraphs, OTHER_ARABIC_ARTICLE.paragraphs);
  assert.equal(a.canonicalUrl, 'https://www.maghress.com/alayam24/5072999');
});

test('a page without a canonical link takes its canonical URL from the page URL', () => {
  const url = 'https://www.maghress.com/alayam24/1';
  const a = extractArticle(buildAggregatorPage({ url, canonicalUrl: null }), 'https://m.maghress.com/alayam24/1?utm_source=x');
  assert.equal(a.canonicalUrl, url, 'og:url is the next source');
});

test('the English page yields its article without the cookie banner, nav or related links', () => {
  const a = extractArticle(buildEnglishArticlePage(), ENGLISH_ARTICLE.url);
  assert.equal(a.title, ENGLISH_ARTICLE.title);
  assert.deepEqual(a.paragraphs, ENGLISH_ARTICLE.paragraphs);
  assert.equal(a.language, 'en');
  assert.equal(a.publishedAt, '2025-03-19T09:30:00Z');
  assert.deepEqual(a.authors, [ENGLISH_ARTICLE.author]);
  assert.deepEqual(a.tags, ['Ukraine', 'Russia']);
  assert.equal(a.section, 'World');
  assert.ok(!/cookies/i.test(a.text));
});

test('the French page yields its article and the date printed in its byline', () => {
  const a = extractArticle(buildFrenchArticlePage(), FRENCH_ARTICLE.url);
  assert.equal(a.title, FRENCH_ARTICLE.title);
  assert.deepEqual(a.paragraphs, FRENCH_ARTICLE.paragraphs);
  assert.equal(a.language, 'fr');
  assert.equal(a.publishedAt, '2025-03-19T14:30:00');
  assert.equal(a.siteName, 'Actu Exemple');
});

test('on a busy news site with meaningless class names the body is still only the article', () => {
  const url = 'https://newsroom.example/world/putin-trump-call';
  const a = extractArticle(buildAggregatorPage({ template: 'newsroom', url }), url);
  assert.equal(a.title, seed.title);
  assert.deepEqual(a.paragraphs, seed.paragraphs);
  assert.ok(!a.text.includes('اقرأ أيضا'));
  assert.ok(!a.text.includes('التعليقات'));
  assert.equal(a.publishedAt, '2025-03-19');
});

test('the old table layout yields the seed article, its title from <title> and its byline date', () => {
  const url = 'https://old.example.ma/news.php?id=5072914';
  const a = extractArticle(buildAggregatorPage({ template: 'table', url }), url);
  assert.equal(a.title, seed.title);
  assert.deepEqual(a.paragraphs, seed.paragraphs);
  assert.equal(a.publishedAt, '2025-03-19');
});

test('a byline date in Eastern Arabic digits is read', () => {
  const a = extractArticle(buildAggregatorPage({ dateText: '١٩ - ٠٣ - ٢٠٢٥' }), DEFAULT_AGGREGATOR_URL);
  assert.equal(a.publishedAt, '2025-03-19');
});

test('a short article in the busy news layout is still an article, without the comments and most-read boxes', () => {
  const paragraphs = [
    'أعلنت وزارة الصحة، اليوم الثلاثاء، عن إطلاق حملة وطنية للتلقيح ضد الأنفلونزا الموسمية تستهدف الفئات الأكثر عرضة للمضاعفات.',
    'وأوضحت الوزارة في بلاغ لها أن الحملة ستمتد لثلاثة أشهر، وأن اللقاح سيكون متوفرا بالمجان في المراكز الصحية.',
  ];
  const url = 'https://newsroom.example/health/flu';
  const a = extractArticle(buildAggregatorPage({ template: 'newsroom', url, title: 'حملة وطنية للتلقيح ضد الأنفلونزا', paragraphs }), url);
  assert.equal(a.pageType, 'article');
  assert.deepEqual(a.paragraphs.slice(0, 2), paragraphs);
  assert.ok(!a.text.includes('مقال جيد') && !a.text.includes('صادق مجلس الحكومة'));
});
