/**
 * Labelled pairs for the near-duplicate benchmark, generated at run time (no third-party text is
 * committed): article bodies from ../shared/datasets/article-extraction-benchmark/ground-truth.json
 * and Arabic text from ../shared/seed, plus the texts written for the dedupe unit tests. Each story
 * is put into site templates (HTML with navigation, ticker, related links, footer) and run through
 * the real extractor, so pairs compare extracted text as the pipeline does.
 *
 * Positives: template swap, headline change, a paragraph added, a paragraph removed, normalisation
 * noise (punctuation, quotes, whitespace; Arabic diacritics, tatweel, alef/ya/ta marbuta and hamza
 * spellings, digits), everything at once, and the real page against an aggregator's copy.
 * Hard negatives: the same site template with another article, short articles (3 paragraphs) in
 * one template, two halves of one article (same topic, same names, different text), each story's
 * lexically nearest other story, and independent reports of one event in different words.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { normalizedWords, sharedFraction, shingleHashes } from '@khabar/dedupe';
import { extractArticle } from '@khabar/extract';
import { ARABIC_REPORT, ARABIC_SAME_TOPIC, ENGLISH_OTHER_STORY, ENGLISH_REPORT, ENGLISH_SAME_TOPIC } from '../packages/dedupe/test/texts.js';

/** Two more short Arabic reports written for this benchmark (three paragraphs each). */
const ARABIC_MUSEUM = [
  'أعاد المتحف الجهوي فتح جناح الآثار يوم السبت بعد أشغال ترميم دامت ثمانية عشر شهرا، كشفت خلالها الفرق التقنية عن مخازن قديمة منسية.',
  'واستغل القائمون على المتحف فترة الإغلاق لترميم أكثر من مئتي قطعة، من بينها خوذة برونزية عثر عليها فلاحون قرب النهر قبل قرن من الزمن.',
  'وسيكون الدخول إلى القاعات الجديدة مجانيا لتلاميذ المدارس إلى غاية العطلة الصيفية، حسب ما أعلنه المدير خلال حفل الافتتاح.',
].join('\n\n');
const ARABIC_MATCH = [
  'فاز الفريق المحلي مساء الأحد بهدفين مقابل هدف واحد في مباراة مثيرة احتضنها الملعب البلدي أمام جمهور غفير رغم الأمطار الغزيرة.',
  'وسجل المهاجم الشاب هدف الفوز في الدقائق الأخيرة بعد تمريرة دقيقة من وسط الميدان، ليمنح فريقه ثلاث نقاط ثمينة في سباق الصعود.',
  'وأشاد المدرب بروح لاعبيه، مؤكدا أن الفريق سيواصل العمل بنفس العزيمة استعدادا للمواجهة المقبلة خارج الديار.',
].join('\n\n');

export const repoRoot = resolve(import.meta.dirname, '..');
const DATASET = resolve(repoRoot, '..', 'shared', 'datasets', 'article-extraction-benchmark');
const SEED = resolve(repoRoot, '..', 'shared', 'seed', 'maghress-putin-trump-call.txt');

export interface Story {
  id: string;
  language: 'ar' | 'en';
  title: string;
  paragraphs: string[];
  /** Real page HTML, for stories from the extraction benchmark. */
  htmlPath?: string;
  url: string;
}

export interface PairSide {
  url: string;
  title: string;
  text: string;
}

export interface LabelledPair {
  id: string;
  category: string;
  /** The source story both sides derive from (side a for negatives). */
  story: string;
  duplicate: boolean;
  language: 'ar' | 'en';
  a: PairSide;
  b: PairSide;
}

/** mulberry32: the same pairs on every machine for a given seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);

function titleFrom(paragraphs: string[], random: () => number): string {
  const pool = words(paragraphs.join(' '));
  const start = Math.floor(random() * Math.max(1, pool.length - 10));
  return pool.slice(start, start + 9).join(' ').replace(/[.,;:،]+$/, '');
}

export function loadStories(): Story[] {
  const random = rng(7);
  const truth = JSON.parse(readFileSync(resolve(DATASET, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
  const stories: Story[] = [];
  for (const [id, { articleBody, url }] of Object.entries(truth)) {
    const paragraphs = articleBody.split(/\n+/).map((p) => p.trim()).filter(Boolean);
    if (paragraphs.length === 0) continue;
    stories.push({ id: `aeb-${id.slice(0, 8)}`, language: 'en', title: titleFrom(paragraphs, random), paragraphs, htmlPath: resolve(DATASET, 'html', `${id}.html.gz`), url });
  }
  // The seed article: four stories from four parts of one report (same event, different text).
  const seed = readFileSync(SEED, 'utf8');
  const body = seed
    .slice(seed.indexOf('رفض الرئيس الروسي'), seed.indexOf('انقر هنا لقراءة الخبر'))
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 40 && !l.startsWith('*'));
  const part = Math.ceil(body.length / 4);
  for (let i = 0; i < 4; i++) {
    const paragraphs = body.slice(i * part, (i + 1) * part);
    stories.push({ id: `seed-part${i + 1}`, language: 'ar', title: titleFrom(paragraphs, random), paragraphs, url: `https://www.alayam24.com/articles/${257381 + i}` });
  }
  const own: Array<[string, 'ar' | 'en', string]> = [
    ['own-ar-report', 'ar', ARABIC_REPORT],
    ['own-ar-same-topic', 'ar', ARABIC_SAME_TOPIC],
    ['own-ar-museum', 'ar', ARABIC_MUSEUM],
    ['own-ar-match', 'ar', ARABIC_MATCH],
    ['own-en-report', 'en', ENGLISH_REPORT],
    ['own-en-same-topic', 'en', ENGLISH_SAME_TOPIC],
    ['own-en-other', 'en', ENGLISH_OTHER_STORY],
  ];
  for (const [id, language, text] of own) {
    const paragraphs = text.split('\n\n');
    stories.push({ id, language, title: titleFrom(paragraphs, random), paragraphs, url: `https://news.example/${id}` });
  }
  return stories;
}

// ---------------------------------------------------------------- site templates

interface Furniture {
  site: string;
  host: string;
  ticker: string[];
  related: string[];
}

const e = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CHROME = {
  en: {
    sections: ['Home', 'World', 'Politics', 'Business', 'Tech', 'Science', 'Sport', 'Culture', 'Opinion'],
    latest: 'Latest',
    related: 'Related stories',
    readAt: 'Read the full story at the source',
    published: 'Published in',
    on: 'on',
    about:
      'This site gathers news from hundreds of sources every hour and links back to every publisher. Headlines are selected automatically; the views expressed belong to their authors. Contact the editors to report an error, to ask for a correction or to remove a story from the index.',
    rights: 'All rights reserved.',
    popup: ['Thanks for reporting!', 'This image will be hidden automatically when several people report it.'],
  },
  ar: {
    sections: ['الرئيسية', 'سياسة', 'اقتصاد', 'مجتمع', 'رياضة', 'ثقافة', 'دولية', 'تكنولوجيا', 'رأي'],
    latest: 'آخر الأخبار',
    related: 'مواضيع ذات صلة',
    readAt: 'اضغط هنا لقراءة الخبر كاملا من مصدره',
    published: 'نشر في',
    on: 'يوم',
    about:
      'يجمع هذا الموقع الأخبار من مئات المصادر كل ساعة ويحيل إلى كل ناشر. يتم اختيار العناوين آليا، والآراء الواردة تعبر عن أصحابها. راسلوا هيئة التحرير للتبليغ عن خطأ أو طلب تصحيح أو حذف مقال من الفهرس.',
    rights: 'جميع الحقوق محفوظة.',
    popup: ['شكرا على التبليغ!', 'سيتم إخفاء هذه الصورة تلقائيا عندما يبلغ عنها عدة أشخاص.'],
  },
};

type Template = (story: { title: string; paragraphs: string[]; language: 'ar' | 'en' }, f: Furniture, url: string) => string;

const portal: Template = (s, f, url) => {
  const c = CHROME[s.language];
  return `<!doctype html><html lang="${s.language}"${s.language === 'ar' ? ' dir="rtl"' : ''}><head><meta charset="utf-8">
<title>${e(s.title)} | ${e(f.site)}</title><link rel="canonical" href="${e(url)}"><meta property="og:type" content="article">
<meta property="og:site_name" content="${e(f.site)}"></head><body>
<header><a class="brand" href="/">${e(f.site)}</a><nav><ul>${c.sections.map((x, i) => `<li><a href="/c/${i}">${e(x)}</a></li>`).join('')}</ul></nav></header>
<section class="breaking"><strong>${c.latest}</strong> ${f.ticker.map((h, i) => `<a href="/n/${i}">${e(h)}</a>`).join(' | ')}</section>
<main><article class="post"><h1 class="entry-title">${e(s.title)}</h1><div class="meta"><time datetime="2025-03-19T10:00:00Z">2025-03-19</time></div>
<div class="entry-content">${s.paragraphs.map((p) => `<p>${e(p)}</p>`).join('\n')}</div>
<div class="share"><a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp</a></div></article>
<aside class="related"><h3>${c.related}</h3>${f.related.map((t, i) => `<article class="card"><a href="/r/${i}"><h4>${e(t)}</h4></a></article>`).join('')}</aside></main>
<footer><p>${e(c.about)}</p><p>© ${e(f.site)} 2025. ${c.rights}</p></footer></body></html>`;
};

const aggregator: Template = (s, f, url) => {
  const c = CHROME[s.language];
  return `<!DOCTYPE html><html lang="${s.language}"${s.language === 'ar' ? ' dir="rtl"' : ''}><head><meta charset="utf-8">
<title>${e(s.title)} - ${e(f.site)}</title><link rel="canonical" href="${e(url)}"></head><body>
<div id="top"><div class="logo"><a href="/">${e(f.site)}</a></div><div class="menu">${c.sections.map((x, i) => `<a href="/s/${i}">${e(x)}</a>`).join(' ')}</div></div>
<div class="latest-news"><span>${c.latest}</span><div class="ticker-items">${f.ticker.map((h, i) => `<a href="/t/${i}">${e(h)}</a>`).join('\n')}</div></div>
<div class="modal"><p>${e(c.popup[0]!)}</p><p>${e(c.popup[1]!)}</p></div>
<div id="content"><div class="news-item"><h1 class="news-title">${e(s.title)}</h1>
<div class="news-info">${c.published} <a href="/src">${e(f.site)}</a> ${c.on} 19 - 03 - 2025</div>
<div class="news-text">${s.paragraphs.map((p) => `<p>${e(p)}</p>`).join('\n')}</div>
<ul class="news-related">${f.related.map((t, i) => `<li>* <a href="/x/${i}">${e(t)}</a></li>`).join('')}</ul>
<div class="source-link"><a href="https://source.example/a" rel="nofollow">${c.readAt}</a></div></div></div>
<div id="sidebar"><h3>${c.latest}</h3><ul>${f.ticker.slice(0, 6).map((h, i) => `<li><a href="/m/${i}">${e(h)}</a></li>`).join('')}</ul></div>
<div id="bottom"><p>${e(c.about)}</p><p>${c.rights}</p></div></body></html>`;
};

const TEMPLATES = { portal, aggregator };

/** The seed page's ticker: real Arabic navigation headlines for the Arabic templates. */
function seedTicker(): string[] {
  const seed = readFileSync(SEED, 'utf8');
  return seed
    .slice(0, seed.indexOf('شكرا على الإبلاغ'))
    .split(/\s{3,}|\n/)
    .map((h) => h.trim())
    .filter((h) => words(h).length >= 4);
}

function furniture(site: string, others: Story[], random: () => number): Furniture {
  const headlines = others[0]?.language === 'ar' ? seedTicker() : others.map((s) => s.title);
  const pick = (n: number) => Array.from({ length: n }, () => headlines[Math.floor(random() * headlines.length)]!);
  return { site, host: `www.${site.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`, ticker: pick(12), related: pick(5) };
}

function render(template: keyof typeof TEMPLATES, story: { title: string; paragraphs: string[]; language: 'ar' | 'en' }, f: Furniture, path: string): PairSide {
  const url = `https://${f.host}/${path}`;
  const article = extractArticle(TEMPLATES[template](story, f, url), url);
  return { url, title: article.title, text: article.text };
}

// ---------------------------------------------------------------- edits

const ARABIC_MARKS = ['\u064E', '\u064F', '\u0650', '\u0651', '\u0652', '\u064B'];

/** Spelling and typography differences that carry no meaning, as sites really differ. */
export function noise(text: string, language: 'ar' | 'en', random: () => number): string {
  const chance = (p: number) => random() < p;
  let out = text;
  if (language === 'ar') {
    out = out
      .replace(/[أإآ]/g, (c) => (chance(0.5) ? 'ا' : c))
      .replace(/ي(?=\s|$)/g, (c) => (chance(0.5) ? 'ى' : c))
      .replace(/ة(?=\s|$)/g, (c) => (chance(0.5) ? 'ه' : c))
      .replace(/ؤ/g, (c) => (chance(0.5) ? 'ئ' : c))
      .replace(/،/g, () => (chance(0.5) ? ',' : '، '))
      .replace(/[0-9]/g, (d) => (chance(0.7) ? String.fromCharCode(0x0660 + Number(d)) : d))
      .replace(/[\u0621-\u064A]{3,}/g, (w) => {
        if (chance(0.08)) w = `${w.slice(0, 1)}\u0640\u0640${w.slice(1)}`;
        if (chance(0.25)) w = [...w].map((ch) => (chance(0.5) ? ch + ARABIC_MARKS[Math.floor(random() * ARABIC_MARKS.length)] : ch)).join('');
        return w;
      });
  } else {
    out = out
      .replace(/"([^"]*)"/g, (m, q: string) => (chance(0.7) ? `“${q}”` : m))
      .replace(/[“”]/g, (q) => (chance(0.5) ? '"' : q))
      .replace(/'/g, (q) => (chance(0.6) ? '’' : q))
      .replace(/’/g, (q) => (chance(0.4) ? "'" : q))
      .replace(/ - /g, () => (chance(0.5) ? ' — ' : ' – '))
      .replace(/[éèêàçôûî]/g, (c) => (chance(0.5) ? c.normalize('NFD').replace(/\p{M}/gu, '') : c))
      .replace(/, /g, () => (chance(0.2) ? ' , ' : ', '));
  }
  return out.replace(/ /g, () => (chance(0.05) ? '  ' : chance(0.02) ? '\u00a0' : ' '));
}

function changedHeadline(title: string, language: 'ar' | 'en', random: () => number): string {
  const w = words(title);
  const cut = Math.max(2, Math.floor(w.length * (0.4 + random() * 0.3)));
  const tail = w.slice(cut).concat(w.slice(0, cut).reverse());
  return `${language === 'ar' ? 'عاجل: ' : 'Update: '}${tail.join(' ')}`;
}

// ---------------------------------------------------------------- pairs

/** Cosine similarity of word counts: the "nearest other story" is the same-topic hard negative. */
function nearestByVocabulary(stories: Story[]): Map<string, Story> {
  const vectors = stories.map((s) => {
    const counts = new Map<string, number>();
    for (const w of words(s.paragraphs.join(' ').toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' '))) if (w.length > 3) counts.set(w, (counts.get(w) ?? 0) + 1);
    let norm = 0;
    for (const v of counts.values()) norm += v * v;
    return { counts, norm: Math.sqrt(norm) };
  });
  const out = new Map<string, Story>();
  stories.forEach((s, i) => {
    let best = -1;
    let bestScore = -1;
    stories.forEach((t, j) => {
      if (i === j || s.language !== t.language) return;
      let dot = 0;
      for (const [w, v] of vectors[i]!.counts) dot += v * (vectors[j]!.counts.get(w) ?? 0);
      const score = dot / (vectors[i]!.norm * vectors[j]!.norm || 1);
      if (score > bestScore) [best, bestScore] = [j, score];
    });
    if (best >= 0) out.set(s.id, stories[best]!);
  });
  return out;
}

export function generatePairs(stories: Story[], seed = 1): LabelledPair[] {
  const random = rng(seed);
  const pairs: LabelledPair[] = [];
  const byLanguage = { ar: stories.filter((s) => s.language === 'ar'), en: stories.filter((s) => s.language === 'en') };
  const nearest = nearestByVocabulary(stories);
  const seen = new Map<string, number>();
  const add = (category: string, duplicate: boolean, story: Story, a: PairSide, b: PairSide) => {
    const base = `${category}/${story.id}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    pairs.push({ id: n ? `${base}#${n + 1}` : base, category, story: story.id, duplicate, language: story.language, a, b });
  };

  for (const story of stories) {
    const others = byLanguage[story.language].filter((s) => s !== story);
    const siteA = furniture(story.language === 'ar' ? 'Alayam' : 'Daily Courier', others, random);
    const siteB = furniture(story.language === 'ar' ? 'Maghress' : 'News Digest', others, random);
    const original = render('portal', story, siteA, `news/${story.id}`);
    const extraParagraph = () => {
      const donor = others[Math.floor(random() * others.length)]!;
      return donor.paragraphs[Math.floor(random() * donor.paragraphs.length)]!;
    };
    const withParagraph = (paragraphs: string[], p: string) => {
      const at = 1 + Math.floor(random() * paragraphs.length);
      return [...paragraphs.slice(0, at), p, ...paragraphs.slice(at)];
    };

    // Positives. Arabic has few source stories, so it gets several random variants of each edit.
    const rounds = story.language === 'ar' ? 6 : 1;
    for (let round = 0; round < rounds; round++) {
      const v = rounds > 1 ? `${round}/` : '';
      const other = round % 2 ? 'portal' : 'aggregator';
      const siteC = round === 0 ? siteB : furniture(`Site ${round}`, others, random);
      if (round < 2) add('template-swap', true, story, original, render(other, story, siteC, `copy/${v}${story.id}`));
      add('headline-change', true, story, original, render(other, { ...story, title: changedHeadline(story.title, story.language, random) }, siteC, `h/${v}${story.id}`));
      add('paragraph-added', true, story, original, render(other, { ...story, paragraphs: withParagraph(story.paragraphs, extraParagraph()) }, siteC, `p/${v}${story.id}`));
      if (story.paragraphs.length >= 2) {
        const drop = Math.floor(random() * story.paragraphs.length);
        add('paragraph-removed', true, story, original, render(other, { ...story, paragraphs: story.paragraphs.filter((_, i) => i !== drop) }, siteC, `r/${v}${story.id}`));
      }
      const noisy = { ...story, paragraphs: story.paragraphs.map((p) => noise(p, story.language, random)) };
      add('normalisation-noise', true, story, original, render(other, noisy, siteC, `n/${v}${story.id}`));
      const everything = {
        ...story,
        title: changedHeadline(story.title, story.language, random),
        paragraphs: withParagraph(story.paragraphs, extraParagraph()).map((p) => noise(p, story.language, random)),
      };
      add('all-edits', true, story, original, render(other, everything, siteC, `all/${v}${story.id}`));
    }
    if (story.htmlPath) {
      const html = gunzipSync(readFileSync(story.htmlPath)).toString('utf8');
      const real = extractArticle(html, story.url);
      add('real-page-vs-aggregator', true, story, { url: story.url, title: real.title, text: real.text }, render('aggregator', story, siteB, `real/${story.id}`));
    }

    // Hard negatives.
    const other = others[Math.floor(random() * others.length)]!;
    add('same-template-other-article', false, story, original, render('portal', other, siteA, `news/${other.id}`));
    const short = (s: Story) => ({ ...s, paragraphs: s.paragraphs.slice(0, 3) });
    add('short-articles-same-template', false, story, render('aggregator', short(story), siteB, `s/${story.id}`), render('aggregator', short(other), siteB, `s/${other.id}`));
    if (story.paragraphs.length >= 4) {
      const half = Math.ceil(story.paragraphs.length / 2);
      const first = render('portal', { ...story, paragraphs: story.paragraphs.slice(0, half) }, siteA, `h1/${story.id}`);
      const second = render('portal', { ...story, title: changedHeadline(story.title, story.language, random), paragraphs: story.paragraphs.slice(half) }, siteA, `h2/${story.id}`);
      // Some pages repeat whole sections (a meal plan shares 59% of its text between halves):
      // halves that share a fifth of their text are not "different articles" and are left out.
      if (sharedFraction(shingleHashes(normalizedWords(first.text), 3), shingleHashes(normalizedWords(second.text), 3)) < 0.2) {
        add('two-halves-of-one-article', false, story, first, second);
      }
    }
    const near = nearest.get(story.id);
    if (near) add('lexically-nearest-story', false, story, original, render('aggregator', near, siteB, `near/${near.id}`));
  }
  // Independent reports of one event in different words (written for the tests).
  const find = (id: string) => stories.find((s) => s.id === id);
  for (const [x, y] of [['own-ar-report', 'own-ar-same-topic'], ['own-en-report', 'own-en-same-topic']] as const) {
    const a = find(x);
    const b = find(y);
    if (!a || !b) continue;
    const f = furniture('Wire', byLanguage[a.language], random);
    add('same-event-other-words', false, a, render('portal', a, f, x), render('portal', b, f, y));
  }
  return pairs;
}
