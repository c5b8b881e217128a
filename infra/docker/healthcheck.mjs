// Container health check: GET /healthz on the port the process serves (the API's port, or a
// worker's METRICS_PORT). A worker without a metrics port has nothing to probe: healthy while up.
const service = process.env.SERVICE ?? 'api';
const port = service === 'api' ? Number(process.env.API_PORT ?? 8080) : Number(process.env.METRICS_PORT ?? 0);
const url = process.env.HEALTHCHECK_URL ?? (port > 0 ? `http://127.0.0.1:${port}/healthz` : undefined);
if (!url) process.exit(0);
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4000) });
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`healthcheck ${url}: ${error.message}`);
  process.exit(1);
}
