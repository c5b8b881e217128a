import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry per process. Every Khabar metric registers here (never on prom-client's global
 * default registry) so a process serves exactly the metrics it records, plus Node's process metrics.
 */
export const registry = new Registry();

collectDefaultMetrics({ register: registry, prefix: 'khabar_' });

/** The text exposition format Prometheus scrapes. */
export function metricsContentType(): string {
  return registry.contentType;
}

export async function renderMetrics(): Promise<string> {
  return registry.metrics();
}
