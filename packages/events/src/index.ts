export * from './schema.js';
export * from './stream.js';
