import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { stableId, type Redis } from '@khabar/core';
import { DedupeIndex } from '@khabar/dedupe';
import { connect, copyOf, dropPrefix, seedParagraphs, testPrefix } from './dedupe-support.js';

let redis: Redis;
const prefixes: string[] = [];
const paragraphs = seedParagraphs();
const story = paragraphs.join('\n\n');

function index(options: Partial<ConstructorParameters<typeof DedupeIndex>[1]> = {}): DedupeIndex {
  const prefix = testPrefix();
  prefixes.push(prefix);
  return new DedupeIndex(redis, { prefix, ...options });
}

before(() => {
  redis = connect();
});
after(async () => {
  for (const prefix of prefixes) await dropPrefix(redis, prefix);
  await redis.quit();
});

test('the first copy is the original and a retry of the same page URL stays the original', async () => {
  const dedupe = index();
  const first = copyOf('https://www.alayam24.com/a/1', story);
  assert.deepEqual(await dedupe.claim(first), { kind: 'original' });
  assert.deepEqual(await dedupe.claim(first), { kind: 'original' });
  assert.deepEqual(await dedupe.claim({ ...first, text: `${story}\n\nتحديث` }), { kind: 'original' });
});

test('another page URL with the same canonical URL is a same-url duplicate of that document', async () => {
  const dedupe = index();
  const canonical = 'https://www.alayam24.com/a/1';
  await dedupe.claim(copyOf(canonical, story));
  const amp = copyOf('https://www.alayam24.com/a/1/amp', story, canonical);
  const decision = { kind: 'duplicate', originalId: stableId(canonical), reason: 'same-url', similarity: 1 };
  assert.deepEqual(await dedupe.claim(amp), decision);
  assert.deepEqual(await dedupe.claim(amp), decision, 'a retry gets the same decision');
});

test('the same text on another site is a same-text duplicate, also with normalisation noise', async () => {
  const dedupe = index();
  await dedupe.claim(copyOf('https://www.alayam24.com/a/1', story));
  const noisy = story.replace(/ة/g, 'ه').replace(/أ/g, 'ا').replace(/،/g, ' ,').replace(/ى/g, 'ي');
  assert.deepEqual(await dedupe.claim(copyOf('https://www.maghress.com/alayam24/5072914', noisy)), {
    kind: 'duplicate',
    originalId: stableId('https://www.alayam24.com/a/1'),
    reason: 'same-text',
    similarity: 1,
  });
});

test('an edited copy (paragraph removed, another added) is a near-duplicate, and a retry gets the same answer', async () => {
  const dedupe = index();
  await dedupe.claim(copyOf('https://www.alayam24.com/a/1', story));
  const edited = [...paragraphs.slice(0, 10), ...paragraphs.slice(11), 'وكالات الأنباء تابعت تفاصيل المكالمة منذ الصباح الباكر في العواصم الأوروبية.'].join('\n\n');
  const copy = copyOf('https://www.hespress.com/x/2', edited);
  const decision = await dedupe.claim(copy);
  assert.equal(decision.kind, 'duplicate');
  assert.ok(decision.kind === 'duplicate' && decision.reason === 'near-duplicate' && decision.similarity >= 0.5, JSON.stringify(decision));
  assert.deepEqual(await dedupe.claim({ ...copy, text: 'the retry extracted something else entirely' }), decision);
});

test('a different article on the same topic and a short stub are originals', async () => {
  const dedupe = index();
  await dedupe.claim(copyOf('https://www.alayam24.com/a/1', paragraphs.slice(0, 12).join('\n\n')));
  assert.deepEqual(await dedupe.claim(copyOf('https://www.alayam24.com/a/2', paragraphs.slice(14).join('\n\n'))), { kind: 'original' });
  assert.deepEqual(await dedupe.claim(copyOf('https://www.alayam24.com/a/3', 'اشترك لقراءة المقال')), { kind: 'original' });
  assert.deepEqual(await dedupe.claim(copyOf('https://www.alayam24.com/a/4', 'اشترك لقراءة المقال')), { kind: 'original' });
});

test('an original is forgotten after the retention window, and its generation key expires with it', async () => {
  // A fake clock ahead of real time: Redis expires keys by the real one.
  let now = Date.now();
  const dedupe = index({ retentionDays: 4, now: () => now });
  const first = copyOf('https://www.alayam24.com/a/1', story);
  await dedupe.claim(first);
  now += 3 * 86_400_000;
  assert.equal((await dedupe.claim(copyOf('https://b.example/1', story))).kind, 'duplicate', 'inside the window');
  now += 3 * 86_400_000;
  assert.deepEqual(await dedupe.claim(copyOf('https://c.example/1', story)), { kind: 'original' }, 'after the window');
  const keys = await redis.keys(`${prefixes.at(-1)}:dedupe:gen*`);
  const ttls = await Promise.all(keys.map((key) => redis.ttl(key)));
  assert.ok(keys.length >= 2 && ttls.every((ttl) => ttl > 0 && ttl <= (6 + 4 + 1) * 86_400), `generation ttls: ${ttls.join(',')}`);
});

test('stats count originals, copies and claims, and report memory', async () => {
  const dedupe = index();
  await dedupe.claim(copyOf('https://www.alayam24.com/a/1', story));
  await dedupe.claim(copyOf('https://www.maghress.com/b/1', story));
  await dedupe.claim(copyOf('https://www.alayam24.com/a/1', story));
  const stats = await dedupe.stats();
  assert.equal(stats.originals, 1);
  assert.equal(stats.copies, 1);
  assert.equal(stats['claims.original'], 1);
  assert.equal(stats['claims.same-text'], 1);
  assert.equal(stats['claims.repeat'], 1);
  assert.ok(stats.memoryBytes! > 0);
  assert.equal(stats.retentionDays, 30);
});

test('a malformed document id is refused with a message that says what it must be', async () => {
  const dedupe = index();
  await assert.rejects(dedupe.claim({ ...copyOf('https://a.example/1', story), docId: 'abc' }), /32 lower-case hex/);
});

test('the index grows past many bucket splits and still finds every original by URL and by text', async () => {
  const dedupe = index({ bucketLoad: 2 });
  const texts = Array.from({ length: 60 }, (_, i) => Array.from({ length: 30 }, (_, j) => `w${i}x${j}`).join(' '));
  for (const [i, text] of texts.entries()) assert.deepEqual(await dedupe.claim(copyOf(`https://s.example/${i}`, text)), { kind: 'original' }, `article ${i}`);
  for (const [i, text] of texts.entries()) {
    assert.deepEqual(await dedupe.claim(copyOf(`https://s.example/${i}`, text)), { kind: 'original' }, `retry ${i}`);
    const copy = await dedupe.claim(copyOf(`https://copy.example/${i}`, text));
    assert.equal(copy.kind === 'duplicate' && copy.originalId, stableId(`https://s.example/${i}`), `copy ${i}`);
  }
  assert.ok((await dedupe.stats()).buckets! > 30);
});

test('an index with other fingerprint options starts fresh instead of misreading records of another size', async () => {
  const first = index();
  await first.claim(copyOf('https://www.alayam24.com/a/1', story));
  const other = new DedupeIndex(redis, { prefix: prefixes.at(-1)!, fingerprint: { sketchHashes: 64 } });
  assert.deepEqual(await other.claim(copyOf('https://b.example/1', story)), { kind: 'original' });
  assert.equal((await first.claim(copyOf('https://c.example/1', story))).kind, 'duplicate');
});

test('a fingerprint made with other options is refused by claimFingerprint', async () => {
  const dedupe = index();
  const print = new DedupeIndex(redis, { prefix: 'unused', fingerprint: { sketchHashes: 64 } }).fingerprint(story);
  await assert.rejects(dedupe.claimFingerprint({ docId: stableId('https://a.example/1'), url: 'https://a.example/1' }, print), /sketch has 16 bytes, this index uses 32/);
});

test('an index key shared by keyCap originals takes no more, so a stock phrase cannot grow a bucket without bound', async () => {
  const sketch = (byte: number) => new Uint8Array(32).fill(byte);
  const print = (keys: number[], fill: number, text = keys.join('-')) => ({ words: 400, eligible: true, textHash: stableId(text, 16), keys, sketch: sketch(fill) });
  const claimAll = async (dedupe: DedupeIndex) => {
    await dedupe.claimFingerprint({ docId: stableId('d1'), url: 'https://a.example/1' }, print([7, 1001], 0x00));
    // Shares key 7 with d1 but not its text: another original, indexed under 7 only if d1 left room.
    assert.deepEqual(await dedupe.claimFingerprint({ docId: stableId('d2'), url: 'https://a.example/2' }, print([7, 1002], 0xff)), { kind: 'original' });
    // Same sketch as d2, reachable only through key 7.
    return dedupe.claimFingerprint({ docId: stableId('d3'), url: 'https://a.example/3' }, print([7], 0xff));
  };
  assert.deepEqual(await claimAll(index({ keyCap: 1 })), { kind: 'original' });
  assert.deepEqual(await claimAll(index({ keyCap: 4 })), { kind: 'duplicate', originalId: stableId('d2'), reason: 'near-duplicate', similarity: 1 });
});

test('release forgets an original that could not be indexed, so the next copy becomes the original', async () => {
  const dedupe = index();
  const first = copyOf('https://www.alayam24.com/a/1', story);
  const copy = copyOf('https://www.maghress.com/b/1', story);
  await dedupe.claim(first);
  assert.equal(await dedupe.release({ ...first, url: 'https://someone.else/1' }), false, 'only the claimant releases');
  assert.equal(await dedupe.release(first), true);
  assert.equal(await dedupe.release(first), false, 'already released');
  assert.deepEqual(await dedupe.claim(copy), { kind: 'original' });
  assert.deepEqual(await dedupe.claim(first), { kind: 'duplicate', originalId: copy.docId, reason: 'same-text', similarity: 1 });
  const stats = await dedupe.stats();
  assert.equal(stats.originals, 1);
  assert.equal(stats.indexEntries, 6);
  assert.equal(stats['claims.released'], 1);
});
