/**
 * `npm test`: unit tests, then integration and end-to-end tests against a real redis-server and a
 * real OpenSearch node that this script starts (unless REDIS_URL / OPENSEARCH_URL point at running
 * ones). `npm test -- --unit` runs only the unit tests; other arguments filter test files by name.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { removeData, startOpenSearch, startRedis, OPENSEARCH_VERSION, type LocalService } from './lib/local-services.js';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const filters = args.filter((a) => !a.startsWith('--'));

function findTests(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const unitFiles = ['packages', 'services'].flatMap((area) =>
  readdirSync(join(root, area)).flatMap((pkg) => findTests(join(root, area, pkg, 'test'))),
);
const systemFiles = unitOnly ? [] : findTests(join(root, 'test'));
const files = [...unitFiles, ...systemFiles]
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((needle) => f.includes(needle)))
  .sort();

const started: LocalService[] = [];
const env = { ...process.env };
const needsServices = !unitOnly && systemFiles.length > 0;
if (needsServices && (!env.REDIS_URL || !env.OPENSEARCH_URL)) {
  if (!existsSync(join(root, '.cache', 'opensearch', `modules-${OPENSEARCH_VERSION}`, 'analysis-common')) || spawnSync('redis-server', ['--version']).status !== 0) {
    const ensure = spawnSync('bash', [join(root, 'scripts', 'ensure-deps.sh')], { stdio: 'inherit', env: { ...process.env, KHABAR_TEST_DEPS: '1' } });
    if (ensure.status !== 0) process.exit(ensure.status ?? 1);
  }
  if (!env.REDIS_URL) {
    const redis = await startRedis();
    started.push(redis);
    env.REDIS_URL = redis.url;
  }
  if (!env.OPENSEARCH_URL) {
    const t0 = Date.now();
    const opensearch = await startOpenSearch();
    started.push(opensearch);
    env.OPENSEARCH_URL = opensearch.url;
    console.log(`# OpenSearch ${OPENSEARCH_VERSION} ready at ${opensearch.url} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  console.log(`# Redis at ${env.REDIS_URL}`);
}
env.LOG_LEVEL ??= 'warn';
env.LOG_PRETTY ??= 'false';

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-force-exit', '--test-concurrency=2', '--test-timeout=600000', ...files],
  { cwd: root, env, stdio: 'inherit' },
);
const code: number = await new Promise((done) => child.on('exit', (c, signal) => done(c ?? (signal ? 1 : 0))));
await Promise.all(started.map((s) => s.stop()));
started.forEach(removeData);
process.exit(code);
