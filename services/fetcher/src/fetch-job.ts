import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { RetryableError, errorMessage, type Config, type JobResult, type Logger, type Outcome } from '@khabar/core';
import { stageDuration } from '@khabar/telemetry';
import { fetchPage, type FetchOptions, type FetchResult, type FetchSettings, type HostBudget, type HostPoliteness, type RobotsCache, type RobotsRules } from '@khabar/fetch';
import { fetchJobSchema, type FetchJob, type Producers } from '@khabar/queues';

/** A Retry-After longer than this is cut to it: the job retries then, and fails after its attempts. */
const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

export interface FetchJobDeps {
  config: Pick<Config, 'FETCH_HOST_CONCURRENCY' | 'FETCH_HOST_DELAY_MS' | 'JOB_BACKOFF_MS' | 'FETCH_TIMEOUT_MS'>;
  settings: FetchSettings;
  fetchOptions: FetchOptions;
  robots: RobotsCache;
  politeness: HostPoliteness;
  producers: Pick<Producers, 'enqueuePage'>;
  logger: Logger;
}

/** Extra job data the fetcher keeps between runs of one job. */
interface FetchJobState {
  /** Times the job waited out a Retry-After (counted against its attempts). */
  retryAfterCount?: number;
  /** Start time the host's politeness budget promised this job while it waits (see HostPoliteness). */
  hostSlot?: number;
}

const jitter = (ms: number) => Math.round(ms * (1 + Math.random() * 0.25));

/** The job's own host has no turn free now: the job parks until `waitMs` (its promised `slot`). */
class HostBusy extends Error {
  override name = 'HostBusy';
  constructor(
    readonly waitMs: number,
    readonly slot?: number,
  ) {
    super(`host busy for ${waitMs} ms`);
  }
}

/** Redis trouble is transient (retry with backoff), unlike a bug in the fetch code. */
function isRedisError(error: unknown): boolean {
  const { name = '', message = '' } = (error as Error) ?? {};
  return /Redis|ReplyError|MaxRetriesPerRequest/.test(name) || /Connection is closed|Stream isn't writeable|ECONNREFUSED|LOADING|READONLY|BUSY/.test(message);
}

/** Parks the job in BullMQ's delayed set without using an attempt, freeing the worker slot now. */
async function park(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + ms, token);
  throw new DelayedError();
}

/**
 * One fetch job: robots.txt, the host's politeness budget, then the page. Ends with a recorded
 * outcome (fetched or a permanent skip), a retry (RetryableError, Retry-After honoured), a park
 * in the delayed set while the host is busy, or an UnrecoverableError for anything else.
 */
export function createFetchProcessor(deps: FetchJobDeps) {
  const { config, settings, robots, politeness, producers, logger } = deps;

  return async function processFetchJob(job: Job<FetchJob & FetchJobState, JobResult>, token?: string): Promise<JobResult> {
    const parsed = fetchJobSchema.safeParse(job.data);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ');
      throw new UnrecoverableError(`invalid fetch job: ${problems}`);
    }
    const { url } = parsed.data;
    const target = new URL(url);
    const log = logger.child({ jobId: job.id, url, stage: 'fetch' });
    const record = (outcome: Outcome, reason: string, extra: Record<string, unknown> = {}): JobResult => {
      log.info({ outcome, reason, ...extra }, 'fetch skipped');
      return { outcome, reason, ...extra };
    };

    const budgetFor = (rules: RobotsRules | undefined): HostBudget => ({
      maxConcurrent: config.FETCH_HOST_CONCURRENCY,
      minDelayMs: Math.max(config.FETCH_HOST_DELAY_MS, Math.min(rules?.crawlDelayMs ?? 0, settings.FETCH_MAX_CRAWL_DELAY_MS)),
    });
    const parkUntilTurn = async (waitMs: number, slot: number | undefined): Promise<never> => {
      log.debug({ waitMs, slot }, 'host busy: job parked until its turn');
      if (slot !== undefined && slot !== job.data.hostSlot) await job.updateData({ ...job.data, hostSlot: slot });
      // A promised turn is exact; an unpromised retry (host at its concurrency limit) spreads out.
      return park(job, token, slot !== undefined ? waitMs : jitter(waitMs));
    };
    try {
      const known = await robots.cachedRulesFor(target);
      if (known && !known.reachable) throw robots.unreachableError(known);
      if (known && !known.isAllowed(url)) return record('robots-disallowed', `robots.txt of ${known.origin} disallows ${target.pathname}`);

      if (!known) {
        // robots.txt is not cached: fetching it is this turn's request to the host, and the page
        // waits for its own turn. When another worker is already fetching it, ask again shortly.
        const lease = await politeness.acquire(target.host, budgetFor(undefined), job.data.hostSlot);
        if (!lease.granted) return await parkUntilTurn(lease.waitMs, lease.slot);
        lease.started();
        let rules: RobotsRules | undefined;
        try {
          rules = await robots.refresh(target);
        } finally {
          await lease.release();
        }
        if (rules) log.debug({ origin: rules.origin, reachable: rules.reachable, crawlDelayMs: rules.crawlDelayMs }, 'robots.txt fetched');
        if (rules && !rules.reachable) throw robots.unreachableError(rules);
        const { minDelayMs } = budgetFor(rules);
        if (rules?.crawlDelayMs) await politeness.penalize(target.host, minDelayMs);
        if (job.data.hostSlot !== undefined) await job.updateData({ ...job.data, hostSlot: undefined });
        return await park(job, token, jitter(Math.max(minDelayMs, rules ? 1 : 100)));
      }

      // The turn is taken inside fetchPage, right before each host's first request: the job's
      // own host parks the job when busy; a host a redirect leads to is waited for in-line.
      const enterHost = async (hop: URL): Promise<() => Promise<void>> => {
        if (hop.host !== target.host) {
          return politeness.waitTurn(hop.host, budgetFor(await robots.cachedRulesFor(hop)), config.FETCH_TIMEOUT_MS);
        }
        const lease = await politeness.acquire(hop.host, budgetFor(known), job.data.hostSlot);
        if (!lease.granted) throw new HostBusy(lease.waitMs, lease.slot);
        lease.started();
        return lease.release;
      };
      const started = Date.now();
      const stopTimer = stageDuration.startTimer({ stage: 'fetch' });
      let result: FetchResult;
      try {
        result = await fetchPage(url, { ...deps.fetchOptions, enterHost });
      } catch (error) {
        if (error instanceof HostBusy) return await parkUntilTurn(error.waitMs, error.slot);
        if (error instanceof Error && (error.name === 'RetryableError' || isRedisError(error))) throw error;
        throw new UnrecoverableError(`fetch failed: ${errorMessage(error)}`);
      } finally {
        stopTimer();
      }
      if (result.kind === 'skipped') return record(result.outcome, result.reason, { ms: Date.now() - started });
      const { jobId: pageJobId } = await producers.enqueuePage(result.page);
      log.info({ outcome: 'fetched', pageJobId, finalUrl: result.page.finalUrl, ms: Date.now() - started, bytes: result.page.html.length }, 'fetched');
      return { outcome: 'fetched', pageJobId, finalUrl: result.page.finalUrl, status: result.page.status };
    } catch (error) {
      if (error instanceof RetryableError || (error as Error)?.name === 'RetryableError') {
        const retryable = error as RetryableError;
        log.warn({ reason: retryable.reason, attempt: job.attemptsMade + 1, retryAfterMs: retryable.retryAfterMs }, retryable.message);
        if (retryable.retryAfterMs !== undefined) {
          const waitMs = Math.min(Math.max(retryable.retryAfterMs, config.JOB_BACKOFF_MS), MAX_RETRY_AFTER_MS);
          await politeness.penalize(target.host, waitMs);
          const waited = job.data.retryAfterCount ?? 0;
          if (job.attemptsMade + waited + 1 >= (job.opts.attempts ?? 1)) {
            throw new UnrecoverableError(`gave up after ${job.attemptsMade + waited + 1} attempts: ${retryable.message}`);
          }
          await job.updateData({ ...job.data, retryAfterCount: waited + 1, hostSlot: undefined });
          return await park(job, token, waitMs);
        }
        // A retry later queues afresh for its host rather than reusing a promise already spent.
        if (job.data.hostSlot !== undefined) await job.updateData({ ...job.data, hostSlot: undefined });
      }
      throw error;
    }
  };
}
