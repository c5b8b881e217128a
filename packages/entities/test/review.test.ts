import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCatalog, reviewUserCatalog, type Catalog } from '@khabar/entities';

const base: Catalog = parseCatalog(
  JSON.stringify({
    revision: '1',
    entities: [
      { id: 'Q7747', type: 'person', names: { en: 'Vladimir Putin', ar: 'فلاديمير بوتين' }, aliases: ['Putin', 'بوتين'] },
      { id: 'Q22686', type: 'person', names: { en: 'Donald Trump' }, aliases: ['Trump'] },
      { id: 'Q432473', type: 'person', names: { en: 'Melania Trump' }, contextual: ['Trump'] },
    ],
    stopPhrases: ['Royal Air Maroc'],
  }),
  'base.json',
);

test('a user catalog review tells added from extended ids and finds shared spellings', () => {
  const user = parseCatalog(
    JSON.stringify({
      revision: 'mine',
      entities: [
        { id: 'Q7747', type: 'person', names: { en: 'Vladimir Putin' }, aliases: ['Pútin'] },
        { id: 'Q1', type: 'person', names: { en: 'Ivana Trump' }, aliases: ['TRUMP'] },
        { id: 'Q2', type: 'organisation', names: { en: 'Some Agency' }, aliases: ['بوتين'], contextual: [] },
      ],
    }),
    'user.json',
  );
  const review = reviewUserCatalog(base, user);
  assert.deepEqual(review.added, ['Q1', 'Q2']);
  assert.deepEqual(review.extended, ['Q7747']);
  // "Pútin" folds to Putin's own spelling: same entity, not shared. "TRUMP" is Donald Trump's
  // spelling (Melania's is contextual, so not a claim); بوتين is Putin's.
  assert.deepEqual(review.shared, [
    { spelling: 'TRUMP', ids: ['Q1', 'Q22686'] },
    { spelling: 'بوتين', ids: ['Q2', 'Q7747'] },
  ]);
});

test('a user catalog that only adds distinct names has nothing to report', () => {
  const user = parseCatalog(JSON.stringify({ revision: 'x', entities: [{ id: 'Q5', type: 'place', names: { en: 'Tétouan', ar: 'تطوان' } }] }), 'u.json');
  assert.deepEqual(reviewUserCatalog(base, user), { added: ['Q5'], extended: [], shared: [] });
});
