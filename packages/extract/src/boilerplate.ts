/**
 * Structural boilerplate: subtrees that are never article body, decided from the element alone
 * (tag, ARIA role, hidden state, class/id words). Text-level rules (link density, bylines,
 * "read more" lines) live in body-filter.ts, which sees the text.
 */
import type { Element } from './dom.js';

/** Never body: scripts, media, forms controls, page chrome, captions, tickers, dialogs. */
const SKIP_TAGS = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'embed',
  'video', 'audio', 'map', 'nav', 'aside', 'footer', 'header', 'button', 'select', 'option', 'textarea',
  'input', 'label', 'dialog', 'menu', 'figcaption', 'marquee', 'link', 'meta', 'title', 'picture', 'source',
]);

const SKIP_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'dialog', 'alertdialog', 'menu', 'menubar',
  'search', 'toolbar', 'tablist', 'button', 'form', 'marquee', 'timer', 'status',
]);

/** Anywhere inside one class/id token: these name a widget whatever else the token says. */
const STRONG = /comment(?!ary)|cookie|consent|gdpr|modal|popup|pop-up|lightbox|share|sharing|social|related|newsletter|subscri|ticker|breaking-?news|breadcrumb|outbrain|taboola|advert|sponsor|promo|paywall|disqus|recirc|rightrail|right-rail|sidebar|signup|sign-up|overlay|tooltip|dropdown|offcanvas|off-canvas|jp-relatedposts|yarpp|addthis|sharethis|printfriendly|hidden-print/;

const TAXONOMY = /^(?:category|tag|format|status|type|postid|post-format|topic)-/;

/** Reader comments are running text that is never the article: the one class rule that is final. */
const COMMENTS = /comment(?!ary)|disqus/i;

/** Whole words of a class/id token (split on - and _): chrome, even beside a content word. */
const WEAK_WORDS = new Set([
  'nav', 'navbar', 'navigation', 'menu', 'footer', 'header', 'masthead', 'widget', 'widgets', 'banner', 'meta',
  'byline', 'caption', 'credit', 'credits', 'pagination', 'pager', 'print', 'toolbar', 'trending', 'popular',
  'recommended', 'recommendations', 'teaser', 'teasers', 'tags', 'tag', 'author', 'authors', 'bio', 'ad', 'ads',
  'adsense', 'dfp', 'adslot', 'adunit', 'login', 'signin', 'rating',
  'poll', 'survey', 'donate', 'donation', 'skip', 'masthead', 'topbar', 'copyright', 'disclaimer', 'most', 'mostread',
  'timestamp', 'date', 'dateline', 'infobox', 'photo', 'gallery', 'slideshow', 'carousel', 'video', 'player', 'audio',
  'reactions', 'votes', 'feedback', 'newsletter', 'breaking', 'alert', 'notification', 'popover', 'cta',
  'readmore', 'more', 'next', 'prev', 'previous', 'also', 'aside', 'rail', 'sidebar', 'extra', 'tools', 'utility',
  'utilities', 'links', 'list', 'listing', 'headlines', 'latest', 'category', 'categories', 'tagline', 'logo',
  'brand', 'search', 'lang', 'language', 'switcher', 'weather', 'contact', 'follow', 'download',
]);

/** Whole class tokens that hide an element from sighted readers (CSS utility classes). */
const HIDING_TOKENS = new Set([
  'hidden', 'hide', 'invisible', 'sr-only', 'visually-hidden', 'visuallyhidden', 'screen-reader-text',
  'screenreader-only', 'd-none', 'is-hidden', 'u-hidden', 'offscreen', 'element-invisible', 'hide-for-print',
]);

const POSITIVE_WORDS = new Set([
  'article', 'articles', 'body', 'content', 'contents', 'entry', 'main', 'post', 'story', 'text', 'hentry',
  'blog', 'prose', 'richtext', 'rte', 'paragraph', 'detail', 'details', 'single', 'news', 'page', 'maincontent',
  'articlebody', 'storybody', 'postbody', 'entrycontent', 'copy',
]);

/** Containers that wrap the article itself; their class lists (WordPress "tag-x") are not signals. */
export const EXEMPT_TAGS = new Set(['html', 'body', 'main', 'article']);

/** 'strong': a widget name; 'weak': chrome unless it turns out to hold the article. */
export type ClassSignal = 'hidden' | 'strong' | 'weak' | 'positive' | 'neutral';

function words(token: string): string[] {
  return token.split(/[-_:.]+/).filter(Boolean);
}

/** What the class and id words say about a subtree. */
export function classSignal(el: Element): ClassSignal {
  const cls = el.attribs.class;
  const id = el.attribs.id;
  if (!cls && !id) return 'neutral';
  const raw = id ? `${cls ?? ''} ${id}` : cls!;
  // Pages repeat the same class strings hundreds of times; the answer depends on the string alone.
  const cached = SIGNALS.get(raw);
  if (cached) return cached;
  const signal = signalOf(raw);
  if (SIGNALS.size > 10_000) SIGNALS.clear();
  SIGNALS.set(raw, signal);
  return signal;
}

const SIGNALS = new Map<string, ClassSignal>();

function signalOf(raw: string): ClassSignal {
  const tokens = raw.trim().toLowerCase().split(/\s+/);
  if (tokens.length === 1 && tokens[0] === '') return 'neutral';
  // Bootstrap's "collapse" is display:none until a click adds "show" (or "in" in v3).
  if (tokens.includes('collapse') && !tokens.includes('show') && !tokens.includes('in')) return 'hidden';
  let weak = false;
  let positive = false;
  for (const token of tokens) {
    // WordPress puts the post's taxonomy in its classes ("category-news", "tag-video"): labels, not layout.
    if (TAXONOMY.test(token)) continue;
    if (HIDING_TOKENS.has(token)) return 'hidden';
    if (STRONG.test(token)) return 'strong';
    for (const w of words(token)) {
      if (WEAK_WORDS.has(w)) weak = true;
      else if (POSITIVE_WORDS.has(w)) positive = true;
    }
  }
  // "entry-footer", "article-meta", "content-sidebar": the chrome word names the part.
  if (weak) return 'weak';
  return positive ? 'positive' : 'neutral';
}

function hidden(el: Element): boolean {
  const a = el.attribs;
  if ('hidden' in a) return true;
  if (a['aria-hidden'] === 'true') return true;
  if (a['aria-modal'] === 'true') return true;
  const style = a.style;
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  return false;
}

/**
 * 'skip': the subtree is page furniture, never article body. 'doubt': its class words say chrome,
 * but wrappers are named carelessly (id="app", class="main-list"), so the caller keeps it if it
 * turns out to hold a lot of running text. 'keep': read it.
 */
export type Verdict = 'skip' | 'doubt' | 'keep';

export function judgeElement(el: Element): Verdict {
  const name = el.name;
  if (SKIP_TAGS.has(name)) return 'skip';
  if (hidden(el)) return 'skip';
  const role = el.attribs.role;
  if (role && SKIP_ROLES.has(role.toLowerCase())) return 'skip';
  if (EXEMPT_TAGS.has(name)) return 'keep';
  if (el.attribs.itemprop === 'articleBody') return 'keep';
  const signal = classSignal(el);
  if (signal === 'hidden') return 'skip';
  if (signal === 'strong' && COMMENTS.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`)) return 'skip';
  // Class names are careless ("content-with-sidebar", "modal-enabled", "paywall" on the article
  // itself): a class never removes running text for sure, it only puts it in doubt.
  return signal === 'strong' || signal === 'weak' ? 'doubt' : 'keep';
}

/** True when the subtree rooted at `el` is page furniture for sure. */
export function isBoilerplateElement(el: Element): boolean {
  return judgeElement(el) === 'skip';
}
