export { registry, renderMetrics, metricsContentType } from './registry.js';
export * from './metrics.js';
export { createMetricsServer, startMetricsServer, type MetricsServer } from './server.js';
