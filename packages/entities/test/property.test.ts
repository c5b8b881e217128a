import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createEnricher } from '../src/index.js';

const enricher = createEnricher();
after(() => enricher.close());

// Text mixing Arabic (letters, diacritics, tatweel, Eastern digits), Latin with accents, names the
// catalog knows, punctuation and odd Unicode: the shapes news text and broken pages produce.
const pieces = fc.constantFrom(
  'بوتين', 'وبوتين', 'لترامب', 'زيلنسكي', 'الرئيس', 'ـ', 'ً', 'ّ', '٣', 'ى', 'ة', 'أ', 'Poutine', "Putin's", 'Zelenskyy',
  'Trump Jr.', 'Ivanka', 'É', ' ', '\n', '.', '،', '"', '(', '\u200f', '\u202b', '\ufeff', '\u0000', '🙂',
);
const newsText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.array(pieces, { maxLength: 200 }).map((p) => p.join('')));

test('matching never throws on arbitrary text and every mention points inside the text', () => {
  fc.assert(
    fc.property(newsText, newsText, fc.option(fc.constantFrom('ar', 'fr', 'en', 'xx'), { nil: undefined }), (title, text, language) => {
      const started = performance.now();
      const result = enricher.enrich({ title, text, ...(language ? { language } : {}) });
      assert.ok(performance.now() - started < 1_000, 'bounded time');
      const length = title.length + 2 + text.length;
      for (const e of result.entities) {
        assert.ok(e.count >= 1);
        assert.ok(e.firstPosition >= 0 && e.firstPosition < length, `position ${e.firstPosition} within ${length}`);
      }
      for (const pair of result.pairs) assert.match(pair, /^Q\d+\|Q\d+$/);
    }),
    { numRuns: 500 },
  );
});

test('matching a long hostile text stays linear: 2 MB of repeated prefixes in well under a second per MB', () => {
  const text = 'وبـوتـيـن لل والل وب '.repeat(100_000);
  const started = performance.now();
  const result = enricher.enrich({ title: '', text });
  const seconds = (performance.now() - started) / 1000;
  assert.ok(seconds < 5, `took ${seconds.toFixed(2)} s for ${(text.length / 1e6).toFixed(1)} M characters`);
  assert.ok(result.entities.length <= 1);
});
