import { Counter, Gauge, Histogram } from 'prom-client';
import { registry } from './registry.js';

/**
 * Metric definitions shared by every service (after vector's instrumentation spec: unit suffix,
 * counters end in `_total`, label values come from small fixed sets so series stay bounded).
 * Workers import these and record; the API and each worker's /metrics server expose them.
 */

/** Pipeline stages timed by `khabar_stage_duration_seconds`. */
export const STAGES = ['fetch', 'extract', 'dedupe', 'enrich', 'index'] as const;
export type Stage = (typeof STAGES)[number];

export const stageDuration = new Histogram({
  name: 'khabar_stage_duration_seconds',
  help: 'Time one job spends in one pipeline stage.',
  labelNames: ['stage'] as const,
  // Fetches take seconds, extraction milliseconds: one bucket set wide enough for both.
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

/**
 * How each job ended: `outcome` is a JobResult outcome (indexed, duplicate, not-an-article,
 * http-error, ...) or `failed:<reason>` for a job that failed an attempt (see `failureOutcome`).
 */
export const jobOutcomes = new Counter({
  name: 'khabar_job_outcomes_total',
  help: 'Jobs finished, by queue and recorded outcome (failures as failed:<reason>).',
  labelNames: ['queue', 'outcome'] as const,
  registers: [registry],
});

export const fetchResponses = new Counter({
  name: 'khabar_fetch_responses_total',
  help: 'HTTP responses received by the fetcher, by host (the first METRICS_MAX_HOSTS hosts seen; later ones as "other") and status class (2xx, 3xx, 4xx, 5xx, error).',
  labelNames: ['host', 'status_class'] as const,
  registers: [registry],
});

export const bulkDuration = new Histogram({
  name: 'khabar_opensearch_bulk_duration_seconds',
  help: 'Latency of one OpenSearch bulk request.',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export const bulkDocuments = new Counter({
  name: 'khabar_opensearch_bulk_documents_total',
  help: 'Documents sent in OpenSearch bulk requests.',
  registers: [registry],
});

export const bulkItemErrors = new Counter({
  name: 'khabar_opensearch_bulk_item_errors_total',
  help: 'Bulk items OpenSearch rejected, by error type (e.g. mapper_parsing_exception, es_rejected_execution_exception).',
  labelNames: ['error_type', 'retried'] as const,
  registers: [registry],
});

export const articleEventsPublished = new Counter({
  name: 'khabar_article_events_published_total',
  help: 'Events written to the article events stream, by type.',
  labelNames: ['type'] as const,
  registers: [registry],
});

export const httpRequests = new Counter({
  name: 'khabar_http_requests_total',
  help: 'API requests answered, by method, route pattern and status code.',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: 'khabar_http_request_duration_seconds',
  help: 'API request latency by method and route pattern.',
  labelNames: ['method', 'route'] as const,
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

/** BullMQ job states reported by `khabar_queue_jobs`. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];
export type QueueCounts = Record<string, Partial<Record<QueueState, number>>>;

let queueCountsSource: (() => Promise<QueueCounts>) | undefined;

export const queueJobs = new Gauge({
  name: 'khabar_queue_jobs',
  help: 'Jobs in each queue by state, read from Redis at scrape time.',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
  async collect() {
    if (!queueCountsSource) return;
    const counts = await queueCountsSource();
    this.reset();
    for (const [queue, states] of Object.entries(counts)) {
      for (const state of QUEUE_STATES) this.set({ queue, state }, states[state] ?? 0);
    }
  },
});

/** The process that can read the queues (the API) tells the gauge how; others leave it empty. */
export function observeQueueCounts(source: (() => Promise<QueueCounts>) | undefined): void {
  queueCountsSource = source;
}

/** "2xx" … "5xx" for a status code, "error" when no response came back. */
export function statusClass(status: number | undefined): string {
  if (status === undefined || !Number.isInteger(status) || status < 100 || status > 599) return 'error';
  return `${Math.floor(status / 100)}xx`;
}

/** The label value that stands for every value past a bounded label's limit. */
export const OTHER_LABEL = 'other';

/**
 * Caps a label's distinct values: the first `limit` values seen keep their own series, every later
 * one is reported as "other". A crawl reaches new hosts without end, and one series per host would
 * grow Prometheus' memory with it; the first hosts are usually the configured sources people watch.
 */
export function boundedLabel(limit: number): (value: string) => string {
  const kept = new Set<string>();
  return (value) => {
    if (kept.has(value)) return value;
    if (kept.size >= limit) return OTHER_LABEL;
    kept.add(value);
    return value;
  };
}

/** The outcome label for a failed attempt: a small fixed vocabulary, never a free-text message. */
export function failureOutcome(reason: string | undefined): string {
  const clean = (reason ?? 'unknown').toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 40);
  return `failed:${clean || 'unknown'}`;
}

/** Times `work` into the stage histogram, also when it throws. */
export async function timeStage<T>(stage: Stage, work: () => Promise<T> | T): Promise<T> {
  const end = stageDuration.startTimer({ stage });
  try {
    return await work();
  } finally {
    end();
  }
}
