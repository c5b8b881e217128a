import { createLogger, loadConfig, onShutdown } from '@khabar/core';
import { startApi } from './index.js';

/** The API process: config, logger, listen, and a clean stop on SIGTERM. */
const config = loadConfig();
const logger = createLogger(config, 'api');
try {
  const api = await startApi(config, logger);
  onShutdown(logger, () => api.close(), config.SHUTDOWN_GRACE_MS);
} catch (error) {
  logger.fatal({ err: error }, 'API could not start');
  process.exit(1);
}
