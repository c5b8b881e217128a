import type { RawPage } from '@khabar/core';
import { canonicalizeUrl } from '@khabar/dedupe';
import type { Producers } from '@khabar/queues';
import type { ImportReader } from './readers.js';

/** Where imported pages go: the pages queue, through the producers. */
export interface ImportSink {
  enqueuePage(page: RawPage): Promise<{ jobId: string; status: 'queued' | 'already-queued' }>;
  /** Page jobs waiting to be processed: the import pauses while there are too many. */
  waiting(): Promise<number>;
}

export function producerSink(producers: Pick<Producers, 'enqueuePage' | 'pages'>): ImportSink {
  return {
    enqueuePage: (page) => producers.enqueuePage(page),
    waiting: () => producers.pages.getWaitingCount(),
  };
}

export interface ImportSummary {
  kind: ImportReader['kind'];
  /** Pages read from the input. */
  pages: number;
  /** Pages put on the pages queue. */
  taken: number;
  /** Pages whose exact copy was already queued. */
  alreadyQueued: number;
  skipped: number;
  /** Skipped items by reason (not-html, too-large, no-url, invalid-json, ...). */
  skippedBy: Record<string, number>;
  /** The first few skipped items, to show the user where. */
  examples: Array<{ reason: string; where: string; url?: string }>;
  /** Times the import waited for the processor to catch up. */
  pauses: number;
  ms: number;
}

export interface ImportOptions {
  /** Pause while the pages queue holds more waiting jobs than this (overshoot: at most `concurrency`). */
  maxWaiting: number;
  /** How often to look at the queue depth, in pages. */
  checkEvery?: number;
  /** Wait between two looks at a full queue. */
  pauseMs?: number;
  /** Pages being enqueued at once (overlaps Redis round trips with reading). @default 4 */
  concurrency?: number;
  /** Called after each item, with the running summary. */
  onItem?: (summary: ImportSummary) => void;
  signal?: AbortSignal;
}

/**
 * Streams a reader's pages onto the pages queue, one at a time, pausing while the queue is
 * deeper than `maxWaiting` (backpressure: memory and Redis stay bounded whatever the input size).
 */
export async function importPages(reader: ImportReader, sink: ImportSink, options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const summary: ImportSummary = { kind: reader.kind, pages: 0, taken: 0, alreadyQueued: 0, skipped: 0, skippedBy: {}, examples: [], pauses: 0, ms: 0 };
  const checkEvery = options.checkEvery ?? Math.max(1, Math.min(100, Math.floor(options.maxWaiting / 4)));
  const pauseMs = options.pauseMs ?? 250;
  const skip = (reason: string, where: string, url?: string) => {
    summary.skipped++;
    summary.skippedBy[reason] = (summary.skippedBy[reason] ?? 0) + 1;
    if (summary.examples.length < 10) summary.examples.push({ reason, where, ...(url ? { url } : {}) });
  };
  let sinceCheck = 0;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const enqueue = (page: RawPage) => {
    const task = sink.enqueuePage(page).then(
      (result) => {
        if (result.status === 'queued') summary.taken++;
        else summary.alreadyQueued++;
      },
      (error: unknown) => {
        failure ??= error;
      },
    );
    const tracked = task.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  for await (const item of reader.items) {
    if (failure) break;
    if (options.signal?.aborted) break;
    if (item.kind === 'skipped') {
      skip(item.reason, item.where, item.url);
    } else {
      summary.pages++;
      let url: string;
      try {
        url = canonicalizeUrl(item.page.url);
      } catch {
        skip('invalid-url', item.page.url);
        options.onItem?.(summary);
        continue;
      }
      // Take a slot first, then look at the queue: checking first let pages that landed while we
      // waited for the slot push the queue one page past the limit.
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      if (++sinceCheck >= checkEvery) {
        sinceCheck = 0;
        let paused = false;
        while ((await sink.waiting()) > options.maxWaiting && !options.signal?.aborted) {
          if (!paused) summary.pauses++;
          paused = true;
          await new Promise((done) => setTimeout(done, pauseMs));
        }
      }
      enqueue({ ...item.page, url });
    }
    summary.ms = Date.now() - started;
    options.onItem?.(summary);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  summary.ms = Date.now() - started;
  return summary;
}
