import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { locate, parseSentences, scoreDoc } from '../../../bench/entities-eval.js';

test('parseSentences turns [[Qid|text]] marks into gold offsets and strips them', () => {
  const [doc] = parseSentences('# comment\n## ar-x\nاتصل [[Q22686|ترامب]] [[Q7747|ببوتين]].\n');
  assert.equal(doc!.name, 'ar-x');
  assert.equal(doc!.group, 'sentences ar');
  assert.equal(doc!.text, 'اتصل ترامب ببوتين.');
  assert.deepEqual(
    doc!.gold.map((g) => [g.id, doc!.text.slice(g.start, g.end)]),
    [
      ['Q22686', 'ترامب'],
      ['Q7747', 'ببوتين'],
    ],
  );
});

test('locate finds whole words with proclitics, lets longer surfaces claim first, and honours occurrences', () => {
  const text = 'قال الرئيس الروسي فلاديمير بوتين إن بوتين وللرئيس الروسي رأي. لبوتين، بوتينات';
  const gold = locate(text, [
    ['بوتين', 'Q7747'],
    ['الرئيس الروسي فلاديمير بوتين', 'Q7747'],
    ['الرئيس الروسي', 'Q7747'],
  ]);
  assert.deepEqual(
    gold.map((g) => text.slice(g.start, g.end)),
    ['الرئيس الروسي فلاديمير بوتين', 'بوتين', 'وللرئيس الروسي', 'لبوتين'],
  );
  const english = 'Clinton and Clinton';
  assert.deepEqual(locate(english, [['Clinton', 'Q1124', [2]]]).map((g) => g.start), [12]);
});

test('scoreDoc counts an overlapping prediction of the same id once', () => {
  const gold = [{ id: 'Q7747', start: 0, end: 5 }, { id: 'Q22686', start: 10, end: 15 }];
  const predicted = [
    { id: 'Q7747', type: 'person' as const, start: 0, end: 9, surface: '' },
    { id: 'Q7747', type: 'person' as const, start: 10, end: 15, surface: '' },
  ];
  const s = scoreDoc(predicted, gold);
  assert.deepEqual([s.tp, s.fp, s.fn], [1, 1, 1]);
});

test('every gold mark in the labelled set names an entity of the default catalog', () => {
  const catalog = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'catalog', 'entities.json'), 'utf8')) as { entities: Array<{ id: string }> };
  const ids = new Set(catalog.entities.map((e) => e.id));
  const docs = parseSentences(readFileSync(resolve(import.meta.dirname, '..', 'eval', 'sentences.txt'), 'utf8'));
  const unknown = docs.flatMap((d) => d.gold.filter((g) => !ids.has(g.id)).map((g) => `${d.name}: ${g.id}`));
  assert.deepEqual(unknown, []);
  const shared = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'eval', 'shared-gold.json'), 'utf8')) as { docs: Array<{ name: string; rules: Array<[string, string | null]> }> };
  const unknownShared = shared.docs.flatMap((d) => d.rules.filter(([, id]) => id !== null && !ids.has(id)).map(([s, id]) => `${d.name}: ${s} ${id}`));
  assert.deepEqual(unknownShared, []);
});
