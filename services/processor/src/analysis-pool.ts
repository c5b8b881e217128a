import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { PermanentError } from '@khabar/core';
import type { Analysis } from './analyze.js';

export interface AnalysisPool {
  analyze(html: string, url: string): Promise<Analysis & { catalogVersion: string }>;
  close(): Promise<void>;
}

export interface AnalysisPoolOptions {
  /** Worker threads; 0 analyses on the calling thread (no time limit can be enforced then). */
  threads: number;
  timeoutMs: number;
  /** Old-generation heap limit per thread (MB); keeps the worker's RSS bounded. */
  heapMb?: number;
  userCatalogPath?: string;
}

/**
 * Extraction and enrichment off the main thread, with a hard time limit: a page that makes
 * extraction hang has its thread terminated and fails alone as poison, the worker keeps going.
 */
export async function createAnalysisPool(options: AnalysisPoolOptions): Promise<AnalysisPool> {
  if (options.threads === 0) {
    // Loaded here only: with threads, extraction and the catalog live in the threads, not in main.
    const [{ createEnricher }, { analyzePage }] = await Promise.all([import('@khabar/entities'), import('./analyze.js')]);
    const enricher = createEnricher(options.userCatalogPath ? { userCatalogPath: options.userCatalogPath } : {});
    return {
      analyze: async (html, url) => ({ ...analyzePage(html, url, enricher), catalogVersion: enricher.catalogVersion }),
      close: async () => enricher.close(),
    };
  }
  const threads = Math.min(options.threads, Math.max(availableParallelism(), 1) * 2);
  const pool = new Piscina({
    filename: new URL('./analysis-thread.ts', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    // Threads inherit the tsx loader from the parent's --import flag.
    execArgv: process.execArgv,
    idleTimeout: 60_000,
    // A small young generation and a capped old one make V8 collect early instead of letting each
    // thread's heap grow to hundreds of MB between collections.
    resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? 128, maxYoungGenerationSizeMb: 8 },
  });
  return {
    async analyze(html, url) {
      // The time limit starts when a thread takes the page up, not when it is queued: a page
      // waiting behind a slow one must not fail as poison without having run. Queueing inside
      // piscina keeps each thread busy back to back.
      const { port1: started, port2: startSignal } = new MessageChannel();
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      started.once('message', () => {
        timer = setTimeout(() => controller.abort(), options.timeoutMs);
      });
      try {
        const task = { html, url, started: startSignal, ...(options.userCatalogPath ? { userCatalogPath: options.userCatalogPath } : {}) };
        return await pool.run(task, { signal: controller.signal, transferList: [startSignal] });
      } catch (error) {
        if (controller.signal.aborted) {
          throw new PermanentError(`extraction did not finish within ${options.timeoutMs} ms (page of ${html.length} characters)`, 'analysis-timeout');
        }
        // An exception inside extraction is a bug or a poison page: retrying the same bytes cannot help.
        const err = error as Error;
        throw new PermanentError(`extraction failed: ${err.name}: ${err.message}`, 'analysis-error');
      } finally {
        clearTimeout(timer);
        started.close();
      }
    },
    close: () => pool.destroy(),
  };
}
