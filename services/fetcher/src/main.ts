import { createLogger, loadConfig, onShutdown } from '@khabar/core';
import { startFetcher } from './index.js';

const config = loadConfig();
const logger = createLogger(config, 'fetcher');
const fetcher = startFetcher(config, logger);
logger.info({ concurrency: config.FETCH_CONCURRENCY, prefix: config.KHABAR_PREFIX }, 'fetcher started');
onShutdown(logger, () => fetcher.close(), config.SHUTDOWN_GRACE_MS);
