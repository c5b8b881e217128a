import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@khabar/core';
import { registry } from './registry.js';

/** A bare HTTP server answering GET /metrics (and /healthz) from the process registry. */
export function createMetricsServer(logger?: Logger): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => {
        logger?.error({ err: error }, 'could not render metrics');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
      },
    );
  });
}

export interface MetricsServer {
  /** Port actually listened on; 0 when the server is off. */
  port: number;
  close(): Promise<void>;
}

/**
 * What a worker calls at start: `startMetricsServer(config.METRICS_PORT, logger)`.
 * Port 0 means off (the METRICS_PORT default), so a worker without a scraper opens no port.
 */
export async function startMetricsServer(port: number, logger: Logger, host = '0.0.0.0'): Promise<MetricsServer> {
  if (port === 0) return { port: 0, close: async () => {} };
  const server = createMetricsServer(logger);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  logger.info({ port: actual }, 'serving Prometheus metrics on /metrics');
  return {
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
