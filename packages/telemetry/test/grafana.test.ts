import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { registry } from '../src/index.js';

const infra = resolve(import.meta.dirname, '..', '..', '..', 'infra');
const dashboard = JSON.parse(readFileSync(resolve(infra, 'grafana', 'dashboards', 'khabar.json'), 'utf8')) as {
  uid: string;
  panels: Array<{ id: number; type: string; datasource?: { uid: string }; targets?: Array<{ expr: string }> }>;
};
const alerts = readFileSync(resolve(infra, 'prometheus', 'alerts.yml'), 'utf8');
const datasource = readFileSync(resolve(infra, 'grafana', 'provisioning', 'datasources', 'prometheus.yml'), 'utf8');

/** Metric names a PromQL text uses, with histogram series suffixes taken off. */
function metricNames(text: string): string[] {
  return [...new Set([...text.matchAll(/\bkhabar_[a-z0-9_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, '')))];
}

test('every metric the Grafana dashboard queries is one Khabar registers', () => {
  const exprs = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((t) => t.expr)).join('\n');
  const names = metricNames(exprs);
  assert.ok(names.length > 10);
  const unknown = names.filter((name) => !registry.getSingleMetric(name));
  assert.deepEqual(unknown, []);
});

test('every metric the Prometheus alerts use is one Khabar registers', () => {
  const unknown = metricNames(alerts).filter((name) => !registry.getSingleMetric(name));
  assert.deepEqual(unknown, []);
});

test('dashboard panels use the provisioned Prometheus datasource and have unique ids', () => {
  const uid = /uid:\s*(\S+)/.exec(datasource)?.[1];
  assert.equal(uid, 'khabar-prometheus');
  const ids = dashboard.panels.map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) assert.equal(panel.datasource?.uid, uid, `panel ${panel.id}`);
});
