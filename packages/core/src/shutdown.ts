import type { Logger } from 'pino';

/**
 * Runs `close` once on SIGTERM/SIGINT and exits; a second signal or the grace period
 * forces the exit so an orchestrator never waits forever.
 */
export function onShutdown(logger: Logger, close: () => Promise<void>, graceMs = 30_000): void {
  let closing = false;
  const handler = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    logger.info({ signal, graceMs }, 'shutting down: finishing in-flight jobs');
    const timer = setTimeout(() => {
      logger.error('grace period over: exiting with jobs still in flight (they will be retried)');
      process.exit(1);
    }, graceMs);
    timer.unref();
    close().then(
      () => {
        logger.info('shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
