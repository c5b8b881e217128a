import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { stableId, type Config, type RawPage } from '@khabar/core';
import { canonicalizeUrl } from '@khabar/dedupe';
import { QUEUE } from './names.js';
import { queueOptions } from './options.js';
import { encodePageAsync, type FetchJob, type PageJob } from './payloads.js';

/**
 * Job ids derive from the canonical URL so enqueueing the same URL twice while its job is still
 * kept is a no-op. BullMQ ids may not contain ":" nor be all digits, hence the hash with a letter.
 */
export function fetchJobId(canonicalUrl: string): string {
  return `u${stableId(canonicalUrl)}`;
}

export function pageJobId(page: Pick<RawPage, 'finalUrl' | 'html'>): string {
  return `p${stableId(`${page.finalUrl}\n${stableId(page.html)}`)}`;
}

export interface EnqueueResult {
  url: string;
  canonicalUrl?: string;
  jobId?: string;
  status: 'queued' | 'already-queued' | 'invalid';
  error?: string;
}

export class Producers {
  readonly fetch: Queue<FetchJob>;
  readonly pages: Queue<PageJob>;

  constructor(
    config: Config,
    private readonly connection: Redis,
  ) {
    const options = queueOptions(config, connection);
    this.fetch = new Queue<FetchJob>(QUEUE.fetch, options);
    this.pages = new Queue<PageJob>(QUEUE.pages, options);
  }

  /** Canonicalise, then add in one round trip; reports each URL's fate in input order. */
  async enqueueUrls(urls: string[], sourceId?: string): Promise<EnqueueResult[]> {
    const results: EnqueueResult[] = [];
    const jobs: Array<{ name: string; data: FetchJob; opts: { jobId: string } }> = [];
    const seen = new Set<string>();
    const enqueuedAt = new Date().toISOString();
    for (const url of urls) {
      let canonicalUrl: string;
      try {
        canonicalUrl = canonicalizeUrl(url);
      } catch (error) {
        results.push({ url, status: 'invalid', error: (error as Error).message });
        continue;
      }
      const jobId = fetchJobId(canonicalUrl);
      if (seen.has(jobId)) {
        results.push({ url, canonicalUrl, jobId, status: 'already-queued' });
        continue;
      }
      seen.add(jobId);
      results.push({ url, canonicalUrl, jobId, status: 'queued' });
      jobs.push({ name: 'url', data: { url: canonicalUrl, enqueuedAt, ...(sourceId ? { sourceId } : {}) }, opts: { jobId } });
    }
    if (jobs.length === 0) return results;
    // An id still held by a kept job means "already queued"; addBulk would silently keep the old one.
    const keyOf = (id: string) => `${this.fetch.opts.prefix}:${this.fetch.name}:${id}`;
    const batch = this.connection.pipeline();
    for (const job of jobs) batch.exists(keyOf(job.opts.jobId));
    const exists = (await batch.exec()) ?? [];
    const existing = new Set(jobs.filter((_, i) => exists[i]?.[1] === 1).map((job) => job.opts.jobId));
    for (const result of results) {
      if (result.status === 'queued' && result.jobId && existing.has(result.jobId)) result.status = 'already-queued';
    }
    const fresh = jobs.filter((job) => !existing.has(job.opts.jobId));
    if (fresh.length > 0) await this.fetch.addBulk(fresh);
    return results;
  }

  async enqueuePage(page: RawPage): Promise<{ jobId: string; status: 'queued' | 'already-queued' }> {
    const jobId = pageJobId(page);
    const existing = await this.pages.getJob(jobId);
    if (existing) return { jobId, status: 'already-queued' };
    await this.pages.add('page', await encodePageAsync(page), { jobId });
    return { jobId, status: 'queued' };
  }

  async close(): Promise<void> {
    await Promise.all([this.fetch.close(), this.pages.close()]);
  }
}
