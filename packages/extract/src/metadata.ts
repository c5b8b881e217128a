/**
 * Facts about the article from what the page declares (JSON-LD, Open Graph, meta tags, links),
 * each with a fixed fallback order. Visible-text fallbacks (byline dates, h1 titles) live with the
 * content rules, which know where the article is.
 */
import { dateFromUrl, parseDateValue } from './dates.js';
import type { PageFacts } from './page-facts.js';
import { squash } from './text.js';

const ARTICLE_TYPES = /^(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle|TechArticle|SocialMediaPosting|VideoObject)$/i;
const LISTING_TYPES = /^(?:CollectionPage|ItemList|SearchResultsPage|ProfilePage)$/i;

export interface Metadata {
  title?: string;
  titleTag?: string;
  description?: string;
  publishedAt?: string;
  modifiedAt?: string;
  authors: string[];
  siteName?: string;
  canonicalUrl: string;
  image?: string;
  section?: string;
  tags: string[];
  /** The page calls itself an article (og:type, JSON-LD type, article:* meta). */
  declaresArticle: boolean;
  /** The page calls itself a collection or search results. */
  declaresListing: boolean;
}

function types(obj: Record<string, unknown>): string[] {
  const t = obj['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return squash(value) || undefined;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return str(value[0]);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return str(o.name ?? o.url ?? o['@value'] ?? o.contentUrl);
  }
  return undefined;
}

function names(value: unknown, depth = 0): string[] {
  if (depth > 3 || value === null || value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.slice(0, 20).flatMap((v) => names(v, depth + 1));
  if (typeof value === 'object') {
    const n = (value as Record<string, unknown>).name;
    return typeof n === 'string' ? [n] : names(n, depth + 1);
  }
  return [];
}

export function resolveUrl(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** An author value that is really a URL, an e-mail or a site name is not a person. */
function cleanAuthor(raw: string): string | undefined {
  let a = squash(raw)
    .replace(/^(?:by|par|de|بقلم|كتب|كتبه|كتبت|إعداد|اعداد|تأليف)\s*[:：]?\s+/iu, '')
    .replace(/\s*[|•·]\s*.*$/, '')
    .replace(/\s+(?:published|updated|posted|publié|mis à jour)\b.*$/i, '')
    .trim();
  a = a.replace(/^[\s:،,-]+|[\s:،,-]+$/g, '');
  if (!a || a.length > 80 || /^https?:|www\.|@|\.com\b/i.test(a)) return undefined;
  if (!/\p{L}/u.test(a)) return undefined;
  return a;
}

export function splitAuthors(raws: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of raws) {
    for (const part of raw.split(/\s*(?:,|،|;|\band\b|\bet\b|&| و(?=\s))\s*/u)) {
      const a = cleanAuthor(part);
      if (!a) continue;
      const key = a.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(a);
    }
  }
  return out.slice(0, 10);
}

const BYLINE_NAMES = /^(?:by|written by|par|por|von|بقلم|كتب|كتبت|إعداد)\s*:?\s+(.+)$/iu;

/**
 * Names in a printed byline: "By Jane Morrow · March 19, 2025", "بقلم: كريم العلوي". With
 * `requirePrefix`, text without a "By"-like start is not a byline.
 */
export function authorsFromByline(text: string, requirePrefix: boolean): string[] {
  const m = BYLINE_NAMES.exec(squash(text));
  if (!m && requirePrefix) return [];
  const rest = m ? m[1]! : squash(text);
  // The names end where a date, a separator or an "updated" note begins.
  const names = rest.split(/\s*(?:[|·•—–]|\s-\s|\d|,\s*(?:updated|published|le|on)\b)/iu)[0]!;
  if (names.split(/\s+/).length > 8) return [];
  return splitAuthors([names]);
}

function tagList(values: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    for (const part of v.split(/\s*[,،;|]\s*/u)) {
      const t = squash(part);
      if (!t || t.length > 60) continue;
      const key = t.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(t);
    }
  }
  return out.slice(0, 30);
}

function hostName(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

export function readMetadata(facts: PageFacts, url: string): Metadata {
  const meta = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = facts.meta.get(k)?.[0];
      if (v) return v;
    }
    return undefined;
  };
  const metaAll = (...keys: string[]): string[] => keys.flatMap((k) => facts.meta.get(k) ?? []);

  const ld = facts.jsonLd.find((o) => types(o).some((t) => ARTICLE_TYPES.test(t)));
  const webPage = facts.jsonLd.find((o) => types(o).some((t) => /WebPage$/i.test(t)));
  const org = facts.jsonLd.find((o) => types(o).some((t) => /^(?:Organization|NewsMediaOrganization|WebSite)$/i.test(t)));
  const ogType = meta('og:type')?.toLowerCase();

  const declaresArticle =
    ld !== undefined ||
    ogType === 'article' ||
    facts.meta.has('article:published_time') ||
    facts.times.some((t) => t.role === 'published');
  const declaresListing = facts.jsonLd.some((o) => types(o).some((t) => LISTING_TYPES.test(t)));

  // Sources are read lazily, in order: most pages stop at the first one.
  const date = (...sources: (() => string | undefined)[]): string | undefined => {
    for (const source of sources) {
      const d = parseDateValue(source());
      if (d) return d;
    }
    return undefined;
  };
  const publishedTime = facts.times.find((t) => t.role === 'published');
  const modifiedTime = facts.times.find((t) => t.role === 'modified');
  const publishedAt = date(
    () => str(ld?.datePublished),
    () => str(ld?.dateCreated),
    () => meta('article:published_time', 'og:article:published_time', 'article.published', 'datepublished', 'published_time'),
    () => meta('pubdate', 'publishdate', 'publish-date', 'publish_date', 'date', 'dc.date', 'dc.date.issued', 'dcterms.date', 'dcterms.created', 'dcterms.issued'),
    () => meta('sailthru.date', 'parsely-pub-date', 'cxenseparse:recs:publishtime', 'article:published', 'og:published_time', 'originalpublicationdate'),
    () => publishedTime?.datetime,
    () => publishedTime?.text,
    () => str(webPage?.datePublished),
    () => dateFromUrl(url),
  );
  const modifiedAt = date(
    () => str(ld?.dateModified),
    () => meta('article:modified_time', 'og:updated_time', 'og:article:modified_time', 'datemodified', 'modified_time', 'last-modified', 'dcterms.modified'),
    () => modifiedTime?.datetime,
    () => str(webPage?.dateModified),
  );

  const authors = splitAuthors([
    ...names(ld?.author),
    ...names(ld?.creator),
    ...metaAll('author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'byl').filter((a) => !/^https?:/.test(a)),
    ...facts.authorTexts,
  ]);
  if (authors.length === 0) {
    for (const text of facts.bylineTexts) {
      const found = authorsFromByline(text, false);
      if (found.length > 0) {
        authors.push(...found);
        break;
      }
    }
  }

  const publisherName = str((ld?.publisher as Record<string, unknown> | undefined)?.name) ?? (org ? str(org.name) : undefined);
  const siteName = meta('og:site_name', 'application-name', 'al:android:app_name') ?? publisherName ?? hostName(url);

  const canonicalUrl =
    resolveUrl(facts.canonical, url) ?? resolveUrl(meta('og:url'), url) ?? resolveUrl(str(ld?.url), url) ?? url;

  const image = resolveUrl(
    meta('og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src') ?? str(ld?.image) ?? str(ld?.thumbnailUrl),
    url,
  );

  const section = meta('article:section', 'section', 'parsely-section', 'sailthru.section', 'category') ?? str(ld?.articleSection);

  const ldKeywords = ld?.keywords;
  const tags = tagList([
    ...metaAll('article:tag', 'news_keywords', 'parsely-tags', 'sailthru.tags'),
    ...(Array.isArray(ldKeywords) ? ldKeywords.filter((k): k is string => typeof k === 'string') : typeof ldKeywords === 'string' ? [ldKeywords] : []),
    ...facts.tagTexts,
    ...(metaAll('article:tag', 'news_keywords').length === 0 && !ldKeywords ? metaAll('keywords') : []),
  ]);

  const title = str(ld?.headline) ?? meta('og:title', 'twitter:title', 'headline', 'title', 'dc.title');
  const description = meta('og:description', 'description', 'twitter:description') ?? str(ld?.description);

  return {
    ...(title ? { title } : {}),
    ...(facts.titleTag ? { titleTag: facts.titleTag } : {}),
    ...(description ? { description } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    ...(modifiedAt ? { modifiedAt } : {}),
    authors,
    ...(siteName ? { siteName } : {}),
    canonicalUrl,
    ...(image ? { image } : {}),
    ...(section ? { section } : {}),
    tags,
    declaresArticle,
    declaresListing,
  };
}
