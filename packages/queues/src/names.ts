/** Queue names. Jobs move fetch → pages; `sources` holds the feed/sitemap poll schedulers. */
export const QUEUE = {
  fetch: 'fetch',
  pages: 'pages',
  sources: 'sources',
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];
export const ALL_QUEUES: QueueName[] = [QUEUE.fetch, QUEUE.pages, QUEUE.sources];
