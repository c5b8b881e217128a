/**
 * `npm run stack`: the whole pipeline on this machine without Docker. Starts redis-server and an
 * OpenSearch node (unless REDIS_URL / OPENSEARCH_URL are given), creates the index, then runs the
 * API, the fetch worker and the processing worker as separate processes, and prints where
 * everything listens. Ctrl-C stops it all (workers finish their in-flight jobs first).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { removeData, startOpenSearch, startRedis, type LocalService } from './lib/local-services.js';
import { SERVICE_NODE_OPTIONS } from './lib/service-node-options.js';

const root = resolve(import.meta.dirname, '..');
const env: NodeJS.ProcessEnv = { ...process.env };
const started: LocalService[] = [];
const children: Array<{ name: string; child: ChildProcess }> = [];

const ensure = spawnSync('bash', [resolve(root, 'scripts', 'ensure-deps.sh')], { stdio: 'inherit' });
if (ensure.status !== 0) process.exit(ensure.status ?? 1);

if (!env.REDIS_URL) {
  const redis = await startRedis({ port: env.REDIS_PORT ? Number(env.REDIS_PORT) : undefined });
  started.push(redis);
  env.REDIS_URL = redis.url;
}
if (!env.OPENSEARCH_URL) {
  console.log('starting OpenSearch (about 20 s)...');
  const opensearch = await startOpenSearch({ port: env.OPENSEARCH_PORT ? Number(env.OPENSEARCH_PORT) : undefined });
  started.push(opensearch);
  env.OPENSEARCH_URL = opensearch.url;
}
env.API_PORT ??= '8080';
env.LOG_PRETTY ??= 'false';

const khabar = (args: string[]) => spawnSync(process.execPath, [resolve(root, 'services/cli/bin/khabar.js'), ...args], { env, stdio: 'inherit' });
if (khabar(['setup']).status !== 0) {
  await stopAll(1);
}

const metricsPorts = { fetcher: env.FETCHER_METRICS_PORT ?? '9101', processor: env.PROCESSOR_METRICS_PORT ?? '9102' };
for (const name of ['api', 'fetcher', 'processor'] as const) {
  const serviceEnv = { ...env, NODE_OPTIONS: SERVICE_NODE_OPTIONS, ...(name === 'api' ? {} : { METRICS_PORT: metricsPorts[name] }) };
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'services', name, 'src', 'main.ts')], {
    env: serviceEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
    // A process group of its own: Ctrl-C reaches only this script, which then stops each service
    // once with SIGTERM (a second signal would make a service skip its graceful shutdown).
    detached: true,
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping the stack`);
      void stopAll(1);
    }
  });
  children.push({ name, child });
}

console.log(`
Khabar is running:
  API            http://${env.API_HOST ?? '127.0.0.1'}:${env.API_PORT}   (POST /v1/urls, GET /v1/search, /docs, /admin/queues, /metrics)
  Redis          ${env.REDIS_URL}
  OpenSearch     ${env.OPENSEARCH_URL}   (index alias: ${env.INDEX_ALIAS ?? 'articles'})
  worker metrics http://127.0.0.1:${metricsPorts.fetcher}/metrics (fetcher), http://127.0.0.1:${metricsPorts.processor}/metrics (processor)
Try:  REDIS_URL=${env.REDIS_URL} OPENSEARCH_URL=${env.OPENSEARCH_URL} npx khabar enqueue <url>
Ctrl-C stops everything.
`);

let stopping = false;
async function stopAll(code = 0): Promise<never> {
  stopping = true;
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
    ),
  );
  await Promise.all(started.map((s) => s.stop()));
  started.forEach(removeData);
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
