/**
 * Realistic news pages for tests and benchmarks. The Arabic aggregator page is rebuilt at run
 * time from ../shared/seed/maghress-putin-trump-call.txt (the text of one maghress.com page with
 * navigation, ticker, "report this image" pop-up, article, related links and "read it at the
 * source" link run together) into the markup such a page has; the seed text is never copied into
 * this repository. The English and French pages carry text written for Khabar.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..', '..');
export const SEED_PATH = resolve(repoRoot, '..', 'shared', 'seed', 'maghress-putin-trump-call.txt');

/** A person named in the ticker and nowhere in the seed article. */
export const TICKER_ONLY_NAME = 'نتنياهو';
const TICKER_ONLY_HEADLINE = 'نتنياهو في واشنطن لبحث هدنة غزة';

export type BodyPart = { kind: 'paragraph'; text: string } | { kind: 'subheading'; text: string } | { kind: 'related'; items: string[] };

/** The seed page's parts, as a reader would label them. */
export interface SeedArticle {
  ticker: string[];
  popup: string[];
  title: string;
  /** "نشر في الأيام 24 يوم 19 - 03 - 2025" */
  byline: string;
  /** The source name inside the byline ("الأيام 24"). */
  sourceName: string;
  /** "19 - 03 - 2025" */
  dateText: string;
  /** "Getty Imagesبوتين وترامب": a credit glued to a caption. */
  caption: { credit: string; text: string };
  /** Paragraphs, subheadings and the inline "read also" block, in page order. */
  body: BodyPart[];
  /** Article paragraphs only, subheadings included, related links excluded. */
  paragraphs: string[];
  subheadings: string[];
  /** Every related-link headline: the inline block and the starred list at the end. */
  related: string[];
  /** The starred list after the last paragraph. */
  relatedList: string[];
  sourceLink: string;
}

let cached: SeedArticle | undefined;

/** Lines ending in a full stop (possibly after a closing quote) are paragraphs. */
const ENDS_SENTENCE = /[.!]["»”)]?$|["»”][.]$/;

export function readSeedArticle(): SeedArticle {
  if (cached) return cached;
  const lines = readFileSync(SEED_PATH, 'utf8').split('\n').map((l) => l.replace(/\u00a0/g, ' ').trim());
  const ticker = (lines[0] ?? '').split(/\s{2,}/).map((s) => s.trim()).filter(Boolean);
  if (!ticker.some((h) => h.includes(TICKER_ONLY_NAME))) ticker.push(TICKER_ONLY_HEADLINE);

  const rest = lines.slice(1).filter((l) => l.length > 0);
  const popupStart = rest.findIndex((l) => l.startsWith('شكرا على الإبلاغ'));
  if (popupStart < 0) throw new Error(`seed layout changed: no "report this image" pop-up in ${SEED_PATH}`);
  const popup = rest.slice(popupStart, popupStart + 2);
  const [title, byline, captionLine] = rest.slice(popupStart + 2, popupStart + 5) as [string, string, string];
  const sourceLink = rest[rest.length - 1]!;
  const content = rest.slice(popupStart + 5, rest.length - 1);

  const dateText = /\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{4}/.exec(byline)?.[0] ?? '';
  const sourceName = /نشر في\s+(.+?)\s+يوم/.exec(byline)?.[1] ?? '';
  const creditMatch = /^(Getty Images|AFP|Reuters|EPA)(.*)$/.exec(captionLine);
  const caption = creditMatch ? { credit: creditMatch[1]!, text: creditMatch[2]!.trim() } : { credit: '', text: captionLine };

  const relatedList = content.filter((l) => l.startsWith('*')).map((l) => l.replace(/^\*\s*/, ''));
  const articleLines = content.filter((l) => !l.startsWith('*'));
  // A lone unpunctuated line between paragraphs is a subheading; a run of them is a link block.
  const body: BodyPart[] = [];
  for (let i = 0; i < articleLines.length; ) {
    if (ENDS_SENTENCE.test(articleLines[i]!)) {
      body.push({ kind: 'paragraph', text: articleLines[i]! });
      i++;
      continue;
    }
    let j = i;
    while (j < articleLines.length && !ENDS_SENTENCE.test(articleLines[j]!)) j++;
    const run = articleLines.slice(i, j);
    if (run.length === 1) body.push({ kind: 'subheading', text: run[0]! });
    else body.push({ kind: 'related', items: run });
    i = j;
  }
  const paragraphs = body.flatMap((p) => (p.kind === 'related' ? [] : [p.text]));
  const subheadings = body.flatMap((p) => (p.kind === 'subheading' ? [p.text] : []));
  const related = [...body.flatMap((p) => (p.kind === 'related' ? p.items : [])), ...relatedList];
  cached = { ticker, popup, title, byline, sourceName, dateText, caption, body, paragraphs, subheadings, related, relatedList, sourceLink };
  return cached;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const e = escapeHtml;

/** A short Arabic article written for Khabar: same template, another story. */
export const OTHER_ARABIC_ARTICLE = {
  title: 'محطة جديدة لتحلية مياه البحر تدخل الخدمة جنوب الدار البيضاء',
  paragraphs: [
    'دخلت محطة جديدة لتحلية مياه البحر الخدمة جنوب مدينة الدار البيضاء، في خطوة تهدف إلى تأمين مياه الشرب لأكثر من مليوني نسمة بعد سنوات متتالية من الجفاف.',
    'وقال مسؤولون في المكتب الوطني للكهرباء والماء الصالح للشرب إن الطاقة الإنتاجية للمحطة ستبلغ في مرحلتها الأولى مئتي مليون متر مكعب سنويا، على أن ترتفع إلى ثلاثمئة مليون متر مكعب بحلول نهاية العقد.',
    'مصادر الطاقة',
    'وتعتمد المحطة بشكل أساسي على الكهرباء المنتجة من مزارع الرياح في الأقاليم الجنوبية، وهو ما يقلل، بحسب القائمين على المشروع، من كلفة المتر المكعب ومن الانبعاثات المرتبطة بعملية التحلية.',
    'ويرى خبراء في قطاع الماء أن المشروع خطوة ضرورية لكنها غير كافية، داعين إلى ترشيد استهلاك المياه في الزراعة التي تستهلك الجزء الأكبر من الموارد المائية في البلاد.',
    'وأضاف أحد المهندسين العاملين في المحطة أن الفرق التقنية أجرت اختبارات استمرت ثلاثة أشهر قبل ربط المحطة بشبكة التوزيع، مؤكدا أن جودة المياه المنتجة مطابقة للمعايير الوطنية والدولية.',
  ],
  subheadings: ['مصادر الطاقة'],
  related: ['ارتفاع منسوب السدود بعد التساقطات الأخيرة', 'الحكومة تعلن برنامجا جديدا لدعم الفلاحين المتضررين من الجفاف'],
};

export type AggregatorTemplate = 'maghress' | 'portal' | 'table' | 'newsroom';

export interface AggregatorPageOptions {
  /** The article headline. Default: the seed's. */
  title?: string;
  /**
   * Another article body (paragraphs in order; a line listed in `subheadings` is rendered as an
   * h2). Default: the seed's body with its inline "read also" block.
   */
  paragraphs?: string[];
  subheadings?: string[];
  /** Address of the page (og:url). Default: a maghress.com article URL. */
  url?: string;
  /** <link rel=canonical>; default `url`; null leaves the page without one. */
  canonicalUrl?: string | null;
  /**
   * Site layout: 'maghress' (aggregator, byline date), 'portal' (another site: HTML5, JSON-LD,
   * <time>), 'table' (an old table-and-font layout, paragraphs split by <br><br>, no h1) or
   * 'newsroom' (a busy news site: inline "اقرأ أيضا" links, author box, tags, readers' comments in
   * Arabic, a "most read" box with teaser paragraphs, newsletter box; no helpful class names).
   */
  template?: AggregatorTemplate;
  /** Ticker headlines. Default: the seed's ticker, which names someone absent from the article. */
  ticker?: string[];
  /** Byline date as printed. Default: the seed's "19 - 03 - 2025". */
  dateText?: string;
}

export const DEFAULT_AGGREGATOR_URL = 'https://www.maghress.com/alayam24/5072914';
export const OTHER_AGGREGATOR_URL = 'https://www.maghress.com/alayam24/5072999';

function navLinks(items: string[], cls: string): string {
  return `<ul class="${cls}">${items.map((t, i) => `<li><a href="/category/${i + 1}">${e(t)}</a></li>`).join('')}</ul>`;
}

function bodyParts(opts: AggregatorPageOptions, seed: SeedArticle): BodyPart[] {
  if (!opts.paragraphs) return seed.body;
  const subs = new Set(opts.subheadings ?? []);
  return opts.paragraphs.map((text) => (subs.has(text) ? { kind: 'subheading', text } : { kind: 'paragraph', text }));
}

function renderBody(parts: BodyPart[], headingTag: 'h2' | 'strong'): string {
  return parts
    .map((p, i) => {
      if (p.kind === 'paragraph') return `<p>${e(p.text)}</p>`;
      if (p.kind === 'subheading') return headingTag === 'h2' ? `<h2>${e(p.text)}</h2>` : `<p><strong>${e(p.text)}</strong></p>`;
      return `<ul class="read-also">${p.items.map((t, j) => `<li><a href="/news/${9100 + i * 10 + j}">${e(t)}</a></li>`).join('')}</ul>`;
    })
    .join('\n');
}

/** A maghress.com-like aggregator page (dir=rtl, lang=ar) holding the seed article, or another one. */
export function buildAggregatorPage(opts: AggregatorPageOptions = {}): string {
  const seed = readSeedArticle();
  // Another article gets another address unless the caller says otherwise.
  const url = opts.url ?? (opts.paragraphs ? OTHER_AGGREGATOR_URL : DEFAULT_AGGREGATOR_URL);
  const canonical = opts.canonicalUrl === undefined ? url : opts.canonicalUrl;
  const title = opts.title ?? (opts.paragraphs ? OTHER_ARABIC_ARTICLE.title : seed.title);
  const ticker = opts.ticker ?? seed.ticker;
  const dateText = opts.dateText ?? seed.dateText;
  const parts = bodyParts(opts, seed);
  const related = opts.paragraphs ? OTHER_ARABIC_ARTICLE.related : seed.relatedList;
  const template = opts.template ?? 'maghress';
  const page = { url, canonical, title, ticker, dateText, parts, related, seed };
  if (template === 'portal') return portalPage(page);
  if (template === 'table') return tablePage(page);
  if (template === 'newsroom') return newsroomPage(page);
  return maghressPage(page);
}

interface PageParts {
  url: string;
  canonical: string | null;
  title: string;
  ticker: string[];
  dateText: string;
  parts: BodyPart[];
  related: string[];
  seed: SeedArticle;
}

const SECTIONS = ['الرئيسية', 'سياسة', 'اقتصاد', 'مجتمع', 'رياضة', 'ثقافة', 'دولية', 'تكنولوجيا'];

function maghressPage(p: PageParts): string {
  const { seed } = p;
  return `<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>${e(p.title)} - مغرس</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
${p.canonical ? `<link rel="canonical" href="${e(p.canonical)}">` : ''}
<meta property="og:type" content="article">
<meta property="og:site_name" content="مغرس">
<meta property="og:title" content="${e(p.title)}">
<meta property="og:url" content="${e(p.url)}">
<meta property="og:image" content="https://www.maghress.com/images/logo-share.png">
<link rel="stylesheet" href="/css/style.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
</head>
<body>
<div id="top">
  <div class="logo"><a href="/"><img src="/images/logo.png" alt="مغرس"></a></div>
  <div class="top-menu">${navLinks(SECTIONS, 'menu')}</div>
  <form class="search-form" action="/search"><input type="text" name="q" placeholder="بحث"><button>بحث</button></form>
</div>
<div class="latest-news">
  <span class="latest-label">آخر الأخبار</span>
  <div class="ticker-items">
    ${p.ticker.map((h, i) => `<a href="/alayam24/${5072000 + i}">${e(h)}</a>`).join('\n    ')}
  </div>
</div>
<div class="modal fade" id="reportImageModal" tabindex="-1">
  <div class="modal-dialog"><div class="modal-content">
    <div class="modal-body"><p class="thanks">${e(seed.popup[0] ?? '')}</p><p>${e(seed.popup[1] ?? '')}</p></div>
  </div></div>
</div>
<div id="container">
  <div id="content">
    <div class="news-item">
      <h1 class="news-title">${e(p.title)}</h1>
      <div class="news-info">نشر في <a href="/alayam24">${e(seed.sourceName)}</a> يوم ${e(p.dateText)}</div>
      <div class="news-image">
        <img src="https://www.maghress.com/pictures/alayam24/5072914.jpg" alt="">
        <div class="image-caption"><span class="credit">${e(seed.caption.credit)}</span>${e(seed.caption.text)}</div>
        <a class="report-image" href="#" data-toggle="modal" data-target="#reportImageModal">الإبلاغ عن صورة</a>
      </div>
      <div class="news-text">
${renderBody(p.parts, 'h2')}
      </div>
      <ul class="news-related">
        ${p.related.map((t, i) => `<li>* <a href="/alayam24/${5071000 + i}">${e(t)}</a></li>`).join('\n        ')}
      </ul>
      <div class="source-link"><a href="https://www.alayam24.com/articles/257381" rel="nofollow" target="_blank">${e(seed.sourceLink)}</a></div>
    </div>
  </div>
  <div id="sidebar">
    <h3>الأكثر قراءة</h3>
    ${navLinks(p.ticker.slice(0, 8), 'most-read')}
  </div>
</div>
<div id="bottom">
  ${navLinks(['من نحن', 'اتصل بنا', 'سياسة الخصوصية'], 'footer-links')}
  <p>جميع الحقوق محفوظة © مغرس 2025</p>
</div>
</body>
</html>
`;
}

/** Another site's layout: HTML5 article markup, JSON-LD and a <time> element, no byline text. */
function portalPage(p: PageParts): string {
  const { seed } = p;
  const [dd, mm, yyyy] = p.dateText.split(/\s*-\s*/);
  const iso = yyyy && mm && dd ? `${yyyy}-${mm.padStart(2, '0')}-${dd.padStart(2, '0')}T10:15:00+01:00` : '';
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: p.title,
    datePublished: iso,
    author: [{ '@type': 'Person', name: 'هيئة التحرير' }],
    publisher: { '@type': 'Organization', name: seed.sourceName || 'الأيام 24' },
    mainEntityOfPage: p.canonical ?? p.url,
  };
  return `<!doctype html>
<html dir="rtl" lang="ar-MA">
<head>
<meta charset="utf-8">
<title>${e(p.title)} | ${e(seed.sourceName)}</title>
${p.canonical ? `<link rel="canonical" href="${e(p.canonical)}">` : ''}
<meta property="og:type" content="article">
<meta property="og:title" content="${e(p.title)}">
<meta property="article:section" content="دولية">
<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>
</head>
<body class="single single-post">
<header class="site-header">
  <a class="brand" href="/">${e(seed.sourceName)}</a>
  <nav class="main-nav">${navLinks(SECTIONS, 'nav-list')}</nav>
</header>
<section class="breaking-bar"><strong>عاجل</strong> ${p.ticker.slice(0, 12).map((h, i) => `<a href="/articles/${250000 + i}">${e(h)}</a>`).join(' | ')}</section>
<main class="site-main">
  <article class="post">
    <header class="entry-header">
      <span class="cat"><a href="/category/world">دولية</a></span>
      <h1 class="entry-title">${e(p.title)}</h1>
      <div class="entry-meta"><time datetime="${iso}">${e(p.dateText.replace(/\s+/g, ''))}</time></div>
    </header>
    <figure class="wp-block-image"><img src="/uploads/2025/03/putin-trump.jpg" alt=""><figcaption>${e(seed.caption.text)} (${e(seed.caption.credit)})</figcaption></figure>
    <div class="entry-content">
${renderBody(p.parts, 'strong')}
    </div>
    <div class="share-buttons"><a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
  </article>
  <section class="related-posts"><h3>مقالات ذات صلة</h3>
    ${p.related.map((t, i) => `<article class="card"><a href="/articles/${249000 + i}"><h4>${e(t)}</h4></a></article>`).join('\n    ')}
  </section>
  <div id="comments" class="comments-area"><h3>أضف تعليقك</h3><form><textarea name="comment"></textarea></form></div>
</main>
<footer class="site-footer"><p>جميع الحقوق محفوظة</p></footer>
</body>
</html>
`;
}

/** Teasers of other stories, each with a summary long enough to look like prose. */
const TEASERS = [
  ['الحكومة تصادق على مشروع قانون المالية', 'صادق مجلس الحكومة، اليوم الخميس، على مشروع قانون المالية للسنة المقبلة، الذي يتضمن إجراءات جديدة لدعم القدرة الشرائية للأسر وتشجيع الاستثمار في المناطق القروية.'],
  ['ارتفاع أسعار المحروقات في محطات الوقود', 'عرفت أسعار المحروقات ارتفاعا جديدا في محطات الوقود بمختلف المدن، وسط مطالب بتسقيف الأسعار ومراجعة هوامش الربح التي تحققها شركات التوزيع.'],
  ['انطلاق الدورة الجديدة للمعرض الدولي للكتاب', 'انطلقت بالرباط فعاليات الدورة الجديدة للمعرض الدولي للنشر والكتاب، بمشاركة مئات العارضين من دول عربية وأجنبية وبرنامج ثقافي غني.'],
];

const COMMENTS = [
  ['مواطن', 'مقال جيد ومفصل، لكن السؤال الحقيقي هو هل ستلتزم الأطراف بما تم الاتفاق عليه أم أن الأمر مجرد تصريحات إعلامية لا أكثر.'],
  ['قارئ من فاس', 'الحرب لن تتوقف بمكالمة هاتفية، والشعوب هي التي تدفع الثمن دائما، نتمنى أن يعم السلام في كل مكان.'],
];

/** A busy news site where only the structure tells the article from the rest. */
function newsroomPage(p: PageParts): string {
  const { seed } = p;
  const firstRelated = p.related[0] ?? '';
  let paragraphCount = 0;
  const body = p.parts
    .map((part) => {
      if (part.kind === 'subheading') return `<h3>${e(part.text)}</h3>`;
      if (part.kind === 'related') return part.items.map((t, i) => `<p>اقرأ أيضا: <a href="/news/${3000 + i}">${e(t)}</a></p>`).join('\n');
      paragraphCount++;
      const inline = paragraphCount === 2 && firstRelated ? `\n<p><strong>اقرأ أيضا:</strong> <a href="/news/2999">${e(firstRelated)}</a></p>` : '';
      return `<p>${e(part.text)}</p>${inline}`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><title>${e(p.title)} | نيوزروم</title>
${p.canonical ? `<link rel="canonical" href="${e(p.canonical)}">` : ''}
<meta name="description" content="${e(p.title)}">
</head>
<body>
<div class="c1"><a href="/">نيوزروم</a> ${SECTIONS.map((s, i) => `<a href="/s/${i}">${e(s)}</a>`).join(' ')}</div>
<div class="c2">${p.ticker.slice(0, 10).map((h, i) => `<a href="/news/${4000 + i}">${e(h)}</a>`).join(' - ')}</div>
<div class="c3">
  <div class="c4">
    <h1>${e(p.title)}</h1>
    <div class="c5"><a href="/author/12">هيئة التحرير</a> | ${e(p.dateText)}</div>
    <div class="c6">
${body}
    </div>
    <div class="c7">الوسوم: <a href="/t/1">روسيا</a> <a href="/t/2">أوكرانيا</a> <a href="/t/3">الولايات المتحدة</a></div>
    <div class="c8"><img src="/a.jpg" alt=""><p>هيئة التحرير: فريق من الصحافيين يتابع الأخبار الدولية والوطنية على مدار الساعة.</p></div>
    <div class="c9"><h3>التعليقات</h3>
      ${COMMENTS.map(([who, text]) => `<div class="c10"><b>${e(who!)}</b><p>${e(text!)}</p></div>`).join('\n      ')}
    </div>
  </div>
  <div class="c11"><h3>الأكثر قراءة</h3>
    ${TEASERS.map(([t, summary], i) => `<div class="c12"><a href="/news/${5000 + i}">${e(t!)}</a><p>${e(summary!)}</p></div>`).join('\n    ')}
  </div>
  <div class="c13"><p>اشترك في النشرة البريدية ليصلك ملخص الأخبار كل صباح</p></div>
</div>
<div class="c14">جميع الحقوق محفوظة © نيوزروم 2025</div>
</body>
</html>
`;
}

/** The layout of Arabic portals from the 2000s, still online: tables, <font>, <br><br>. */
function tablePage(p: PageParts): string {
  const { seed } = p;
  const body = p.parts
    .map((part) => {
      if (part.kind === 'paragraph') return `${e(part.text)}<br><br>`;
      if (part.kind === 'subheading') return `<b>${e(part.text)}</b><br>`;
      return part.items.map((t, i) => `<a href="news.php?id=${7000 + i}"><font color="#003399">${e(t)}</font></a><br>`).join('\n');
    })
    .join('\n');
  return `<html dir="rtl">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>${e(p.title)} :: ${e(seed.sourceName)}</title>
${p.canonical ? `<link rel="canonical" href="${e(p.canonical)}">` : ''}
</head>
<body bgcolor="#FFFFFF" topmargin="0">
<table width="100%" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="2" bgcolor="#003366"><img src="images/logo.gif" width="200" height="60"> ${SECTIONS.map((s, i) => `<a href="cat.php?id=${i}"><font color="#FFFFFF">${e(s)}</font></a>`).join(' | ')}</td></tr>
<tr>
<td width="190" valign="top" bgcolor="#EEEEEE">
<font size="2"><b>آخر الأخبار</b><br>
${p.ticker.slice(0, 15).map((h, i) => `<a href="news.php?id=${6000 + i}">${e(h)}</a><br>`).join('\n')}
</font>
</td>
<td valign="top">
<font size="5" color="#990000"><b>${e(p.title)}</b></font><br>
<font size="1" color="#666666">نشر في ${e(seed.sourceName)} يوم ${e(p.dateText)}</font><br><br>
<img src="images/news/5072914.jpg" width="400"><br><br>
<font size="3">
${body}
</font>
<br>
${p.related.map((t, i) => `* <a href="news.php?id=${8000 + i}">${e(t)}</a><br>`).join('\n')}
<br><a href="https://www.alayam24.com/articles/257381">${e(seed.sourceLink)}</a>
</td>
</tr>
<tr><td colspan="2" align="center"><font size="1">جميع الحقوق محفوظة 2005 - 2025</font></td></tr>
</table>
</body>
</html>
`;
}

/** Text written for Khabar: a short English news article with nav, related links and a cookie banner. */
export const ENGLISH_ARTICLE = {
  title: 'Zelenskyy says Kyiv will study any ceasefire plan after Putin call',
  paragraphs: [
    'KYIV — Ukrainian President Volodymyr Zelenskyy said on Wednesday that his government would study any proposal for a ceasefire, a day after Vladimir Putin and the U.S. president discussed the war in a long phone call.',
    'Speaking to reporters in the capital, Zelenskyy said Ukraine needed to see the details of what had been agreed before it could respond, and he repeated that no deal about Ukraine could be made without Ukrainians at the table.',
    'What was agreed',
    'According to statements released after the call, the two leaders agreed to pause strikes on energy infrastructure for thirty days. Officials in Kyiv said overnight drone attacks had continued, hitting a hospital and cutting power in several towns.',
    'European leaders welcomed the talks but warned that a lasting peace would require security guarantees for Ukraine. Several governments said they would keep sending military aid while negotiations went on.',
    'Analysts said the coming weeks would show whether the pause on energy strikes holds, and whether technical talks planned in the Middle East can widen it into a broader truce.',
  ],
  subheadings: ['What was agreed'],
  related: ['Putin sets conditions for a full ceasefire', 'Explainer: what a Black Sea truce would mean', 'Markets rally on hopes of talks'],
  publishedAt: '2025-03-19T09:30:00Z',
  author: 'Jane Morrow',
  url: 'https://news.example.com/world/2025/03/19/zelenskyy-ceasefire-plan',
};

export function buildEnglishArticlePage(opts: { url?: string; canonicalUrl?: string | null } = {}): string {
  const a = ENGLISH_ARTICLE;
  const url = opts.url ?? a.url;
  const canonical = opts.canonicalUrl === undefined ? url : opts.canonicalUrl;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${e(a.title)} | Example News</title>
${canonical ? `<link rel="canonical" href="${e(canonical)}">` : ''}
<meta property="og:type" content="article">
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="${e(a.title)}">
<meta property="article:published_time" content="${a.publishedAt}">
<meta name="author" content="${e(a.author)}">
<meta property="article:section" content="World">
<meta property="article:tag" content="Ukraine">
<meta property="article:tag" content="Russia">
</head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.</p><button>Accept all</button></div>
<nav class="site-nav"><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav>
<main>
  <article>
    <h1>${e(a.title)}</h1>
    <p class="byline">By <a rel="author" href="/staff/jane-morrow">${e(a.author)}</a> · March 19, 2025</p>
    <div class="article-body">
${a.paragraphs.map((t) => (a.subheadings.includes(t) ? `<h2>${e(t)}</h2>` : `<p>${e(t)}</p>`)).join('\n')}
    </div>
    <div class="related"><h3>Related</h3><ul>${a.related.map((t, i) => `<li><a href="/world/${i}">${e(t)}</a></li>`).join('')}</ul></div>
  </article>
</main>
<footer><p>© 2025 Example News. All rights reserved.</p></footer>
</body>
</html>
`;
}

/** Text written for Khabar: a short French news article with nav, related links and a cookie banner. */
export const FRENCH_ARTICLE = {
  title: 'Ukraine : Zelensky prudent après l’appel entre Vladimir Poutine et Donald Trump',
  paragraphs: [
    'Le président ukrainien Volodymyr Zelensky a accueilli avec prudence, mercredi, l’annonce d’une pause des frappes contre les infrastructures énergétiques, au lendemain d’un long entretien téléphonique entre Vladimir Poutine et Donald Trump.',
    'Selon Kiev, des drones russes ont pourtant visé pendant la nuit plusieurs villes de l’est du pays, dont un hôpital, ce qui montre selon le chef de l’État que la pression sur Moscou doit continuer.',
    'Des garanties demandées',
    'À Berlin, le chancelier allemand et le président français ont promis de poursuivre leur soutien militaire à l’Ukraine, tout en saluant l’ouverture de discussions techniques prévues dans les prochains jours.',
    'Plusieurs diplomates européens estiment qu’un cessez-le-feu durable restera fragile tant que la question des garanties de sécurité ne sera pas tranchée.',
  ],
  subheadings: ['Des garanties demandées'],
  related: ['Ce que l’on sait du plan de cessez-le-feu', 'Mer Noire : une trêve maritime est-elle possible ?'],
  url: 'https://actu.example.fr/international/ukraine-zelensky-prudent-apres-appel-poutine-trump_48213',
};

export function buildFrenchArticlePage(opts: { url?: string; canonicalUrl?: string | null } = {}): string {
  const a = FRENCH_ARTICLE;
  const url = opts.url ?? a.url;
  const canonical = opts.canonicalUrl === undefined ? url : opts.canonicalUrl;
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>${e(a.title)} - Actu Exemple</title>
${canonical ? `<link rel="canonical" href="${e(canonical)}">` : ''}
<meta property="og:site_name" content="Actu Exemple">
</head>
<body>
<div class="bandeau-cookies" role="dialog"><p>Nous utilisons des cookies pour mesurer l’audience et personnaliser les contenus.</p><button>Tout accepter</button></div>
<div class="menu-principal"><a href="/">Accueil</a> <a href="/international">International</a> <a href="/politique">Politique</a> <a href="/economie">Économie</a></div>
<div class="contenu">
  <h1>${e(a.title)}</h1>
  <p class="signature">Par la rédaction · Publié le 19 mars 2025 à 14h30</p>
  <div class="texte">
${a.paragraphs.map((t) => (a.subheadings.includes(t) ? `<h2>${e(t)}</h2>` : `<p>${e(t)}</p>`)).join('\n')}
  </div>
  <div class="a-lire-aussi"><p>À lire aussi</p><ul>${a.related.map((t, i) => `<li><a href="/international/${i}">${e(t)}</a></li>`).join('')}</ul></div>
</div>
</body>
</html>
`;
}
