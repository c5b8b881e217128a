import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEnricher, parseCatalog, spellingOwners, DEFAULT_CATALOG_PATH, CatalogError } from '@khabar/entities';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const seedPath = resolve(repoRoot, '..', 'shared', 'seed', 'maghress-putin-trump-call.txt');

function seedArticle() {
  const raw = readFileSync(seedPath, 'utf8');
  const title = 'ما الذي جرى في المكالمة الهاتفية بين بوتين وترامب؟';
  const text = raw.slice(raw.indexOf('رفض الرئيس الروسي'));
  return { title, text, language: 'ar' };
}

test('the seed article names Putin, Trump and Zelensky (both Arabic spellings) and the Western leaders', () => {
  const enricher = createEnricher({ userCatalogPath: '' });
  const { entities, pairs } = enricher.enrich(seedArticle());
  const byId = new Map(entities.map((e) => [e.id, e]));
  for (const id of ['Q7747', 'Q22686', 'Q3874799', 'Q3052772', 'Q61053', 'Q324546', 'Q6279']) assert.ok(byId.has(id), `missing ${id}`);
  assert.equal(byId.get('Q7747')!.name, 'فلاديمير بوتين');
  assert.equal(byId.get('Q7747')!.inTitle, true);
  assert.equal(byId.get('Q3874799')!.inTitle, false);
  // زيلينسكي three times, زيلنسكي once, and "the Ukrainian president" twice (once merged with his name).
  assert.equal(byId.get('Q3874799')!.count, 5);
  assert.ok(pairs.includes('Q22686|Q7747'));
  assert.ok(pairs.every((p) => { const [a, b] = p.split('|'); return a! < b!; }));
});

test('firstPosition is an offset into title, blank line, body', () => {
  const enricher = createEnricher({ userCatalogPath: '' });
  const article = { title: 'Talks', text: 'Earlier, Vladimir Putin spoke.', language: 'en' };
  const [putin] = enricher.enrich(article).entities;
  const joined = `${article.title}\n\n${article.text}`;
  assert.equal(joined.slice(putin!.firstPosition, putin!.firstPosition + 14), 'Vladimir Putin');
  assert.equal(putin!.name, 'Vladimir Putin');
  assert.equal(putin!.inTitle, false);
});

test('the name is given in the article language, French included', () => {
  const enricher = createEnricher({ userCatalogPath: '' });
  const [putin] = enricher.enrich({ title: '', text: 'Le président russe Vladimir Poutine a appelé.', language: 'fr' }).entities;
  assert.equal(putin!.name, 'Vladimir Poutine');
  assert.equal(putin!.count, 1);
});

test('the default catalog is valid, has at least 150 entities and the leaders issue 2 needs', () => {
  const catalog = parseCatalog(readFileSync(DEFAULT_CATALOG_PATH, 'utf8'), DEFAULT_CATALOG_PATH);
  assert.ok(catalog.entities.length >= 150, `only ${catalog.entities.length} entities`);
  const ids = new Set(catalog.entities.map((e) => e.id));
  for (const id of ['Q7747', 'Q22686', 'Q3874799', 'Q3052772', 'Q61053', 'Q324546', 'Q6279', 'Q1028', 'Q1065', 'Q458', 'Q7184', 'Q7159', 'Q243630', 'Q7795', 'Q7172']) {
    assert.ok(ids.has(id), `missing ${id}`);
  }
  for (const e of catalog.entities) assert.ok(e.names.ar && e.names.fr, `${e.id} needs Arabic and French names`);
});

test('the default catalog covers the groups Moroccan and pan-Arab news names most', () => {
  const catalog = parseCatalog(readFileSync(DEFAULT_CATALOG_PATH, 'utf8'), DEFAULT_CATALOG_PATH);
  const ids = new Set(catalog.entities.map((e) => e.id));
  const groups: Record<string, string[]> = {
    'Moroccan state and government': ['Q57553', 'Q276961', 'Q1638114', 'Q26036628', 'Q30308949', 'Q79351303', 'Q19365724', 'Q11956778'],
    'Moroccan institutions and parties': ['Q3128426', 'Q1572773', 'Q1630297', 'Q784586', 'Q477273', 'Q1255232', 'Q2297130'],
    'Arab League heads of state and government': ['Q2821166', 'Q16120878', 'Q307871', 'Q6892571', 'Q57464', 'Q1951896', 'Q1855372', 'Q29033962', 'Q7934206', 'Q3700793'],
    "G20 heads and Morocco's neighbours": ['Q6383803', 'Q451791', 'Q566257', 'Q192533', 'Q1705028', 'Q5771800', 'Q2107268', 'Q191045', 'Q11764394', 'Q12241106'],
    'ministers and envoys': ['Q58217', 'Q30339198', 'Q28336737'],
    'organisations': ['Q41053', 'Q2429253', 'Q5987345', 'Q7768', 'Q485207'],
  };
  for (const [group, wanted] of Object.entries(groups)) {
    const missing = wanted.filter((id) => !ids.has(id));
    assert.deepEqual(missing, [], `${group}: missing ${missing.join(', ')}`);
  }
  // Entries added since the officeholder datasets were used name where their id was checked.
  for (const id of Object.values(groups).flat()) {
    const entity = catalog.entities.find((e) => e.id === id)!;
    if (id !== 'Q3128426') assert.ok(entity.source, `${id} says where its id was checked`);
  }
});

test('a catalog with a bad id is refused with a message naming the field', () => {
  assert.throws(
    () => parseCatalog(JSON.stringify({ revision: '1', entities: [{ id: 'Putin', type: 'person', names: { en: 'Vladimir Putin' } }] }), 'x.json'),
    (error: Error) => error instanceof CatalogError && /entities\.0\.id/.test(error.message) && /Wikidata/.test(error.message),
  );
});

test('a user catalog path that does not exist stops the enricher with a clear error', () => {
  assert.throws(() => createEnricher({ userCatalogPath: '/nonexistent/entities.json' }), /cannot read entity catalog \/nonexistent\/entities\.json/);
});

test('enrich refuses input without title and text strings, naming what it got', () => {
  const enricher = createEnricher({ userCatalogPath: '' });
  assert.throws(() => enricher.enrich({ title: 'x' } as never), /enrich needs \{ title: string, text: string \}, got title string and text undefined/);
});

test('no spelling in the default catalog names two entities on its own (shared ones must be contextual)', () => {
  const catalog = parseCatalog(readFileSync(DEFAULT_CATALOG_PATH, 'utf8'), DEFAULT_CATALOG_PATH);
  const shared = [...spellingOwners(catalog.entities)].filter(([, ids]) => ids.size > 1).map(([key, ids]) => `${key}: ${[...ids].join(', ')}`);
  assert.deepEqual(shared, []);
});
