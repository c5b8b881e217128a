export * from './names.js';
export * from './payloads.js';
export * from './options.js';
export * from './producers.js';
