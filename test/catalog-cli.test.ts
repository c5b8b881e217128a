/**
 * `khabar catalog check`: what a user sees before pointing ENTITIES_USER_CATALOG at a file, checked
 * against the real default catalog.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEnricher } from '@khabar/entities';
import { run } from '../services/cli/src/commands/catalog.js';
import { captureOutput } from './support/capture.js';

const dir = mkdtempSync(join(tmpdir(), 'khabar-catalog-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function save(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

const capture = (argv: string[]) => captureOutput(() => run(argv));

const userCatalog = {
  revision: 'newsroom-1',
  entities: [
    { id: 'Q7747', type: 'person', names: { en: 'Vladimir Putin' }, aliases: ['Вова Путин'] },
    { id: 'Q98765432', type: 'person', names: { en: 'Ahmed Example', fr: 'Ahmed Exemple', ar: 'أحمد المثال' }, aliases: ['أخنوش'] },
    { id: 'Q98765433', type: 'organisation', names: { en: 'Royal Air Maroc', ar: 'الخطوط الملكية المغربية' } },
  ],
};

test('khabar catalog check lists added and extended ids and shared spellings', async () => {
  const { code, out } = await capture(['check', save('user.json', userCatalog)]);
  assert.equal(code, 0);
  assert.match(out, /^ok: 2 entities added, 1 extended$/m);
  assert.match(out, /^added {5}Q98765432 Q98765433$/m);
  assert.match(out, /^extended {2}Q7747$/m);
  // أخنوش is Aziz Akhannouch's (Q1638114) in the default catalog.
  assert.match(out, /shared {4}"أخنوش" is also Q1638114, Q98765432/);
});

test('a user entity spelled like one of our stop phrases is matched, and the country inside it still is not', () => {
  const enricher = createEnricher({ userCatalogPath: save('user3.json', userCatalog), reloadIntervalMs: Number.POSITIVE_INFINITY });
  try {
    const ids = enricher.matcher.findMentions('Royal Air Maroc relie le Maroc à Paris.').map((m) => m.id);
    assert.deepEqual(ids, ['Q98765433', 'Q1028', 'Q90']);
  } finally {
    enricher.close();
  }
});

test('khabar catalog check --json gives the same review as data', async () => {
  const { code, out } = await capture(['check', save('user2.json', userCatalog), '--json']);
  assert.equal(code, 0);
  const review = JSON.parse(out) as { ok: boolean; added: string[]; shared: Array<{ spelling: string; ids: string[] }> };
  assert.equal(review.ok, true);
  assert.deepEqual(review.added, ['Q98765432', 'Q98765433']);
  assert.deepEqual(review.shared, [{ spelling: 'أخنوش', ids: ['Q1638114', 'Q98765432'] }]);
});

test('khabar catalog check refuses a broken file, naming the entry and the field, with exit 1', async () => {
  const bad = save('bad.json', { revision: 'x', entities: [{ id: 'Q1', type: 'person', names: { fr: 'Sans nom anglais' } }] });
  const { code, err } = await capture(['check', bad]);
  assert.equal(code, 1);
  assert.match(err, /entities\.0\.names\.en \(Q1\)/);
  assert.match(err, /keep their last good catalog/);
  const notJson = await capture(['check', save('bad2.json', '{ "revision": ')]);
  assert.equal(notJson.code, 1);
  assert.match(notJson.err, /not valid JSON/);
  const missing = await capture(['check', join(dir, 'nope.json')]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /cannot read entity catalog/);
});

test('khabar catalog without check is a usage error', async () => {
  await assert.rejects(run(['validate', 'x.json']), /expected: check <file.json>/);
});
