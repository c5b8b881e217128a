import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalizeUrl, compareTexts, normalizeText } from '../src/index.js';

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 500 }),
  fc.array(fc.constantFrom('بوتين', 'ـ', 'ً', 'أ', 'إ', 'آ', 'ى', 'ة', '٣', ' ', '\n', '،', 'É', 'word', '\u200f', '\u0000'), { maxLength: 300 }).map((p) => p.join('')),
);

test('normalisation and comparison never throw, and normalising twice changes nothing', () => {
  fc.assert(
    fc.property(text, text, (a, b) => {
      const once = normalizeText(a);
      assert.equal(normalizeText(once), once);
      const result = compareTexts(a, b);
      for (const value of [result.jaccard, result.estimated, result.shared]) assert.ok(value >= 0 && value <= 1, `similarity ${value} in [0, 1]`);
    }),
    { numRuns: 400 },
  );
});

test('canonicalisation either returns an http(s) URL that is its own canonical form or throws a clear error', () => {
  fc.assert(
    fc.property(fc.oneof(fc.webUrl({ withFragments: true, withQueryParameters: true }), fc.string()), (input) => {
      let canonical: string;
      try {
        canonical = canonicalizeUrl(input);
      } catch (error) {
        assert.equal((error as Error).name, 'InvalidUrlError');
        return;
      }
      assert.match(canonical, /^https?:\/\//);
      assert.equal(canonicalizeUrl(canonical), canonical);
    }),
    { numRuns: 400 },
  );
});
