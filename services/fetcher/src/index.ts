import { Worker } from 'bullmq';
import { createRedis, type Config, type JobResult, type Logger } from '@khabar/core';
import {
  HostPoliteness,
  SeenUrls,
  RedisValidatorStore,
  RobotsCache,
  createFetchOptions,
  fetchSettings,
  type FetchSettings,
  type LookupFunction,
} from '@khabar/fetch';
import { Producers, QUEUE, type FetchJob } from '@khabar/queues';
import { boundedLabel, failureOutcome, fetchResponses, jobOutcomes, startMetricsServer, statusClass } from '@khabar/telemetry';
import { createFetchProcessor } from './fetch-job.js';
import { createSourceProcessor } from './source-job.js';

export { createFetchProcessor } from './fetch-job.js';
export { createSourceProcessor } from './source-job.js';

export interface FetcherOptions {
  /** Fetch settings beyond core's config; default: parsed from the environment. */
  settings?: FetchSettings;
  /** DNS resolver behind the SSRF guard (tests). */
  resolve?: LookupFunction;
  /** Fetch jobs in flight in this process; default FETCH_CONCURRENCY. */
  concurrency?: number;
  /** Also poll feeds and sitemaps from the sources queue; default true. */
  sources?: boolean;
}

export interface Fetcher {
  /** Finishes in-flight jobs, then closes workers and connections. */
  close(): Promise<void>;
}

/**
 * The fetch worker, in-process: takes url jobs from the fetch queue, fetches each page politely
 * and puts it on the pages queue. main.ts runs it as a process; tests and `npm run stack` call it.
 */
export function startFetcher(config: Config, logger: Logger, options: FetcherOptions = {}): Fetcher {
  const settings = options.settings ?? fetchSettings();
  const workerConnection = createRedis(config, 'worker');
  const state = createRedis(config, 'worker');
  const producerConnection = createRedis(config, 'producer');
  const producers = new Producers(config, producerConnection);

  const hostLabel = boundedLabel(config.METRICS_MAX_HOSTS);
  const base = {
    ...createFetchOptions(config, settings, options.resolve ? { resolve: options.resolve } : {}),
    observe: (url: URL, status: number | undefined) => fetchResponses.inc({ host: hostLabel(url.host), status_class: statusClass(status) }),
  };
  const robots = new RobotsCache({ redis: state, prefix: config.KHABAR_PREFIX, ttlSeconds: config.ROBOTS_CACHE_TTL_S, http: base });
  const fetchOptions = { ...base, robots: robots.gate(), validators: new RedisValidatorStore(state, config.KHABAR_PREFIX, settings.FETCH_VALIDATORS_TTL_S) };
  // A lease outlives the longest request; after that it counts as abandoned by a crashed worker.
  const politeness = new HostPoliteness(state, config.KHABAR_PREFIX, config.FETCH_TIMEOUT_MS + 10_000);
  const log = logger.child({ stage: 'fetch' });

  const processor = createFetchProcessor({ config, settings, fetchOptions, robots, politeness, producers, logger });
  const worker = new Worker<FetchJob, JobResult>(QUEUE.fetch, processor, {
    connection: workerConnection,
    prefix: config.KHABAR_PREFIX,
    concurrency: options.concurrency ?? config.FETCH_CONCURRENCY,
    // The lock must outlast one whole fetch, whose deadline is FETCH_TIMEOUT_MS.
    lockDuration: Math.max(config.WORKER_LOCK_MS, config.FETCH_TIMEOUT_MS + 10_000),
  });
  worker.on('completed', (_job, result) => jobOutcomes.inc({ queue: QUEUE.fetch, outcome: result.outcome }));
  worker.on('failed', (job, error) => {
    jobOutcomes.inc({ queue: QUEUE.fetch, outcome: failureOutcome((error as { reason?: string }).reason ?? error.name) });
    if (job) log.warn({ jobId: job.id, url: job.data?.url, attemptsMade: job.attemptsMade, err: error.message }, 'fetch attempt failed');
  });
  worker.on('error', (error) => log.error({ err: error }, 'fetch worker error'));

  const validators = fetchOptions.validators;
  const sourcesWorker =
    options.sources === false
      ? undefined
      : new Worker(
          QUEUE.sources,
          createSourceProcessor({
            config,
            settings,
            http: base,
            robots,
            politeness,
            validators,
            seen: new SeenUrls(state, config.KHABAR_PREFIX, config.SEEN_RETENTION_DAYS * 86_400_000),
            producers,
            connection: state,
            logger,
          }),
          {
            connection: workerConnection,
            prefix: config.KHABAR_PREFIX,
            concurrency: settings.FETCH_SOURCES_CONCURRENCY,
            // A poll reads up to FETCH_SITEMAP_MAX_CHILDREN documents, each politely spaced.
            lockDuration: Math.max(config.WORKER_LOCK_MS, 60_000, config.FETCH_TIMEOUT_MS * 4),
          },
        );
  sourcesWorker?.on('error', (error) => log.error({ err: error }, 'sources worker error'));
  sourcesWorker?.on('completed', (_job, result) => jobOutcomes.inc({ queue: QUEUE.sources, outcome: result.outcome }));
  sourcesWorker?.on('failed', (_job, error) => jobOutcomes.inc({ queue: QUEUE.sources, outcome: failureOutcome((error as { reason?: string }).reason ?? error.name) }));

  // Off unless METRICS_PORT is set; a port already taken is logged, never fatal to fetching.
  const metrics = startMetricsServer(config.METRICS_PORT, logger).catch((error: unknown) => {
    log.error({ err: error, port: config.METRICS_PORT }, 'could not serve /metrics');
    return undefined;
  });

  let closing: Promise<void> | undefined;
  return {
    close() {
      closing ??= (async () => {
        await Promise.all([worker.close(), sourcesWorker?.close()]);
        await (await metrics)?.close();
        await producers.close();
        await base.dispatcher.close();
        await Promise.all([workerConnection.quit(), state.quit(), producerConnection.quit()].map((p) => p.catch(() => undefined)));
      })();
      return closing;
    },
  };
}
