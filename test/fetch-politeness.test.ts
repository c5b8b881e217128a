import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRedis, type Config, type Redis } from '@khabar/core';
import { HostPoliteness, scheduledSpacing } from '@khabar/fetch';
import { dropPrefix, sleep, testConfig } from '../packages/fetch/test/support/redis.js';

let config: Config;
let redis: Redis;

before(() => {
  config = testConfig();
  redis = createRedis(config, 'producer');
});

after(async () => {
  await redis.quit();
  await dropPrefix(config);
});

test('a host grants at most N leases at once, and a released lease frees a place', async () => {
  const politeness = new HostPoliteness(redis, config.KHABAR_PREFIX, 10_000);
  const budget = { maxConcurrent: 2, minDelayMs: 0 };
  const a = await politeness.acquire('busy.example', budget);
  const b = await politeness.acquire('busy.example', budget);
  const c = await politeness.acquire('busy.example', budget);
  assert.deepEqual([a.granted, b.granted, c.granted], [true, true, false]);
  assert.ok(!c.granted && c.waitMs > 0 && c.waitMs <= 10_000);
  const other = await politeness.acquire('other.example', budget);
  assert.equal(other.granted, true, 'another host has its own budget');
  if (a.granted) await a.release();
  assert.equal((await politeness.acquire('busy.example', budget)).granted, true);
});

test('two request starts to one host are at least the minimum delay apart, across instances', async () => {
  const otherConnection = createRedis(config, 'producer');
  try {
    const one = new HostPoliteness(redis, config.KHABAR_PREFIX, 10_000);
    const two = new HostPoliteness(otherConnection, config.KHABAR_PREFIX, 10_000);
    const budget = { maxConcurrent: 10, minDelayMs: 150 };
    await otherConnection.ping();
    const first = await one.acquire('slow.example', budget);
    assert.equal(first.granted, true);
    const second = await two.acquire('slow.example', budget);
    assert.ok(!second.granted && second.waitMs > 0 && second.waitMs <= scheduledSpacing(150), 'the answer says how long to wait');
    await sleep(second.granted ? 0 : second.waitMs + 5);
    const slot = second.granted ? 0 : second.slot;
    assert.equal((await two.acquire('slow.example', budget, slot)).granted, true, 'the promised start is honoured');
  } finally {
    otherConnection.disconnect();
  }
});

test('a lease abandoned by a crashed worker expires by itself', async () => {
  const politeness = new HostPoliteness(redis, config.KHABAR_PREFIX, 100);
  const budget = { maxConcurrent: 1, minDelayMs: 0 };
  assert.equal((await politeness.acquire('crash.example', budget)).granted, true);
  assert.equal((await politeness.acquire('crash.example', budget)).granted, false);
  await sleep(120);
  assert.equal((await politeness.acquire('crash.example', budget)).granted, true);
});

test('a penalty (Retry-After) holds every worker back from the host, and never shortens a wait', async () => {
  const politeness = new HostPoliteness(redis, config.KHABAR_PREFIX, 10_000);
  const budget = { maxConcurrent: 5, minDelayMs: 0 };
  await politeness.penalize('limited.example', 300);
  await politeness.penalize('limited.example', 50);
  const refused = await politeness.acquire('limited.example', budget);
  assert.ok(!refused.granted && refused.waitMs > 200, 'the longer penalty stands');
  const release = await politeness.waitTurn('limited.example', budget, 2_000);
  await release();
  await assert.rejects(
    (async () => {
      await politeness.penalize('limited.example', 5_000);
      await politeness.waitTurn('limited.example', budget, 100);
    })(),
    /stayed busy/,
  );
});

test('a burst of callers for one host is promised one start each, a delay apart, in arrival order', async () => {
  const politeness = new HostPoliteness(redis, config.KHABAR_PREFIX, 10_000);
  const delay = 300;
  const budget = { maxConcurrent: 10, minDelayMs: delay };
  const first = await politeness.acquire('burst.example', budget);
  assert.equal(first.granted, true);
  const waiting = [];
  for (let i = 0; i < 4; i++) waiting.push(await politeness.acquire('burst.example', budget));
  const waits = waiting.map((w) => (w.granted ? 0 : w.waitMs));
  const slots = waiting.map((w) => (w.granted ? 0 : w.slot ?? 0));
  const spacing = scheduledSpacing(delay);
  assert.ok(spacing >= delay && spacing <= delay + 50, 'starts are spaced by the delay and a small margin');
  for (let i = 0; i < 4; i++) assert.ok(waits[i]! > 0 && waits[i]! <= spacing * (i + 1), `wait ${i}: ${waits[i]}`);
  assert.deepEqual(slots.slice(1).map((s, i) => s - slots[i]!), [spacing, spacing, spacing], 'consecutive slots one spacing apart');
  // The caller holding the second promise, early, is told to wait; at its time the first gets the lease.
  assert.equal((await politeness.acquire('burst.example', budget, slots[1])).granted, false);
  await sleep(waits[0]! + 5);
  assert.equal((await politeness.acquire('burst.example', budget, slots[0])).granted, true, 'the first promise is honoured on time');
  const fresh = await politeness.acquire('burst.example', budget);
  assert.ok(!fresh.granted && fresh.waitMs > 2 * delay, 'a newcomer queues behind every promise already made');
});
