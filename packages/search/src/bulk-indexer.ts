import type { Client } from '@opensearch-project/opensearch';
import { PermanentError, RetryableError } from '@khabar/core';
import { ADD_COPY_SCRIPT, type ArticleDocument, type CopyRecord } from './document.js';

/**
 * Micro-batches writes from many concurrent jobs into OpenSearch bulk requests and settles each
 * job's promise with its own item's result: a rejected item fails (or retries) its job instead of
 * being counted and forgotten, as `helpers.bulk`'s onDrop would do.
 */

type Operation =
  | { kind: 'index'; id: string; doc: ArticleDocument }
  | { kind: 'add-copy'; id: string; copy: CopyRecord };

interface Pending {
  op: Operation;
  resolve: (result: ItemResult) => void;
  reject: (error: Error) => void;
}

export interface ItemResult {
  id: string;
  result: string;
}

export interface BulkIndexerOptions {
  index: string;
  /** Largest bulk request. */
  maxDocs?: number;
  /** How long the first waiting operation may wait for others to join its request. */
  flushMs?: number;
  /** Bulk requests in flight at once. */
  maxInFlight?: number;
  onBulk?: (stats: { items: number; failed: number; seconds: number }) => void;
}

interface BulkItemResponse {
  status: number;
  result?: string;
  error?: { type?: string; reason?: string };
}

export class BulkIndexer {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private readonly maxDocs: number;
  private readonly flushMs: number;
  private readonly maxInFlight: number;
  private idle: Array<() => void> = [];

  constructor(
    private readonly client: Client,
    private readonly options: BulkIndexerOptions,
  ) {
    this.maxDocs = options.maxDocs ?? 200;
    this.flushMs = options.flushMs ?? 50;
    this.maxInFlight = options.maxInFlight ?? 2;
  }

  /** Creates or replaces the article; copies already attached to it are kept (partial update). */
  index(id: string, doc: ArticleDocument): Promise<ItemResult> {
    return this.push({ kind: 'index', id, doc });
  }

  /** Records a copy on its original document; idempotent per copy URL. */
  addCopy(originalId: string, copy: CopyRecord): Promise<ItemResult> {
    return this.push({ kind: 'add-copy', id: originalId, copy });
  }

  private push(op: Operation): Promise<ItemResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      if (this.queue.length >= this.maxDocs) this.flushSoon(0);
      else this.flushSoon(this.flushMs);
    });
  }

  private flushSoon(delay: number): void {
    if (delay === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.flush();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delay);
  }

  private async flush(): Promise<void> {
    if (this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxDocs);
    this.inFlight++;
    const started = performance.now();
    let failed = 0;
    try {
      const body = batch.flatMap(({ op }): object[] => {
        const meta = { update: { _index: this.options.index, _id: op.id, retry_on_conflict: 3 } };
        return op.kind === 'index'
          ? [meta, { doc: op.doc, doc_as_upsert: true }]
          : [meta, { script: { source: ADD_COPY_SCRIPT, lang: 'painless', params: { copy: op.copy } } }];
      });
      const response = await this.client.bulk({ body: body as never });
      const items = (response.body.items ?? []) as Array<Record<string, BulkItemResponse>>;
      batch.forEach((pending, i) => {
        const item = items[i] ? Object.values(items[i]!)[0] : undefined;
        if (item && item.status < 300) {
          pending.resolve({ id: pending.op.id, result: item.result ?? 'ok' });
          return;
        }
        failed++;
        pending.reject(itemError(pending.op, item));
      });
    } catch (error) {
      failed = batch.length;
      const reason = (error as Error).message;
      for (const pending of batch) pending.reject(new RetryableError(`OpenSearch bulk request failed: ${reason}`, 'opensearch-unavailable'));
    } finally {
      this.inFlight--;
      this.options.onBulk?.({ items: batch.length, failed, seconds: (performance.now() - started) / 1000 });
      if (this.queue.length > 0) this.flushSoon(this.queue.length >= this.maxDocs ? 0 : this.flushMs);
      else if (this.inFlight === 0) this.idle.splice(0).forEach((done) => done());
    }
  }

  /** Sends what is waiting and resolves when nothing is in flight (shutdown). */
  async drain(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return;
    const done = new Promise<void>((resolve) => this.idle.push(resolve));
    this.flushSoon(0);
    await done;
  }
}

function itemError(op: Operation, item: BulkItemResponse | undefined): Error {
  if (!item) return new RetryableError(`OpenSearch returned no result for ${op.kind} ${op.id}`, 'opensearch-missing-item');
  const what = `${item.error?.type ?? 'error'}: ${item.error?.reason ?? 'unknown'}`;
  if (op.kind === 'add-copy' && item.status === 404) {
    // The original is claimed but not yet searchable (its job runs right now): retry later.
    return new RetryableError(`original ${op.id} is not indexed yet (${what})`, 'original-not-indexed-yet');
  }
  if (item.status === 429 || item.status >= 500) {
    return new RetryableError(`OpenSearch rejected ${op.kind} ${op.id} with ${item.status} (${what})`, 'opensearch-rejected');
  }
  return new PermanentError(`OpenSearch refused ${op.kind} ${op.id} with ${item.status} (${what})`, 'opensearch-refused');
}
