export * from './url.js';
