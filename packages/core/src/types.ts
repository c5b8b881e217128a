/**
 * The shapes that cross package boundaries. Each stage is a pure function from one of these to
 * the next; services only move them between queues.
 */

/** What the processor receives: a fetched (or imported) page, already decoded to UTF-8. */
export interface RawPage {
  /** URL the page was requested as (canonicalised). */
  url: string;
  /** URL after redirects. */
  finalUrl: string;
  /** HTTP status of the final response (200 for imported pages). */
  status: number;
  /** Selected response headers, lower-case names. */
  headers: Record<string, string>;
  /** Page body decoded to a JS string (UTF-8 on the wire). */
  html: string;
  /** ISO 8601 time the page was fetched. */
  fetchedAt: string;
  /** Where the page came from. */
  origin: 'fetch' | 'import' | 'api';
}

export type PageType = 'article' | 'home' | 'section' | 'listing' | 'tag' | 'search' | 'unknown';

/** What extraction returns for a page. Strings are trimmed; absent facts are undefined, never ''. */
export interface Article {
  /** URL of the page the article was extracted from (final URL). */
  url: string;
  /** <link rel=canonical> / og:url resolved against `url`; `url` when the page gives none. */
  canonicalUrl: string;
  title: string;
  /** Body paragraphs in reading order; subheadings are their own paragraph. */
  paragraphs: string[];
  /** paragraphs joined with blank lines. */
  text: string;
  lead?: string;
  /** ISO 8601, with offset when the page gives one. */
  publishedAt?: string;
  modifiedAt?: string;
  authors: string[];
  siteName?: string;
  /** ISO 639-1 code ('ar', 'fr', 'en', ...). */
  language?: string;
  image?: string;
  section?: string;
  tags: string[];
  pageType: PageType;
}

export type EntityType = 'person' | 'organisation' | 'place';

/** One catalog entity found in an article's own title and body. */
export interface EntityMention {
  /** Wikidata id, e.g. Q7747. */
  id: string;
  /** Canonical name in the article's language (English when unknown). */
  name: string;
  type: EntityType;
  count: number;
  inTitle: boolean;
  /** Offset (UTF-16 code units) of the first mention in `title + "\n\n" + text`. */
  firstPosition: number;
}

export interface Enrichment {
  entities: EntityMention[];
  /** Co-mentioned entity id pairs, each sorted ("Q22686|Q7747"), for dashboards. */
  pairs: string[];
}

/**
 * Every job ends with one of these recorded as its return value (or fails with a reason).
 * Never drop silently: `duplicate` and `not-an-article` are intentional drops with a reason.
 */
export type Outcome =
  | 'fetched'
  | 'not-modified'
  | 'indexed'
  | 'duplicate'
  | 'not-an-article'
  | 'not-html'
  | 'too-large'
  | 'http-error'
  | 'robots-disallowed'
  | 'blocked-address'
  | 'too-many-redirects';

export interface JobResult {
  outcome: Outcome;
  /** Article document id in OpenSearch (indexed) or id of the original (duplicate). */
  docId?: string;
  reason?: string;
  [key: string]: unknown;
}
