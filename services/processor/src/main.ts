import { createLogger, loadConfig, onShutdown } from '@khabar/core';
import { startProcessor } from './processor.js';

const config = loadConfig();
const logger = createLogger(config, 'processor');
const processor = await startProcessor(config, logger);
onShutdown(logger, () => processor.close(), config.SHUTDOWN_GRACE_MS);
