import type { Client } from '@opensearch-project/opensearch';
import type { Enrichment } from '@khabar/core';
import type { Enricher } from './enricher.js';

/**
 * Re-tags articles already in OpenSearch with the enricher's current catalog, so old news becomes
 * findable by an entity added today. It scrolls the index (alias) and bulk-updates only the entity
 * fields; each update carries the seq_no it was computed from, so an article rewritten meanwhile is
 * read again rather than overwritten with tags from its old text.
 */

/** The entity fields of an article document (packages/search/src/document.ts names them). */
export interface EntityFields {
  entities: Array<{ id: string; name: string; type: string; count: number; in_title: boolean; first_position: number }>;
  entity_ids: string[];
  entity_names: string[];
  entity_pairs: string[];
  entities_version: string;
}

export function entityFields(enrichment: Enrichment, version: string): EntityFields {
  return {
    entities: enrichment.entities.map((e) => ({ id: e.id, name: e.name, type: e.type, count: e.count, in_title: e.inTitle, first_position: e.firstPosition })),
    entity_ids: enrichment.entities.map((e) => e.id),
    entity_names: enrichment.entities.map((e) => e.name),
    entity_pairs: enrichment.pairs,
    entities_version: version,
  };
}

export interface ReenrichProgress {
  /** Articles matched by the query when the scroll started. */
  total: number;
  /** Articles handled so far (updated + unchanged + failed). */
  done: number;
  /** Entity fields written with new values. */
  updated: number;
  /** Already tagged this way (OpenSearch reported a no-op). */
  unchanged: number;
  failed: number;
}

export interface ReenrichFailure {
  index: string;
  id: string;
  reason: string;
}

export interface ReenrichResult extends ReenrichProgress {
  catalogVersion: string;
  failures: ReenrichFailure[];
}

export interface ReenrichOptions {
  /** Index or alias to re-tag. */
  index: string;
  enricher: Enricher;
  /**
   * Only articles whose entities_version differs from the enricher's catalog version.
   * @default false
   */
  onlyStale?: boolean;
  /** @default 500 */
  batchSize?: number;
  /** @default '5m' */
  scrollKeepAlive?: string;
  /** Called after every batch. */
  onProgress?: (progress: ReenrichProgress) => void;
  /** Refresh the index at the end so the new tags are searchable at once (tests). @default false */
  refresh?: boolean;
  /** Attempts for an article that keeps changing under us or a bulk item rejected with 429. @default 3 */
  attempts?: number;
}

interface Hit {
  _index: string;
  _id: string;
  _seq_no?: number;
  _primary_term?: number;
  _source?: { title?: unknown; body?: unknown; language?: unknown };
}

const SOURCE_FIELDS = ['title', 'body', 'language'];

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function fieldsFor(hit: Hit, enricher: Enricher): EntityFields {
  const source = hit._source ?? {};
  const language = asString(source.language) || undefined;
  const enrichment = enricher.enrich({ title: asString(source.title), text: asString(source.body), ...(language ? { language } : {}) });
  return entityFields(enrichment, enricher.catalogVersion);
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export async function reenrichIndex(client: Client, options: ReenrichOptions): Promise<ReenrichResult> {
  const { index, enricher } = options;
  const batchSize = options.batchSize ?? 500;
  const keepAlive = options.scrollKeepAlive ?? '5m';
  const attempts = options.attempts ?? 3;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new RangeError(`batchSize must be an integer from 1 to 10000, got ${batchSize}`);

  const version = enricher.catalogVersion;
  const query = options.onlyStale ? { bool: { must_not: [{ term: { entities_version: version } }] } } : { match_all: {} };
  const progress: ReenrichProgress = { total: 0, done: 0, updated: 0, unchanged: 0, failed: 0 };
  const failures: ReenrichFailure[] = [];

  const first = await client.search({
    index,
    scroll: keepAlive,
    body: { query, size: batchSize, sort: ['_doc'], _source: SOURCE_FIELDS, seq_no_primary_term: true, track_total_hits: true },
  });
  let scrollId = first.body._scroll_id;
  const totalHits = first.body.hits.total;
  progress.total = typeof totalHits === 'number' ? totalHits : (totalHits?.value ?? 0);
  let hits = first.body.hits.hits as Hit[];

  try {
    while (hits.length > 0) {
      await updateBatch(client, hits, enricher, attempts, progress, failures);
      options.onProgress?.({ ...progress });
      if (!scrollId) break;
      const next = await client.scroll({ body: { scroll_id: scrollId, scroll: keepAlive } });
      scrollId = next.body._scroll_id ?? scrollId;
      hits = next.body.hits.hits as Hit[];
    }
  } finally {
    if (scrollId) await client.clearScroll({ body: { scroll_id: scrollId } }).catch(() => undefined);
  }
  if (options.refresh) await client.indices.refresh({ index });
  return { ...progress, catalogVersion: version, failures };
}

/**
 * Writes one batch. A version conflict means the article changed after we read it: read it again
 * and retag from its new text. A 429 is retried after a pause. Anything else is recorded as a failure.
 */
async function updateBatch(
  client: Client,
  batch: Hit[],
  enricher: Enricher,
  attempts: number,
  progress: ReenrichProgress,
  failures: ReenrichFailure[],
): Promise<void> {
  let pending = batch;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const body = pending.flatMap((hit) => {
      const action: Record<string, unknown> = { _index: hit._index, _id: hit._id };
      if (hit._seq_no !== undefined && hit._primary_term !== undefined) {
        action.if_seq_no = hit._seq_no;
        action.if_primary_term = hit._primary_term;
      }
      return [{ update: action }, { doc: fieldsFor(hit, enricher) }];
    });
    const response = await client.bulk({ body });
    const retry: Hit[] = [];
    const items = response.body.items;
    for (const [i, hit] of pending.entries()) {
      const result = items[i]?.update;
      const status = result?.status ?? 0;
      if (result && !result.error && status < 300) {
        if (result.result === 'noop') progress.unchanged++;
        else progress.updated++;
        progress.done++;
        continue;
      }
      const reason = result?.error ? `${result.error.type}: ${result.error.reason ?? ''}`.trim() : `status ${status}`;
      const retryable = status === 409 || status === 429;
      if (retryable && attempt < attempts) {
        retry.push(hit);
        continue;
      }
      progress.failed++;
      progress.done++;
      failures.push({ index: hit._index, id: hit._id, reason: status === 409 ? `kept changing while re-tagged (${reason})` : reason });
    }
    if (retry.length === 0) return;
    await sleep(100 * 2 ** (attempt - 1));
    pending = await reread(client, retry, progress, failures);
  }
}

/** Fresh copies (text and seq_no) of articles to retry; one deleted meanwhile needs no tags. */
async function reread(client: Client, hits: Hit[], progress: ReenrichProgress, failures: ReenrichFailure[]): Promise<Hit[]> {
  const response = await client.mget({
    body: { docs: hits.map((h) => ({ _index: h._index, _id: h._id })) },
    _source: SOURCE_FIELDS,
  });
  const fresh: Hit[] = [];
  for (const [i, doc] of (response.body.docs as Array<Record<string, unknown>>).entries()) {
    const hit = hits[i]!;
    if (doc.found === true) {
      fresh.push({ _index: hit._index, _id: hit._id, _seq_no: doc._seq_no as number, _primary_term: doc._primary_term as number, _source: doc._source as Hit['_source'] });
    } else if (doc.found === false) {
      progress.done++;
      progress.unchanged++;
    } else {
      progress.failed++;
      progress.done++;
      failures.push({ index: hit._index, id: hit._id, reason: `could not re-read: ${JSON.stringify(doc.error ?? doc)}` });
    }
  }
  return fresh;
}
