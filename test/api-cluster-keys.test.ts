import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { createRedis } from '@khabar/core';
import { publishArticleEvent } from '@khabar/events';
import { QUEUE } from '@khabar/queues';
import { createTestApi, failJob } from '@khabar/api/testing';

const root = resolve(import.meta.dirname, '..');

/** CRC16/XMODEM, the hash Redis Cluster uses for key slots (cluster spec, appendix A). */
function crc16(data: Buffer): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** The slot of a key, honouring a {hash tag} the way Redis Cluster does. */
function keySlot(key: string): number {
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) key = key.slice(open + 1, close);
  }
  return crc16(Buffer.from(key)) % 16384;
}

/** The same Redis, another logical database: only this test writes there, so stray keys show. */
function isolatedDatabase(url: string, db: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${db}`;
  return parsed.toString();
}

describe('Redis Cluster key naming', () => {
  test('the slot function matches the examples of the Redis Cluster spec', () => {
    assert.equal(crc16(Buffer.from('123456789')), 0x31c3);
    assert.equal(keySlot('{user1000}.following'), keySlot('{user1000}.followers'));
    // An empty first tag means no tag: the whole key is hashed.
    assert.equal(keySlot('foo{}{bar}'), crc16(Buffer.from('foo{}{bar}')) % 16384);
    assert.equal(keySlot('foo{{bar}}zap'), keySlot('{bar'));
  });

  test('every key the API, queues, sources and events write carries the prefix and lands in one slot', async () => {
    const url = isolatedDatabase(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 13);
    const api = await createTestApi({ REDIS_URL: url, API_KEYS: 'k' });
    const auth = { authorization: 'Bearer k' };
    const prefix = api.config.KHABAR_PREFIX;
    try {
      await api.app.inject({ method: 'POST', url: '/v1/urls', headers: auth, payload: { urls: ['https://example.com/a', 'https://example.com/b'] } });
      await api.app.inject({ method: 'POST', url: '/v1/pages', headers: auth, payload: { pages: [{ url: 'https://example.com/p', html: '<p>x</p>' }] } });
      await api.app.inject({ method: 'POST', url: '/v1/sources', headers: auth, payload: { url: 'https://example.com/feed.xml', every: '1h' } });
      await failJob(api, 'pages', { url: 'https://example.com/q' }, 'boom');
      await publishArticleEvent(api.deps.redis, prefix, { type: 'indexed', id: 'd', url: 'https://example.com/a', title: 't', entities: [], outcome: 'indexed' }, 100);

      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await api.deps.redis.scan(cursor, 'COUNT', 1000);
        cursor = next;
        keys.push(...batch);
      } while (cursor !== '0');
      assert.ok(keys.length > 10, `only ${keys.length} keys written`);
      const stray = keys.filter((key) => !key.startsWith(`${prefix}:`));
      assert.deepEqual(stray, [], 'keys outside the prefix');
      const slot = keySlot(prefix);
      const elsewhere = keys.filter((key) => keySlot(key) !== slot);
      assert.deepEqual(elsewhere, [], `keys outside slot ${slot}`);
      for (const area of ['fetch', 'pages', 'sources', 'events']) assert.ok(keys.some((k) => k.startsWith(`${prefix}:${area}`)), area);
    } finally {
      await api.close();
    }
  });

  test('the wait lists KEDA scales on are the ones BullMQ fills', async () => {
    const config = readFileSync(resolve(root, 'infra', 'k8s', 'config.yaml'), 'utf8');
    const prefix = /KHABAR_PREFIX:\s*"([^"]+)"/.exec(config)?.[1];
    assert.equal(prefix, '{khabar}');
    const keda = readFileSync(resolve(root, 'infra', 'k8s', 'keda.yaml'), 'utf8');
    const listNames = [...keda.matchAll(/listName:\s*"([^"]+)"/g)].map((m) => m[1]);
    const connection = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'producer');
    try {
      const expected = [QUEUE.fetch, QUEUE.pages].map((name) => {
        const queue = new Queue(name, { connection, prefix: prefix! });
        const key = queue.toKey('wait');
        void queue.close();
        return key;
      });
      assert.deepEqual(listNames, expected);
      for (const key of expected) assert.equal(keySlot(key), keySlot(prefix!));
    } finally {
      connection.disconnect();
    }
  });

  test('the wait list is a Redis list, which is what the KEDA redis scaler measures', async () => {
    const url = isolatedDatabase(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 13);
    const api = await createTestApi({ REDIS_URL: url });
    try {
      await api.deps.producers.enqueueUrls(['https://example.com/keda']);
      const key = api.deps.queues.fetch.toKey('wait');
      assert.equal(await api.deps.redis.type(key), 'list');
      assert.equal(await api.deps.redis.llen(key), 1);
    } finally {
      await api.close();
    }
  });
});

