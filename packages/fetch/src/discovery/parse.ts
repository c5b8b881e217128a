import { XMLParser } from 'fast-xml-parser';
import { parseFeed } from 'feedsmith';

/**
 * What a source document lists, whatever its format: RSS, Atom, RDF and JSON Feed (feedsmith),
 * XML sitemaps and sitemap indexes (with Google News and lastmod dates), robots.txt (its
 * Sitemap: lines), and an HTML page's advertised feeds (<link rel=alternate>). Pure: text in,
 * links out.
 */

export type SourceKind = 'feed' | 'sitemap' | 'sitemap-index' | 'robots' | 'html';

export interface DiscoveredLink {
  url: string;
  /** Publication or modification time the source gives, ISO 8601. */
  date?: string;
  title?: string;
}

export interface ParsedSource {
  kind: SourceKind;
  /** Format detail (rss, atom, rdf, json, urlset, news). */
  format: string;
  /** Article URLs (feed items, sitemap <url> entries). */
  articles: DiscoveredLink[];
  /** Further documents to read: sitemap index children, robots.txt Sitemap: lines, a page's feeds. */
  follow: DiscoveredLink[];
}

export class UnreadableSourceError extends Error {
  override name = 'UnreadableSourceError';
}

const xml = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => name === 'url' || name === 'sitemap',
});

function absolute(href: unknown, base: string): string | undefined {
  if (typeof href !== 'string' || !href.trim()) return undefined;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (value && typeof value === 'object' && 'value' in value) return text((value as { value: unknown }).value);
  return undefined;
}

function compact<T>(items: Array<T | undefined>): T[] {
  return items.filter((item): item is T => item !== undefined);
}

export function parseRobotsSitemaps(body: string, base: string): ParsedSource {
  const follow = compact(
    body.split(/\r?\n/).map((line) => {
      const match = /^\s*sitemap\s*:\s*(\S+)/i.exec(line);
      const url = match ? absolute(match[1], base) : undefined;
      return url ? { url } : undefined;
    }),
  );
  return { kind: 'robots', format: 'robots', articles: [], follow };
}

type XmlNode = Record<string, unknown>;

function parseSitemapXml(body: string, base: string): ParsedSource | undefined {
  const head = body.slice(0, 2048);
  if (!/<(\w+:)?(urlset|sitemapindex)\b/.test(head) && !/<(\w+:)?(urlset|sitemapindex)\b/.test(body.slice(0, 64 * 1024))) return undefined;
  const doc = xml.parse(body) as XmlNode;
  if (doc.sitemapindex) {
    const entries = ((doc.sitemapindex as XmlNode).sitemap as XmlNode[] | undefined) ?? [];
    const follow = compact(
      entries.map((entry) => {
        const url = absolute(entry.loc, base);
        const date = isoDate(entry.lastmod);
        return url ? { url, ...(date ? { date } : {}) } : undefined;
      }),
    );
    return { kind: 'sitemap-index', format: 'sitemapindex', articles: [], follow };
  }
  const entries = ((doc.urlset as XmlNode | undefined)?.url as XmlNode[] | undefined) ?? [];
  let news = false;
  const articles = compact(
    entries.map((entry) => {
      const url = absolute(entry.loc, base);
      if (!url) return undefined;
      const newsNode = entry.news as XmlNode | undefined;
      if (newsNode) news = true;
      const date = isoDate(newsNode?.publication_date) ?? isoDate(entry.lastmod);
      const title = text(newsNode?.title);
      return { url, ...(date ? { date } : {}), ...(title ? { title } : {}) };
    }),
  );
  return { kind: 'sitemap', format: news ? 'news' : 'urlset', articles, follow: [] };
}

interface FeedItemLike {
  link?: string;
  url?: string;
  external_url?: string;
  links?: Array<{ href?: string; rel?: string }>;
  guid?: { value?: string; isPermaLink?: boolean } | string;
  title?: unknown;
  pubDate?: string;
  published?: string;
  updated?: string;
  date_published?: string;
  date_modified?: string;
  dc?: { date?: string; dates?: string[] };
}

function feedItemUrl(item: FeedItemLike, base: string): string | undefined {
  const alternate = item.links?.find((l) => !l.rel || l.rel === 'alternate')?.href;
  const guid = typeof item.guid === 'string' ? item.guid : item.guid?.isPermaLink !== false ? item.guid?.value : undefined;
  return absolute(item.link ?? item.url ?? alternate ?? item.external_url ?? (guid?.startsWith('http') ? guid : undefined), base);
}

function parseFeedDocument(body: string, base: string): ParsedSource {
  let parsed: { format: string; feed: unknown };
  try {
    parsed = parseFeed(body) as { format: string; feed: unknown };
  } catch (error) {
    throw new UnreadableSourceError(`not a feed, sitemap or robots.txt (${(error as Error).message})`);
  }
  const feed = parsed.feed as { items?: FeedItemLike[]; entries?: FeedItemLike[] };
  const items = feed.items ?? feed.entries ?? [];
  const articles = compact(
    items.map((item) => {
      const url = feedItemUrl(item, base);
      if (!url) return undefined;
      const date = isoDate(item.pubDate ?? item.published ?? item.date_published ?? item.updated ?? item.date_modified ?? item.dc?.date ?? item.dc?.dates?.[0]);
      const title = text(item.title);
      return { url, ...(date ? { date } : {}), ...(title ? { title } : {}) };
    }),
  );
  return { kind: 'feed', format: parsed.format, articles, follow: [] };
}

const FEED_TYPES = /^application\/(rss\+xml|atom\+xml|feed\+json|rdf\+xml)$/i;

/** Feeds an HTML page advertises with <link rel="alternate" type="application/rss+xml" href>. */
export function advertisedFeeds(html: string, base: string): DiscoveredLink[] {
  const links: DiscoveredLink[] = [];
  for (const match of html.slice(0, 256 * 1024).matchAll(/<link\b[^>]*>/gi)) {
    const tag = match[0];
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find((v) => v !== undefined);
    if (!/\balternate\b/i.test(attr('rel') ?? '') || !FEED_TYPES.test((attr('type') ?? '').trim())) continue;
    const url = absolute(attr('href'), base);
    if (url && !links.some((l) => l.url === url)) links.push({ url });
  }
  return links;
}

/** Reads a source document; throws UnreadableSourceError when it is none of the known formats. */
export function parseSource(body: string, url: string): ParsedSource {
  if (new URL(url).pathname === '/robots.txt') return parseRobotsSitemaps(body, url);
  const trimmed = body.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('<')) {
    const sitemap = parseSitemapXml(trimmed, url);
    if (sitemap) return sitemap;
    if (/^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html)\b/i.test(trimmed)) {
      const follow = advertisedFeeds(trimmed, url);
      if (follow.length === 0) throw new UnreadableSourceError('an HTML page that advertises no feed (<link rel="alternate" type="application/rss+xml">)');
      return { kind: 'html', format: 'html', articles: [], follow };
    }
  }
  return parseFeedDocument(trimmed, url);
}
