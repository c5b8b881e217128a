import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { createRedis, errorMessage, isPermanent, type Config, type JobResult, type Logger } from '@khabar/core';
import { DedupeIndex } from '@khabar/dedupe';
import { publishArticleEvent } from '@khabar/events';
import { decodePage, pageJobSchema, QUEUE, type PageJob } from '@khabar/queues';
import { BulkIndexer, createSearchClient, ensureIndex } from '@khabar/search';
import { bulkDocuments, bulkDuration, bulkItemErrors, jobOutcomes, stageDuration, startMetricsServer, timeStage } from '@khabar/telemetry';
import { createAnalysisPool } from './analysis-pool.js';
import { isDependencyWait, processAnalyzedPage } from './process-page.js';

export interface RunningProcessor {
  worker: Worker<PageJob, JobResult>;
  close(): Promise<void>;
}

const WAIT_MS = 3_000;

/** pages queue → extract → dedupe → enrich → index, with each job's outcome recorded. */
export async function startProcessor(config: Config, logger: Logger): Promise<RunningProcessor> {
  const search = createSearchClient(config);
  const { index } = await ensureIndex(search, config.INDEX_ALIAS);
  const redis = createRedis(config, 'worker');
  const events = createRedis(config, 'producer');
  const analysis = await createAnalysisPool({
    threads: config.ANALYSIS_THREADS,
    timeoutMs: config.ANALYSIS_TIMEOUT_MS,
    heapMb: config.ANALYSIS_THREAD_HEAP_MB,
    ...(config.ENTITIES_USER_CATALOG ? { userCatalogPath: config.ENTITIES_USER_CATALOG } : {}),
  });
  const dedupe = new DedupeIndex(redis, { prefix: config.KHABAR_PREFIX, retentionDays: config.DEDUPE_RETENTION_DAYS, threshold: config.DEDUPE_THRESHOLD });
  const indexer = new BulkIndexer(search, {
    index: config.INDEX_ALIAS,
    maxDocs: config.BULK_MAX_DOCS,
    flushMs: config.BULK_FLUSH_MS,
    onBulk: ({ items, failed, seconds }) => {
      bulkDuration.observe(seconds);
      bulkDocuments.inc(items);
      if (failed) bulkItemErrors.inc({ error_type: 'item', retried: 'true' }, failed);
    },
  });
  const metrics = await startMetricsServer(config.METRICS_PORT, logger);

  const handle = async (job: Job<PageJob, JobResult>, token?: string): Promise<JobResult> => {
    const parsed = pageJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid page job: ${parsed.error.issues[0]?.message ?? 'bad payload'}`);
    const page = decodePage(parsed.data);
    const log = logger.child({ jobId: job.id, url: page.finalUrl });
    try {
      const analyzed = await analysis.analyze(page.html, page.finalUrl);
      stageDuration.observe({ stage: 'extract' }, analyzed.timings.extract);
      stageDuration.observe({ stage: 'enrich' }, analyzed.timings.enrich);
      const result = await processAnalyzedPage(page, analyzed, {
        dedupe,
        indexer,
        timed: timeStage,
        entitiesVersion: () => analyzed.catalogVersion,
        lastAttempt: () => job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
      });
      log.info({ stage: 'process', outcome: result.outcome, docId: result.docId, reason: result.reason }, 'page processed');
      if (result.outcome === 'indexed' || result.outcome === 'duplicate') {
        const event = {
          type: result.outcome === 'indexed' ? ('indexed' as const) : ('copy' as const),
          id: result.docId!,
          url: page.finalUrl,
          title: analyzed.article.title,
          entities: analyzed.enrichment.entities.map((e) => e.id),
          outcome: result.outcome,
        };
        // The article is already safe in OpenSearch; a lost event must not fail (and re-run) the job.
        await publishArticleEvent(events, config.KHABAR_PREFIX, event, config.EVENTS_MAXLEN).catch((error: unknown) =>
          log.warn({ err: error }, 'could not publish article event'),
        );
      }
      return result;
    } catch (error) {
      if (isPermanent(error)) throw new UnrecoverableError(errorMessage(error));
      if (isDependencyWait(error) && token) {
        log.warn({ stage: 'index', reason: (error as { reason: string }).reason }, `waiting: ${errorMessage(error)}`);
        await job.moveToDelayed(Date.now() + WAIT_MS + Math.floor(Math.random() * WAIT_MS), token);
        throw new DelayedError();
      }
      throw error;
    }
  };

  const worker = new Worker<PageJob, JobResult>(QUEUE.pages, handle, {
    connection: redis,
    prefix: config.KHABAR_PREFIX,
    concurrency: config.PROCESSOR_CONCURRENCY,
    // A stalled job (its worker died) is taken up again; two stalls in a row mean a poison page.
    maxStalledCount: 2,
    lockDuration: config.WORKER_LOCK_MS,
    stalledInterval: config.WORKER_LOCK_MS,
  });
  worker.on('completed', (_job, result) => jobOutcomes.inc({ queue: QUEUE.pages, outcome: result.outcome }));
  worker.on('failed', (job, error) => {
    jobOutcomes.inc({ queue: QUEUE.pages, outcome: `failed:${error.name}` });
    logger.warn({ jobId: job?.id, stage: 'process', err: error.message, attempts: job?.attemptsMade }, 'page job failed');
  });
  worker.on('error', (error) => logger.error({ err: error }, 'processor worker error'));
  logger.info({ index, concurrency: config.PROCESSOR_CONCURRENCY }, 'processor started');

  return {
    worker,
    async close() {
      // Stop taking jobs, let the in-flight ones finish (their bulk writes included), then disconnect.
      await worker.close();
      await indexer.drain();
      await analysis.close();
      await metrics.close();
      await Promise.allSettled([search.close(), events.quit(), redis.quit()]);
    },
  };
}
