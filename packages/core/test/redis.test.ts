import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster, Redis } from 'ioredis';
import { createRedis, loadConfig, parseClusterNodes } from '@khabar/core';

test('cluster seed nodes parse from host:port lists, IPv6 in brackets', () => {
  assert.deepEqual(parseClusterNodes('10.0.0.1:7000, redis-1.internal:7001,[::1]:7002'), [
    { host: '10.0.0.1', port: 7000 },
    { host: 'redis-1.internal', port: 7001 },
    { host: '::1', port: 7002 },
  ]);
  assert.throws(() => parseClusterNodes('10.0.0.1'), /not a host:port Redis Cluster node: "10.0.0.1"/);
  assert.throws(() => parseClusterNodes('h:70000'), /not a host:port/);
});

test('REDIS_CLUSTER_NODES is checked when the config is read, naming the variable', () => {
  assert.equal(loadConfig({ REDIS_CLUSTER_NODES: 'a:7000,b:7001' }).REDIS_CLUSTER_NODES, 'a:7000,b:7001');
  assert.equal(loadConfig({}).REDIS_CLUSTER_NODES, undefined);
  assert.throws(() => loadConfig({ REDIS_CLUSTER_NODES: 'a:7000;b' }), /REDIS_CLUSTER_NODES/);
});

test('createRedis gives a cluster client with the credentials of REDIS_URL, else a plain one', () => {
  const single = createRedis({ REDIS_URL: 'redis://127.0.0.1:1' }, 'producer', { lazyConnect: true });
  assert.ok(single instanceof Redis && !((single as unknown) instanceof Cluster));
  single.disconnect();
  const cluster = createRedis({ REDIS_URL: 'rediss://khabar:s%3Acret@127.0.0.1:1', REDIS_CLUSTER_NODES: '127.0.0.1:1,127.0.0.1:2' }, 'worker', { lazyConnect: true });
  try {
    assert.ok((cluster as unknown) instanceof Cluster);
    const options = (cluster as unknown as { options: { redisOptions: Record<string, unknown> } }).options.redisOptions;
    assert.equal(options.username, 'khabar');
    assert.equal(options.password, 's:cret');
    assert.deepEqual(options.tls, {});
    assert.equal(options.maxRetriesPerRequest, null, 'worker connections wait through outages');
  } finally {
    cluster.disconnect();
  }
});
