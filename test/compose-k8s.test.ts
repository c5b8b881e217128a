import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configShape, loadConfig } from '@khabar/core';

const root = resolve(import.meta.dirname, '..');
const k8s = join(root, 'infra', 'k8s');
const hasYaml = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0;
const skip = hasYaml ? false : 'python3 with PyYAML is not installed (it comes with docker-compose): cannot parse the manifests';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  resources?: string[];
  images?: Array<{ name: string }>;
  spec?: Record<string, unknown> & {
    scaleTargetRef?: { name: string };
    template?: { spec: PodSpec };
    triggers?: Array<{ type: string; metadata: Record<string, string> }>;
  };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  env?: Array<{ name: string; value?: string }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  ports?: Array<{ name: string; containerPort: number }>;
  readinessProbe?: { httpGet: { path: string; port: string | number } };
  livenessProbe?: { httpGet: { path: string; port: string | number } };
}
interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean };
  containers: Container[];
}

function load(file: string): Manifest[] {
  const result = spawnSync('python3', ['-c', 'import sys, json, yaml; json.dump([d for d in yaml.safe_load_all(sys.stdin) if d], sys.stdout)'], {
    input: readFileSync(join(k8s, file), 'utf8'),
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, `${file}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Manifest[];
}

describe('Kubernetes manifests', { skip }, () => {
  const kustomization = hasYaml ? load('kustomization.yaml')[0]! : ({} as Manifest);
  const all = hasYaml ? (kustomization.resources ?? []).flatMap(load) : [];
  const deployments = all.filter((m) => m.kind === 'Deployment');
  const pods = all.filter((m) => m.spec?.template?.spec).map((m) => ({ name: m.metadata.name, spec: m.spec!.template!.spec }));
  const config = all.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'khabar-config');

  test('kustomize lists files that exist and parse', () => {
    for (const file of kustomization.resources ?? []) assert.ok(existsSync(join(k8s, file)), file);
    assert.deepEqual(deployments.map((d) => d.metadata.name).sort(), ['khabar-api', 'khabar-fetcher', 'khabar-processor']);
    assert.ok(all.some((m) => m.kind === 'Job' && m.metadata.name === 'khabar-setup'));
  });

  test('every setting in the ConfigMap and the example Secret is a valid Khabar variable', () => {
    assert.ok(config?.data);
    const secret = load('secret.example.yaml')[0]!.stringData ?? {};
    const known = new Set([...Object.keys(configShape.shape), 'REDIS_PASSWORD']);
    const unknown = [...Object.keys(config.data), ...Object.keys(secret)].filter((key) => !known.has(key));
    assert.deepEqual(unknown, []);
    assert.doesNotThrow(() => loadConfig({ ...config.data, ...secret }));
  });

  test('every pod runs as a non-root user, from the kustomized image, with the shared settings', () => {
    const images = new Set((kustomization.images ?? []).map((i) => i.name));
    for (const { name, spec } of pods) {
      assert.equal(spec.securityContext?.runAsNonRoot, true, name);
      for (const container of spec.containers) {
        assert.ok(images.has(container.image), `${name}: image ${container.image} is set by kustomization.yaml`);
        const from = (container.envFrom ?? []).map((e) => e.configMapRef?.name ?? e.secretRef?.name);
        assert.deepEqual(from, ['khabar-config', 'khabar-secrets'], name);
      }
    }
  });

  test('each service deployment starts a service that exists and is probed on the right port', () => {
    const metricsPort = Number(config?.data?.METRICS_PORT);
    for (const deployment of deployments) {
      const container = deployment.spec!.template!.spec.containers[0]!;
      const service = container.env?.find((e) => e.name === 'SERVICE')?.value;
      assert.ok(service && existsSync(join(root, 'services', service, 'src', 'main.ts')), `${deployment.metadata.name}: SERVICE=${service}`);
      const ports = new Map((container.ports ?? []).map((p) => [p.name, p.containerPort]));
      assert.equal(container.livenessProbe?.httpGet.path, '/healthz', deployment.metadata.name);
      const livenessPort = ports.get(String(container.livenessProbe?.httpGet.port));
      if (service === 'api') {
        assert.equal(container.readinessProbe?.httpGet.path, '/readyz');
        assert.equal(livenessPort, Number(container.env?.find((e) => e.name === 'API_PORT')?.value));
      } else {
        assert.equal(livenessPort, metricsPort, `${service} serves /healthz on METRICS_PORT`);
      }
    }
  });

  test('KEDA scales the fetcher and processor deployments on their wait lists', () => {
    const scaled = all.filter((m) => m.kind === 'ScaledObject');
    assert.deepEqual(scaled.map((s) => s.spec?.scaleTargetRef?.name).sort(), ['khabar-fetcher', 'khabar-processor']);
    for (const object of scaled) {
      const target = object.spec!.scaleTargetRef!.name;
      assert.ok(deployments.some((d) => d.metadata.name === target), target);
      const trigger = object.spec!.triggers![0]!;
      assert.equal(trigger.type, 'redis');
      assert.match(trigger.metadata.listName ?? '', /^\{khabar\}:(fetch|pages):wait$/);
    }
  });
});
