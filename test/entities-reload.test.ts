import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEnricher } from '@khabar/entities';

function userCatalog(entities: unknown[]): string {
  return JSON.stringify({ revision: 'user-1', entities }, null, 2);
}

/** Writes and moves the mtime forward, so a change within one clock tick is still seen. */
function write(path: string, text: string, tick: number): void {
  writeFileSync(path, text);
  const when = new Date(Date.now() + tick * 1000);
  utimesSync(path, when, when);
}

/** A made-up person on Wikidata's sandbox item, so no default-catalog entry can clash with it. */
const newcomer = { id: 'Q4115189', type: 'person', names: { en: 'Yassine Kettani', ar: 'ياسين الكتاني' }, aliases: ['Kettani', 'الكتاني'] };

test('a running enricher picks up an edited user catalog without a restart', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-entities-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'user-entities.json');
  write(path, userCatalog([]), 1);

  const warnings: Error[] = [];
  const enricher = createEnricher({ userCatalogPath: path, reloadIntervalMs: 0, onReloadError: (e) => warnings.push(e) });
  t.after(() => enricher.close());
  const article = { title: 'الكتاني يلتقي بوتين', text: 'استقبل ياسين الكتاني وفدا.', language: 'ar' };

  const before = enricher.enrich(article);
  assert.deepEqual(before.entities.map((e) => e.id), ['Q7747']);
  const versionBefore = enricher.catalogVersion;

  write(path, userCatalog([newcomer]), 2);
  const after = enricher.enrich(article);
  assert.deepEqual(after.entities.map((e) => [e.id, e.count, e.inTitle]).sort(), [
    ['Q4115189', 2, true],
    ['Q7747', 1, true],
  ]);
  assert.notEqual(enricher.catalogVersion, versionBefore);
  assert.deepEqual(after.pairs, ['Q4115189|Q7747']);

  // A broken edit is reported once and the last good catalog stays in use.
  write(path, '{ "revision": "user-2", "entities": [ { "id": "oops" ', 3);
  const versionGood = enricher.catalogVersion;
  const still = enricher.enrich(article);
  enricher.enrich(article);
  assert.equal(enricher.catalogVersion, versionGood);
  assert.ok(still.entities.some((e) => e.id === 'Q4115189'));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!.message, /user-entities\.json: not valid JSON/);

  // Fixing the file is picked up again.
  write(path, userCatalog([]), 4);
  assert.deepEqual(enricher.enrich(article).entities.map((e) => e.id), ['Q7747']);
});

test('the enricher checks the files no more often than its interval', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-entities-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'user-entities.json');
  write(path, userCatalog([]), 1);
  const enricher = createEnricher({ userCatalogPath: path, reloadIntervalMs: 60_000 });
  write(path, userCatalog([newcomer]), 2);
  const article = { title: '', text: 'ياسين الكتاني', language: 'ar' };
  assert.deepEqual(enricher.enrich(article).entities, []);
  assert.equal(enricher.refresh(), true);
  assert.equal(enricher.enrich(article).entities[0]?.id, 'Q4115189');
});
