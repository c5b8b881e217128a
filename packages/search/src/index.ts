export * from './client.js';
export * from './template.js';
export * from './setup.js';
export * from './document.js';
export * from './bulk-indexer.js';
export * from './query.js';
export * from './dashboards.js';
