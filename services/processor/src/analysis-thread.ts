/**
 * Runs in a worker thread: extraction and entity matching are CPU-bound (a big page parses for
 * tens of milliseconds), and on the main thread they would delay BullMQ's lock renewals into false
 * "stalled" re-runs. Each thread keeps its own enricher, which reloads the catalog by itself.
 */
import type { MessagePort } from 'node:worker_threads';
import { createEnricher, type Enricher } from '@khabar/entities';
import { analyzePage, type Analysis } from './analyze.js';

let enricher: Enricher | undefined;

export default function analyzeInThread(task: {
  html: string;
  url: string;
  userCatalogPath?: string;
  /** Told when this thread takes the page up, so the caller's time limit starts now. */
  started?: MessagePort;
}): Analysis & { catalogVersion: string } {
  task.started?.postMessage('started');
  task.started?.close();
  enricher ??= createEnricher(task.userCatalogPath ? { userCatalogPath: task.userCatalogPath } : {});
  return { ...analyzePage(task.html, task.url, enricher), catalogVersion: enricher.catalogVersion };
}
