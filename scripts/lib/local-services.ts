import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port.js';

/**
 * Real Redis and a real OpenSearch node for tests, benchmarks and `npm run stack`, each on a free
 * loopback port with its data in a temporary directory. OpenSearch refuses to run as root, so as
 * root it runs as an unprivileged user created for it.
 */

const repoRoot = resolve(import.meta.dirname, '..', '..');
export const OPENSEARCH_VERSION = process.env.OPENSEARCH_VERSION ?? '2.19.3';
const OS_USER = 'khabar-os';

export interface LocalService {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
  /** Starts the same server again on the same port and data (Redis restart, OpenSearch outage tests). */
  restart(): Promise<void>;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}

async function stopGroup(child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    return;
  }
  await waitForExit(child, timeoutMs);
}

async function poll(what: string, timeoutMs: number, check: () => Promise<boolean>, child: ChildProcess, logFile?: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}${logFile ? ` (log: ${logFile})` : ''}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms${logFile ? ` (log: ${logFile})` : ''}`);
}

export async function startRedis(options: { port?: number; appendonly?: boolean; args?: string[] } = {}): Promise<LocalService> {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error('redis-server is not installed: run scripts/ensure-deps.sh (or apt-get install redis-server)');
  }
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'khabar-redis-'));
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--save', '',
    '--appendonly', options.appendonly === false ? 'no' : 'yes', '--appendfsync', 'everysec',
    '--maxmemory-policy', 'noeviction', '--protected-mode', 'yes', '--daemonize', 'no', '--loglevel', 'warning',
    ...(options.args ?? []),
  ];
  const launch = () => spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const service: LocalService = {
    url: `redis://127.0.0.1:${port}`,
    port,
    dataDir,
    process: launch(),
    async stop() {
      await stopGroup(service.process);
    },
    async restart() {
      await stopGroup(service.process);
      service.process = launch();
      await ready();
    },
  };
  const ready = () => poll('redis-server', 10_000, () => redisPing(port), service.process);
  await ready();
  return service;
}

/** A Redis Cluster of `size` masters on loopback, slots spread by redis-cli, ready to serve. */
export interface LocalRedisCluster {
  nodes: LocalService[];
  /** "127.0.0.1:p1,127.0.0.1:p2,..." as REDIS_CLUSTER_NODES takes it. */
  seeds: string;
  stop(): Promise<void>;
}

export async function startRedisCluster(size = 3): Promise<LocalRedisCluster> {
  const nodes: LocalService[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    for (const n of nodes) removeData(n);
  };
  try {
    for (let i = 0; i < size; i++) {
      // nodes.conf is the node's own cluster state, written into its data directory.
      nodes.push(await startRedis({ appendonly: false, args: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000'] }));
    }
    const addresses = nodes.map((n) => `127.0.0.1:${n.port}`);
    const create = spawnSync('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8' });
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stderr || create.stdout}`);
    await poll('redis cluster', 20_000, async () =>
      nodes.every((n) => /cluster_state:ok/.test(spawnSync('redis-cli', ['-p', String(n.port), 'cluster', 'info'], { encoding: 'utf8' }).stdout ?? '')),
      nodes[0]!.process,
    );
    return { nodes, seeds: addresses.join(','), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function redisPing(port: number): Promise<boolean> {
  const { createConnection } = await import('node:net');
  return new Promise((resolvePing) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.setTimeout(1000);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      resolvePing(data.toString().startsWith('+PONG'));
      socket.destroy();
    });
    socket.on('error', () => resolvePing(false));
    socket.on('timeout', () => {
      resolvePing(false);
      socket.destroy();
    });
  });
}

/** OpenSearch's launcher needs JAVA_HOME (the integ-test zip bundles no JDK): take the machine's java. */
function javaHome(): string {
  if (process.env.JAVA_HOME) return process.env.JAVA_HOME;
  const which = spawnSync('sh', ['-c', 'readlink -f "$(command -v java)"'], { encoding: 'utf8' });
  const java = which.stdout.trim();
  if (!java) throw new Error('java is not installed: run scripts/ensure-deps.sh');
  return resolve(java, '..', '..');
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function ensureUser(): void {
  if (spawnSync('id', ['-u', OS_USER]).status === 0) return;
  const made = spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', OS_USER], { stdio: 'inherit' });
  if (made.status !== 0) throw new Error(`could not create user ${OS_USER} to run OpenSearch (it refuses to run as root)`);
}

/** Unpacks the cached distribution (see scripts/ensure-deps.sh) once into a world-readable place. */
function openSearchHome(): string {
  const zip = join(repoRoot, '.cache', 'opensearch', `opensearch-${OPENSEARCH_VERSION}.zip`);
  if (!existsSync(zip)) throw new Error(`OpenSearch ${OPENSEARCH_VERSION} is not downloaded: run scripts/ensure-deps.sh`);
  const base = join(tmpdir(), `khabar-opensearch-${OPENSEARCH_VERSION}-${isRoot() ? 'root' : process.getuid?.()}`);
  const home = join(base, `opensearch-${OPENSEARCH_VERSION}`);
  if (!existsSync(join(home, 'modules', 'analysis-common'))) {
    rmSync(base, { recursive: true, force: true });
    mkdirSync(base, { recursive: true });
    const unzip = spawnSync('unzip', ['-q', zip, '-d', base], { stdio: 'inherit' });
    if (unzip.status !== 0) throw new Error(`could not unzip ${zip}`);
    const modules = join(repoRoot, '.cache', 'opensearch', `modules-${OPENSEARCH_VERSION}`);
    if (!existsSync(modules)) throw new Error(`OpenSearch modules are not downloaded: run scripts/ensure-deps.sh`);
    cpSync(modules, join(home, 'modules'), { recursive: true });
    if (isRoot()) {
      ensureUser();
      spawnSync('chown', ['-R', `${OS_USER}:${OS_USER}`, base]);
    }
  }
  return home;
}

export async function startOpenSearch(options: { port?: number; heap?: string } = {}): Promise<LocalService> {
  const home = openSearchHome();
  const port = options.port ?? (await freePort());
  const transportPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'khabar-osdata-'));
  mkdirSync(join(dataDir, 'data'));
  mkdirSync(join(dataDir, 'logs'));
  const logFile = join(dataDir, 'stdout.log');
  writeFileSync(logFile, '');
  if (isRoot()) {
    ensureUser();
    spawnSync('chown', ['-R', `${OS_USER}:${OS_USER}`, dataDir]);
  }
  const heap = options.heap ?? process.env.OPENSEARCH_HEAP ?? '768m';
  const settings = [
    `-Ehttp.port=${port}`, `-Etransport.port=${transportPort}`, '-Enetwork.host=127.0.0.1',
    '-Ediscovery.type=single-node', `-Epath.data=${join(dataDir, 'data')}`, `-Epath.logs=${join(dataDir, 'logs')}`,
    '-Ecluster.name=khabar-local', '-Eaction.auto_create_index=false',
    // A test machine's disk is often > 90% full; watermarks would turn indices read-only.
    '-Ecluster.routing.allocation.disk.threshold_enabled=false',
  ];
  const env = { ...process.env, OPENSEARCH_JAVA_OPTS: `-Xms${heap} -Xmx${heap}`, JAVA_HOME: javaHome(), OPENSEARCH_PATH_CONF: join(home, 'config') };
  const launch = () => {
    const out = openSync(logFile, 'a');
    const command = join(home, 'bin', 'opensearch');
    return isRoot()
      ? spawn('runuser', ['-u', OS_USER, '--', 'env', `OPENSEARCH_JAVA_OPTS=${env.OPENSEARCH_JAVA_OPTS}`, `JAVA_HOME=${env.JAVA_HOME}`, command, ...settings], { stdio: ['ignore', out, out], detached: true, env })
      : spawn(command, settings, { stdio: ['ignore', out, out], detached: true, env });
  };
  const url = `http://127.0.0.1:${port}`;
  const service: LocalService = {
    url,
    port,
    dataDir,
    process: launch(),
    async stop() {
      await stopGroup(service.process, 30_000);
    },
    async restart() {
      await stopGroup(service.process, 30_000);
      service.process = launch();
      await ready();
    },
  };
  const ready = () =>
    poll(
      `OpenSearch ${OPENSEARCH_VERSION}`,
      180_000,
      async () => {
        const res = await fetch(`${url}/_cluster/health?wait_for_status=yellow&timeout=1s`);
        return res.ok;
      },
      service.process,
      logFile,
    );
  await ready();
  return service;
}

/** Removes a service's data directory once it is stopped. */
export function removeData(service: LocalService): void {
  rmSync(service.dataDir, { recursive: true, force: true });
}
