import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { createRedis, type Redis } from '@khabar/core';
import {
  articleEventsKey,
  publishArticleEvent,
  publishArticleEvents,
  recentArticleEvents,
  subscribeArticleEvents,
  type ArticleEventInput,
  type StreamEntry,
} from '@khabar/events';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = resolve(import.meta.dirname, '..');

const putinTrump: ArticleEventInput = {
  type: 'indexed',
  id: 'doc-1',
  url: 'https://www.maghress.com/alyaoum24/1',
  title: 'بوتين وترامب يتفقان على وقف الهجمات على منشآت الطاقة',
  entities: ['Q7747', 'Q22686'],
  outcome: 'indexed',
};
const zelensky: ArticleEventInput = {
  type: 'indexed',
  id: 'doc-2',
  url: 'https://www.lemonde.fr/1',
  title: 'Zelensky à Bruxelles',
  entities: ['Q3874799'],
  outcome: 'indexed',
};
const copy: ArticleEventInput = {
  type: 'copy',
  id: 'doc-1',
  url: 'https://www.hespress.com/copy-1',
  title: putinTrump.title,
  entities: ['Q7747', 'Q22686'],
  outcome: 'duplicate',
};

describe('article events stream', () => {
  let redis: Redis;
  let prefix: string;
  before(() => {
    redis = createRedis(REDIS_URL, 'worker');
  });
  after(() => redis.quit());

  const fresh = () => {
    prefix = `{t${randomUUID().slice(0, 8)}}`;
    return prefix;
  };
  const cleanup = () => redis.del(articleEventsKey(prefix));

  test('a published event is stored under the prefix with its version and the v1 fields', async () => {
    fresh();
    try {
      const id = await publishArticleEvent(redis, prefix, putinTrump, 1000);
      assert.match(String(id), /^\d+-\d+$/);
      assert.equal(articleEventsKey(prefix), `${prefix}:events:articles`);
      const entries = (await redis.xrange(articleEventsKey(prefix), '-', '+')) as Array<[string, string[]]>;
      assert.equal(entries.length, 1);
      const fields = entries[0]![1];
      assert.equal(fields[0], 'v');
      assert.equal(fields[1], '1');
      const event = JSON.parse(fields[3]!);
      assert.deepEqual(Object.keys(event).sort(), ['at', 'entities', 'id', 'outcome', 'title', 'type', 'url', 'v']);
      assert.equal(event.v, 1);
      assert.equal(event.title, putinTrump.title);
      assert.ok(!Number.isNaN(Date.parse(event.at)));
    } finally {
      await cleanup();
    }
  });

  test('an event that breaks the schema is refused, not published', async () => {
    fresh();
    try {
      await assert.rejects(publishArticleEvent(redis, prefix, { ...putinTrump, type: 'deleted' } as never, 1000));
      await assert.rejects(publishArticleEvent(redis, prefix, { ...putinTrump, id: '' }, 1000));
      assert.equal(await redis.xlen(articleEventsKey(prefix)), 0);
    } finally {
      await cleanup();
    }
  });

  test('the stream is trimmed to about EVENTS_MAXLEN entries', async () => {
    fresh();
    try {
      const events = Array.from({ length: 1500 }, (_, i) => ({ ...zelensky, id: `doc-${i}` }));
      for (let i = 0; i < events.length; i += 250) await publishArticleEvents(redis, prefix, events.slice(i, i + 250), 200);
      const length = await redis.xlen(articleEventsKey(prefix));
      // MAXLEN ~ trims whole macro nodes (100 entries by default): bounded, not exact.
      assert.ok(length >= 200 && length <= 300, `length ${length}`);
      const [newest] = await recentArticleEvents(redis, prefix, 1);
      assert.equal(newest?.event.id, 'doc-1499');
    } finally {
      await cleanup();
    }
  });

  test('EVENTS_MAXLEN 0 turns publishing off', async () => {
    fresh();
    assert.equal(await publishArticleEvent(redis, prefix, putinTrump, 0), null);
    assert.deepEqual(await publishArticleEvents(redis, prefix, [putinTrump], 0), []);
    assert.equal(await redis.exists(articleEventsKey(prefix)), 0);
  });

  test('a subscriber sees only events published after it started, filtered by entity', async () => {
    fresh();
    const reader = redis.duplicate();
    const stop = new AbortController();
    try {
      await publishArticleEvent(redis, prefix, putinTrump, 1000); // before: not delivered
      const received: StreamEntry[] = [];
      const done = (async () => {
        for await (const entry of subscribeArticleEvents(reader, prefix, { entity: 'Q7747', blockMs: 100, signal: stop.signal })) {
          received.push(entry);
          if (received.length === 2) stop.abort();
        }
      })();
      await new Promise((r) => setTimeout(r, 150));
      await publishArticleEvents(redis, prefix, [zelensky, { ...putinTrump, id: 'doc-3' }, copy], 1000);
      await done;
      assert.deepEqual(
        received.map((e) => [e.event.type, e.event.id, e.event.url]),
        [
          ['indexed', 'doc-3', putinTrump.url],
          ['copy', 'doc-1', copy.url],
        ],
      );
    } finally {
      stop.abort();
      reader.disconnect();
      await cleanup();
    }
  });

  test('a subscriber resumes after the last entry id it saw', async () => {
    fresh();
    const reader = redis.duplicate();
    const stop = new AbortController();
    try {
      const [first] = await publishArticleEvents(redis, prefix, [putinTrump, zelensky, copy], 1000);
      const seen: string[] = [];
      for await (const entry of subscribeArticleEvents(reader, prefix, { after: first!, blockMs: 100, signal: stop.signal })) {
        seen.push(entry.event.url);
        if (seen.length === 2) stop.abort();
      }
      assert.deepEqual(seen, [zelensky.url, copy.url]);
    } finally {
      reader.disconnect();
      await cleanup();
    }
  });

  test('khabar tail --entity prints matching events live as JSON lines', async () => {
    fresh();
    const child = spawn(process.execPath, [resolve(root, 'services/cli/bin/khabar.js'), 'tail', '--entity', 'Q3874799', '--json', '--history', '1'], {
      cwd: root,
      env: { ...process.env, REDIS_URL, KHABAR_PREFIX: prefix, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await publishArticleEvent(redis, prefix, { ...zelensky, id: 'history' }, 1000);
      let out = '';
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const lines = new Promise<string[]>((resolveLines, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const got = out.split('\n').filter(Boolean);
          if (got.length >= 2) resolveLines(got);
        });
        child.once('exit', (code) => reject(new Error(`tail exited early with ${code}: ${err}`)));
      });
      // The history line proves tail is connected; then publish live events.
      await new Promise<void>((ready) => {
        const check = () => (out.includes('"history"') ? ready() : setTimeout(check, 50));
        check();
      });
      await publishArticleEvents(redis, prefix, [putinTrump, { ...zelensky, id: 'live' }], 1000);
      const [historyLine, liveLine] = (await lines).map((l) => JSON.parse(l));
      assert.equal(historyLine.id, 'history');
      assert.equal(liveLine.id, 'live');
      assert.equal(liveLine.v, 1);
      assert.match(liveLine.streamId, /^\d+-\d+$/);
      const exit = new Promise<number | null>((r) => child.once('exit', r));
      child.kill('SIGINT');
      assert.equal(await exit, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await cleanup();
    }
  });

  test('khabar tail refuses an entity that is not a Wikidata id', async () => {
    const child = spawn(process.execPath, [resolve(root, 'services/cli/bin/khabar.js'), 'tail', '--entity', 'Putin'], {
      cwd: root,
      env: { ...process.env, REDIS_URL },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    assert.equal(code, 2);
    assert.match(err, /Wikidata id/);
  });
});
