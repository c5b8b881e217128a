export * from './config.js';
export * from './logger.js';
export * from './redis.js';
export * from './errors.js';
export * from './hash.js';
export * from './keys.js';
export * from './shutdown.js';
export type * from './types.js';
