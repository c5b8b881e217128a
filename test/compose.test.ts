import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SERVICE_NODE_OPTIONS } from '../scripts/lib/service-node-options.js';

const root = resolve(import.meta.dirname, '..');
const hasCompose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
const skip = hasCompose ? false : 'docker-compose is not installed (apt-get install docker-compose): cannot validate docker-compose.yml';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  container_name?: string;
  ports?: unknown[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: unknown; disable?: boolean };
  volumes?: Array<string | { source?: string; type?: string }>;
}

describe('docker-compose.yml', { skip }, () => {
  let dir: string;
  let emptyEnv: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'khabar-compose-'));
    emptyEnv = join(dir, 'empty.env');
    writeFileSync(emptyEnv, '');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // A clean environment: only PATH, so a developer's shell variables or .env cannot hide a gap.
  const compose = (args: string[], env: Record<string, string> = {}) =>
    spawnSync('docker-compose', ['--project-directory', root, '-f', join(root, 'docker-compose.yml'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    });
  const withExample = (args: string[]) => compose(['--env-file', join(root, 'infra', 'env.example'), ...args]);

  test('docker-compose config -q accepts the file with the example settings', () => {
    const result = withExample(['config', '-q']);
    assert.equal(result.status, 0, result.stderr);
  });

  test('a missing OpenSearch admin password stops compose with a message naming it', () => {
    const result = compose(['--env-file', emptyEnv, 'config', '-q']);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /OPENSEARCH_ADMIN_PASSWORD/);
    const given = compose(['--env-file', emptyEnv, 'config', '-q'], { OPENSEARCH_ADMIN_PASSWORD: 'An0ther-Secret!' });
    assert.equal(given.status, 0, given.stderr);
  });

  let cached: Record<string, ComposeService> | undefined;
  /** The file as compose resolves it (anchors merged, variables filled), parsed once. */
  function resolved(): Record<string, ComposeService> {
    if (cached) return cached;
    const config = withExample(['config']);
    assert.equal(config.status, 0, config.stderr);
    // docker-compose is Python and brings PyYAML: let it turn the resolved YAML into JSON.
    const json = spawnSync('python3', ['-c', 'import sys, json, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'], { input: config.stdout, encoding: 'utf8' });
    assert.equal(json.status, 0, json.stderr);
    cached = (JSON.parse(json.stdout) as { services: Record<string, ComposeService> }).services;
    return cached;
  }

  test('it runs every part of Khabar and its infrastructure', () => {
    assert.deepEqual(Object.keys(resolved()).sort(), ['api', 'dashboards', 'fetcher', 'grafana', 'opensearch', 'processor', 'prometheus', 'redis', 'setup']);
  });

  test('Redis keeps an append-only file and never evicts keys', () => {
    const command = [resolved().redis!.command].flat().join(' ');
    assert.match(command, /--appendonly yes/);
    assert.match(command, /--maxmemory-policy noeviction/);
  });

  test('OpenSearch and Dashboards use the version the tests run against, with security on', () => {
    const services = resolved();
    const harness = readFileSync(join(root, 'scripts', 'lib', 'local-services.ts'), 'utf8');
    const version = /OPENSEARCH_VERSION \?\? '([\d.]+)'/.exec(harness)?.[1];
    assert.ok(version, 'the test harness names its OpenSearch version');
    assert.equal(services.opensearch!.image, `opensearchproject/opensearch:${version}`);
    assert.equal(services.dashboards!.image, `opensearchproject/opensearch-dashboards:${version}`);
    assert.ok(services.opensearch!.environment?.OPENSEARCH_INITIAL_ADMIN_PASSWORD, 'admin password from the environment');
    assert.notEqual(services.opensearch!.environment?.DISABLE_SECURITY_PLUGIN, 'true');
    for (const name of ['api', 'fetcher', 'processor', 'setup']) {
      const env = services[name]!.environment ?? {};
      assert.match(env.OPENSEARCH_URL ?? '', /^https:/, `${name} talks TLS to OpenSearch`);
      assert.equal(env.OPENSEARCH_USERNAME, 'admin', name);
      assert.equal(env.OPENSEARCH_PASSWORD, services.opensearch!.environment?.OPENSEARCH_INITIAL_ADMIN_PASSWORD, name);
    }
  });

  test('the workers can be scaled: no container names and no published ports', () => {
    const services = resolved();
    for (const name of ['fetcher', 'processor']) {
      assert.equal(services[name]!.container_name, undefined, name);
      assert.equal(services[name]!.ports, undefined, name);
    }
  });

  test('setup runs khabar setup once before the services start', () => {
    const services = resolved();
    assert.deepEqual(services.setup!.command, ['npx', 'khabar', 'setup']);
    assert.ok(services.setup!.environment?.DASHBOARDS_URL, 'setup imports the Dashboards saved objects');
    for (const name of ['api', 'fetcher', 'processor']) {
      assert.equal(services[name]!.depends_on?.setup?.condition, 'service_completed_successfully', name);
      assert.equal(services[name]!.depends_on?.redis?.condition, 'service_healthy', name);
      assert.equal(services[name]!.environment?.SERVICE, name, name);
    }
    assert.equal(services.api!.environment?.API_HOST, '0.0.0.0', 'the API listens beyond the container loopback');
  });

  test('the Khabar services get only variables Khabar knows (a typo would be silently ignored)', async () => {
    const { configShape } = await import('@khabar/core');
    const known = new Set([...Object.keys(configShape.shape), 'SERVICE']);
    const services = resolved();
    for (const name of ['api', 'fetcher', 'processor', 'setup']) {
      const unknown = Object.keys(services[name]!.environment ?? {}).filter((key) => !known.has(key));
      assert.deepEqual(unknown, [], name);
    }
  });

  test('published ports are bound to the loopback address only', () => {
    for (const [name, service] of Object.entries(resolved())) {
      for (const port of service.ports ?? []) {
        const hostIp = typeof port === 'string' ? port.split(':')[0] : (port as { host_ip?: string }).host_ip;
        assert.equal(hostIp, '127.0.0.1', `${name}: ${JSON.stringify(port)}`);
      }
    }
  });

  test('every file compose mounts from the repository exists', () => {
    for (const [name, service] of Object.entries(resolved())) {
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === 'string' ? volume.split(':')[0]! : volume.type === 'bind' ? volume.source : undefined;
        if (source && source.startsWith('/')) assert.ok(existsSync(source), `${name} mounts ${source}`);
      }
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

  test('is multi-stage, runs as a non-root user and declares a health check', () => {
    assert.ok((dockerfile.match(/^FROM /gm) ?? []).length >= 2, 'multi-stage');
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    assert.ok(users.length > 0 && users.at(-1) !== 'root' && users.at(-1) !== '0', 'the final stage runs as a non-root user');
    assert.match(dockerfile, /^HEALTHCHECK .*infra\/docker\/healthcheck\.mjs/m);
    assert.ok(existsSync(join(root, 'infra', 'docker', 'healthcheck.mjs')));
  });

  test('starts services through tsx, and every service it can start exists', () => {
    assert.match(dockerfile, /node --import tsx services\/\$\{SERVICE\}\/src\/main\.ts/);
    for (const service of ['api', 'fetcher', 'processor']) assert.ok(existsSync(join(root, 'services', service, 'src', 'main.ts')), service);
  });

  test('gives services the same heap caps as the stack and the tests', () => {
    assert.ok(dockerfile.includes(`ENV NODE_OPTIONS="${SERVICE_NODE_OPTIONS}"`), `Dockerfile sets NODE_OPTIONS="${SERVICE_NODE_OPTIONS}"`);
  });

  test('.dockerignore keeps dependencies, caches and secrets out of the build context', () => {
    const ignore = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['**/node_modules', '.cache', '.env', '.git']) assert.ok(ignore.includes(entry), entry);
  });
});
