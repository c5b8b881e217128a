import type { Config } from '@khabar/core';
import type { DefaultJobOptions, QueueOptions } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * Retention and retry policy shared by every queue: finished jobs are bounded (BullMQ keeps them
 * forever by default), failures retry with exponential backoff and then stay inspectable.
 */
export function defaultJobOptions(config: Config): DefaultJobOptions {
  return {
    attempts: config.JOB_ATTEMPTS,
    backoff: { type: 'exponential', delay: config.JOB_BACKOFF_MS, jitter: 0.3 },
    removeOnComplete: { count: config.KEEP_COMPLETED },
    removeOnFail: { count: config.KEEP_FAILED },
  };
}

export function queueOptions(config: Config, connection: Redis): QueueOptions {
  return {
    connection,
    prefix: config.KHABAR_PREFIX,
    defaultJobOptions: defaultJobOptions(config),
    streams: { events: { maxLen: 10_000 } },
  };
}
