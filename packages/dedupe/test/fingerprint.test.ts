import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bbitSketch,
  fingerprint,
  hammingDistance64,
  indexKeys,
  jaccard,
  minhashSignature,
  sharedFraction,
  shingleHashes,
  simhash64,
  sketchSimilarity,
} from '../src/fingerprint.js';
import { compareTexts, similarity } from '../src/similarity.js';
import { ARABIC_REPORT, ARABIC_SAME_TOPIC, ENGLISH_OTHER_STORY, ENGLISH_REPORT, ENGLISH_SAME_TOPIC } from './texts.js';

const paragraphs = (text: string) => text.split('\n\n');
const ADDED_EN = 'A spokesperson for the transport authority said detailed timetables would be published once the contracts are signed.';
const ADDED_AR = 'وأكد المسؤول أن الوزارة ستنشر لائحة المستفيدين على موقعها الإلكتروني بعد انتهاء مرحلة التسجيل.';

/** Copies an article might get on another site; each must be a duplicate of the original. */
const COPIES: Array<[string, string, string]> = [
  ['identical text', ENGLISH_REPORT, ENGLISH_REPORT],
  ['a paragraph added', ENGLISH_REPORT, [...paragraphs(ENGLISH_REPORT), ADDED_EN].join('\n\n')],
  ['a paragraph removed', ENGLISH_REPORT, paragraphs(ENGLISH_REPORT).slice(0, 4).join('\n\n')],
  ['different punctuation, case and spacing', ENGLISH_REPORT, ENGLISH_REPORT.toUpperCase().replace(/,/g, ' ;').replace(/\n\n/g, '\n')],
  ['Arabic with tashkeel, tatweel and other alef/ya/ta-marbuta spellings', ARABIC_REPORT, ARABIC_REPORT.replace(/ة/g, 'ه').replace(/ى/g, 'ي').replace(/أ/g, 'ا').replace(/الفلاحة/g, 'الفِلاحَـــة')],
  ['Arabic with a paragraph added', ARABIC_REPORT, `${ARABIC_REPORT}\n\n${ADDED_AR}`],
];

for (const [name, original, copy] of COPIES) {
  test(`a copy with ${name} shares index keys and is estimated above the threshold`, () => {
    const result = compareTexts(original, copy);
    assert.ok(result.sharedKeys > 0, 'no shared index key');
    assert.ok(result.estimated >= 0.5, `estimated ${result.estimated}`);
    assert.equal(result.decision.kind, 'duplicate');
  });
}

/** Texts that must stay separate articles. */
const DIFFERENT: Array<[string, string, string]> = [
  ['two English reports of one event in different words', ENGLISH_REPORT, ENGLISH_SAME_TOPIC],
  ['two Arabic reports of one event in different words', ARABIC_REPORT, ARABIC_SAME_TOPIC],
  ['two stories of the same site', ENGLISH_REPORT, ENGLISH_OTHER_STORY],
  ['an English and an Arabic story', ENGLISH_REPORT, ARABIC_REPORT],
];

for (const [name, a, b] of DIFFERENT) {
  test(`${name} are not duplicates`, () => {
    const result = compareTexts(a, b);
    assert.ok(result.jaccard < 0.1, `jaccard ${result.jaccard}`);
    assert.equal(result.decision.kind, 'original');
  });
}

test('normalisation noise leaves the text hash unchanged, so the copy is a same-text duplicate', () => {
  const noisy = ARABIC_REPORT.replace(/ة/g, 'ه').replace(/،/g, ' , ').replace(/ /g, '  ');
  assert.equal(fingerprint(noisy).textHash, fingerprint(ARABIC_REPORT).textHash);
  assert.deepEqual(compareTexts(ARABIC_REPORT, noisy).decision, { kind: 'duplicate', originalId: 'a', reason: 'same-text', similarity: 1 });
});

test('a text shorter than minWords takes no part in matching', () => {
  const stub = 'Subscribe to read the full story.';
  const print = fingerprint(stub);
  assert.equal(print.eligible, false);
  assert.deepEqual(print.keys, []);
  assert.equal(compareTexts(stub, stub).decision.kind, 'original');
});

test('fingerprints are deterministic and sized by the options', () => {
  const a = fingerprint(ENGLISH_REPORT);
  const b = fingerprint(ENGLISH_REPORT);
  assert.deepEqual(a, b);
  assert.equal(a.sketch.length, (128 * 2) / 8);
  assert.equal(a.keys.length, 6);
  assert.equal(fingerprint(ENGLISH_REPORT, { sketchHashes: 64, sketchBits: 1, indexKeys: 3 }).sketch.length, 8);
  assert.match(a.textHash, /^[0-9a-f]{16}$/);
});

test('shingles: a text shorter than one shingle is one shingle, and hashes come sorted and distinct', () => {
  assert.equal(shingleHashes(['a', 'b'], 3).length, 1);
  assert.equal(shingleHashes([], 3).length, 0);
  const h = shingleHashes('a b c a b c a b c'.split(' '), 3);
  assert.equal(h.length, 3);
  assert.ok(h.every((v, i) => i === 0 || v > h[i - 1]!));
});

test('the b-bit sketch estimate tracks the exact Jaccard similarity', () => {
  const words = ENGLISH_REPORT.split(/\s+/);
  for (const cut of [0.25, 0.5, 0.75, 1]) {
    const a = shingleHashes(words, 3);
    const b = shingleHashes(words.slice(0, Math.round(words.length * cut)), 3);
    const exact = jaccard(a, b);
    for (const bits of [1, 2, 4, 8] as const) {
      const estimate = sketchSimilarity(bbitSketch(minhashSignature(a, 256), bits), bbitSketch(minhashSignature(b, 256), bits), bits);
      assert.ok(Math.abs(estimate - exact) < 0.2, `cut ${cut}, ${bits} bits: estimate ${estimate} vs exact ${exact}`);
    }
  }
});

test('index keys are the bottom-k sample, distinct and at most k', () => {
  const h = shingleHashes(ENGLISH_REPORT.split(/\s+/), 3);
  const keys = indexKeys(h, 6);
  assert.equal(keys.length, 6);
  assert.equal(new Set(keys).size, 6);
  assert.deepEqual(indexKeys(h.slice(0, 6), 6), keys);
  assert.equal(indexKeys(h.slice(0, 2), 6).length, 2);
});

test('SimHash: identical texts are at distance 0, a small edit stays close, an unrelated text is far', () => {
  const a = shingleHashes(ENGLISH_REPORT.toLowerCase().split(/\s+/), 3);
  const edited = shingleHashes(ENGLISH_REPORT.toLowerCase().replace('tuesday', 'monday').split(/\s+/), 3);
  const other = shingleHashes(ENGLISH_OTHER_STORY.toLowerCase().split(/\s+/), 3);
  assert.equal(hammingDistance64(simhash64(a), simhash64(a)), 0);
  assert.ok(hammingDistance64(simhash64(a), simhash64(edited)) < 12);
  assert.ok(hammingDistance64(simhash64(a), simhash64(other)) > 16);
});

test('similarity() is the exact shingle Jaccard of the normalised texts, and sharedFraction is by the longer text', () => {
  assert.equal(similarity(ENGLISH_REPORT, ENGLISH_REPORT.toUpperCase()), 1);
  assert.ok(similarity(ENGLISH_REPORT, ENGLISH_OTHER_STORY) < 0.05);
  const a = shingleHashes('a b c d e'.split(' '), 1);
  const b = shingleHashes('a b c d'.split(' '), 1);
  assert.equal(sharedFraction(a, b), 0.8);
  assert.equal(jaccard(a, b), 0.8);
});
