import { UnrecoverableError, type Job } from 'bullmq';
import type { JobResult, Outcome } from '@khabar/core';
import { pollSource, sourcePollJobSchema, type PollDeps, type SourcePollJob } from '@khabar/fetch';

/**
 * One scheduled poll of a feed or sitemap. The poll's outcome is recorded on the source (see
 * `khabar sources list`) and returned; an unreachable source fails the job, and the next
 * interval polls it again.
 */
export function createSourceProcessor(deps: PollDeps) {
  return async function processSourceJob(job: Job<SourcePollJob, JobResult>): Promise<JobResult> {
    const parsed = sourcePollJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid source poll job: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    const result = await pollSource(deps, parsed.data.sourceId);
    const summary = { found: result.found, new: result.new, documents: result.documents, format: result.format, problems: result.problems.slice(0, 5) };
    switch (result.status) {
      case 'ok':
        return { outcome: 'fetched', ...summary };
      case 'not-modified':
        return { outcome: 'not-modified', ...summary };
      case 'removed':
        return { outcome: 'not-modified', reason: `source ${result.sourceId} was removed` };
      case 'error':
        return { outcome: (result.outcome as Outcome | undefined) ?? 'http-error', reason: result.error, ...summary };
    }
  };
}
