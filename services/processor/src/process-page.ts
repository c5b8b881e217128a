import { isPermanent, stableId, type JobResult, type RawPage } from '@khabar/core';
import type { DedupeIndex } from '@khabar/dedupe';
import { toDocument, type BulkIndexer } from '@khabar/search';
import type { Analysis } from './analyze.js';

/**
 * One page through dedupe and index, after analysis. Every path ends in a recorded outcome;
 * errors thrown from here (OpenSearch down, Redis down) fail the attempt and BullMQ retries it.
 * Re-running a page is safe: the dedupe claim is idempotent per page URL and the document id
 * derives from the canonical URL, so a retry overwrites and never duplicates.
 */
export interface PageDeps {
  dedupe: DedupeIndex;
  indexer: BulkIndexer;
  entitiesVersion: () => string;
  /** True on the job's last attempt: a failure now is final. */
  lastAttempt: () => boolean;
  timed: <T>(stage: 'dedupe' | 'index', work: () => Promise<T>) => Promise<T>;
}

/** Reasons that mean "a dependency is down or not ready": the job waits without using up attempts. */
const WAIT_REASONS = new Set(['opensearch-unavailable', 'original-not-indexed-yet']);

export function isDependencyWait(error: unknown): boolean {
  const reason = (error as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' && WAIT_REASONS.has(reason);
}

/** Fewer words than this and a page "article" is a stub, teaser or error page, not news. */
const MIN_ARTICLE_WORDS = 25;

export async function processAnalyzedPage(page: RawPage, analysis: Analysis, deps: PageDeps): Promise<JobResult> {
  const { article, enrichment } = analysis;
  const words = article.text.split(/\s+/).filter(Boolean).length;
  // 'unknown' is extraction saying "no strong signal either way": enough body text decides.
  const listingType = article.pageType !== 'article' && article.pageType !== 'unknown';
  if (listingType || words < MIN_ARTICLE_WORDS) {
    return {
      outcome: 'not-an-article',
      reason: listingType ? `page type is ${article.pageType}` : `only ${words} words of body text`,
      pageType: article.pageType,
    };
  }
  const docId = stableId(article.canonicalUrl);
  const site = article.siteName ?? new URL(article.url).hostname;
  const decision = await deps.timed('dedupe', () =>
    deps.dedupe.claim({
      docId,
      url: page.finalUrl,
      canonicalUrl: article.canonicalUrl,
      title: article.title,
      text: article.text,
      site,
      ...(article.publishedAt ? { publishedAt: article.publishedAt } : {}),
      seenAt: page.fetchedAt,
    }),
  );
  if (decision.kind === 'duplicate') {
    await deps.timed('index', () =>
      deps.indexer.addCopy(decision.originalId, {
        url: page.finalUrl,
        site,
        seen_at: page.fetchedAt,
        reason: decision.reason,
        similarity: decision.similarity,
      }),
    );
    return { outcome: 'duplicate', docId: decision.originalId, reason: decision.reason, similarity: decision.similarity };
  }
  const doc = toDocument({
    id: docId,
    article,
    enrichment,
    contentHash: stableId(article.text),
    fetchedAt: page.fetchedAt,
    entitiesVersion: deps.entitiesVersion(),
  });
  try {
    await deps.timed('index', () => deps.indexer.index(docId, doc));
  } catch (error) {
    // An original that will never be indexed must not make the next copy of its story a duplicate.
    if (isPermanent(error) || (deps.lastAttempt() && !isDependencyWait(error))) await deps.dedupe.release({ docId, url: page.finalUrl, text: article.text });
    throw error;
  }
  return { outcome: 'indexed', docId, entities: enrichment.entities.map((e) => e.id), language: article.language ?? null };
}
