/**
 * Errors are named for what happens next (after crawlee's errors.ts). They travel inside failed
 * BullMQ jobs, where only `name` and `message` survive, so callers check `name`, not instanceof.
 */

/** Retrying cannot help (a 404, a page that is not HTML): fail the job now. */
export class PermanentError extends Error {
  override name = 'PermanentError';
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** A dependency is down or slow (OpenSearch, a 503): retry with backoff. */
export class RetryableError extends Error {
  override name = 'RetryableError';
  constructor(
    message: string,
    readonly reason: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export function isPermanent(error: unknown): error is PermanentError {
  return error instanceof Error && error.name === 'PermanentError';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
