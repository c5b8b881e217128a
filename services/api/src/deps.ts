import type { Queue } from 'bullmq';
import type { Config, Logger, Redis } from '@khabar/core';
import type { Producers, QueueName } from '@khabar/queues';
import type { ArticleQuery, SearchPage } from '@khabar/search';
import type { SourceRecord } from '@khabar/fetch';

export type { ArticleQuery, SearchPage };

/** Feed/sitemap sources polled on a schedule: packages/fetch's functions bound to a connection. */
export interface SourcesApi {
  add(input: { url: string; every: string | number }): Promise<SourceRecord & { created: boolean }>;
  list(): Promise<SourceRecord[]>;
  get(id: string): Promise<SourceRecord | undefined>;
  /** False when no such source exists. */
  remove(idOrUrl: string): Promise<boolean>;
  /** Polls once now; false when no such source exists. */
  pollNow(id: string): Promise<boolean>;
}

/**
 * Everything the HTTP app touches, injected so tests build the app against real services
 * under their own key prefix and index without listening on a port.
 */
export interface ApiDeps {
  config: Config;
  logger: Logger;
  /** Producer connection: readiness PING, events. */
  redis: Redis;
  producers: Producers;
  /** Every queue, for statistics, job lookup and the board. */
  queues: Record<QueueName, Queue>;
  /** OpenSearch reachability for /readyz. */
  pingOpenSearch(): Promise<void>;
  /** `searchArticles` bound to the client and alias. */
  search?(query: ArticleQuery): Promise<SearchPage>;
  /** One stored article document by id (`getArticle` bound to the client and alias). */
  getArticle?(id: string): Promise<Record<string, unknown> | undefined>;
  sources?: SourcesApi;
}
