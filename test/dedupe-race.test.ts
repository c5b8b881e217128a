import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { stableId, type Redis } from '@khabar/core';
import { DedupeIndex, type DedupeCandidate, type DedupeDecision } from '@khabar/dedupe';
import { connect, copyOf, dropPrefix, seedParagraphs, testPrefix } from './dedupe-support.js';

const WORKERS = 6;
const ROUNDS = 15;
const paragraphs = seedParagraphs();
const story = paragraphs.join('\n\n');

/** Copies of one story as different sites and URLs carry it. */
function copiesOfOneStory(): DedupeCandidate[] {
  return [
    copyOf('https://www.alayam24.com/news/1', story),
    copyOf('https://www.alayam24.com/news/1?amp=1', story, 'https://www.alayam24.com/news/1'),
    copyOf('https://www.maghress.com/alayam24/5072914', `${story}\n\nانقر هنا لقراءة الخبر من مصدره.`),
    copyOf('https://www.hespress.com/world/22', story.replace(/ة/g, 'ه').replace(/أ/g, 'ا').replace(/،/g, ' ,')),
    copyOf('https://www.febrayer.com/33', paragraphs.slice(1).join('\n\n')),
    copyOf('https://www.goud.ma/44', [...paragraphs.slice(0, 6), 'تابعت وكالات الأنباء تفاصيل المكالمة منذ الصباح.', ...paragraphs.slice(6)].join('\n\n')),
  ];
}

let workers: Redis[] = [];
let admin: Redis;
const prefixes: string[] = [];

before(async () => {
  admin = connect();
  workers = Array.from({ length: WORKERS }, () => connect());
  await Promise.all(workers.map((w) => w.ping()));
});
after(async () => {
  for (const prefix of prefixes) await dropPrefix(admin, prefix);
  await Promise.all([...workers, admin].map((r) => r.quit()));
});

test('workers racing on copies of one story, each on its own connection, end with exactly one original', async () => {
  const copies = copiesOfOneStory();
  assert.equal(copies.length, WORKERS);
  for (let round = 0; round < ROUNDS; round++) {
    const prefix = testPrefix();
    prefixes.push(prefix);
    const indexes = workers.map((redis) => new DedupeIndex(redis, { prefix }));
    // Every worker claims its copy twice at once: a job and its stalled re-run, both in flight.
    const decisions: DedupeDecision[][] = await Promise.all(
      indexes.map((dedupe, i) => Promise.all([dedupe.claim(copies[i]!), dedupe.claim(copies[i]!)])),
    );
    for (const [i, [first, retry]] of decisions.entries()) assert.deepEqual(retry, first, `round ${round}: worker ${i} got two answers`);
    const originals = decisions.map(([d]) => d!).flatMap((d, i) => (d.kind === 'original' ? [copies[i]!] : []));
    assert.equal(originals.length, 1, `round ${round}: ${originals.length} originals`);
    const originalId = originals[0]!.docId;
    for (const [i, [d]] of decisions.entries()) {
      if (d!.kind === 'duplicate') assert.equal(d!.originalId, originalId, `round ${round}: worker ${i} points elsewhere`);
    }
    const stats = await indexes[0]!.stats();
    assert.equal(stats.originals, 1);
    assert.equal(stats.copies, WORKERS - 1);
  }
});

test('a late retry of every copy, after the race, gets the decision its first attempt got', async () => {
  const prefix = testPrefix();
  prefixes.push(prefix);
  const copies = copiesOfOneStory();
  const indexes = workers.map((redis) => new DedupeIndex(redis, { prefix }));
  const first = await Promise.all(indexes.map((dedupe, i) => dedupe.claim(copies[i]!)));
  const again = await Promise.all(indexes.map((dedupe, i) => dedupe.claim(copies[(i + 3) % WORKERS]!)));
  for (let i = 0; i < WORKERS; i++) assert.deepEqual(again[i], first[(i + 3) % WORKERS]);
  const amp = first[1]!;
  if (amp.kind === 'duplicate' && first[0]!.kind === 'original') {
    assert.deepEqual(amp, { kind: 'duplicate', originalId: stableId('https://www.alayam24.com/news/1'), reason: 'same-url', similarity: 1 });
  }
});
