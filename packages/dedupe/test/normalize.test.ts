import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeText, normalizedWords } from '../src/normalize.js';

const SAME: Array<[string, string, string]> = [
  ['diacritics (tashkeel) are dropped', 'قَالَ الرَّئِيسُ', 'قال الرئيس'],
  ['tatweel is dropped', 'الـــرئيس', 'الرئيس'],
  ['hamza and madda on alef fold to a bare alef', 'أحمد إلى آمال ٱلله', 'احمد الى امال الله'],
  ['alef maqsura and Farsi yeh fold to ya', 'على مصطفى ی', 'علي مصطفي ي'],
  ['ta marbuta folds to ha', 'مدرسة جميلة', 'مدرسه جميله'],
  ['hamza seats do not matter (مسؤول / مسئول)', 'مسؤول', 'مسئول'],
  ['Eastern Arabic and Persian digits become ASCII', '١٩ - ٠٣ - ۲۰۲۵', '19 03 2025'],
  ['Arabic punctuation is a word break', 'بوتين، وترامب؛ لماذا؟', 'بوتين وترامب لماذا'],
  ['presentation-form ligatures decompose', 'ﻻ', 'لا'],
  ['Latin case and accents are dropped', 'Élysée ÉTÉ naïve', 'elysee ete naive'],
  ['typographic quotes and apostrophes are word breaks', '«Poutine» l’homme "said"', 'poutine l homme said'],
  ['ligatures and sharp s spell out', 'Œuvre straße', 'oeuvre strasse'],
  ['whitespace runs, NBSP, zero-width and bidi marks collapse', ' a\u00a0\u00a0b\u200f\n\n c\u200b ', 'a b c'],
];

for (const [name, a, b] of SAME) {
  test(`normalisation: ${name}`, () => {
    assert.equal(normalizeText(a), normalizeText(b));
  });
}

const EXACT: Array<[string, string]> = [
  ['قَالَ الرَّئِيسُ الرُّوسِيُّ', 'قال الريس الروسي'],
  ['The President, said: "No!"', 'the president said no'],
  ['  ', ''],
];

for (const [input, expected] of EXACT) {
  test(`normalises ${JSON.stringify(input)} to ${JSON.stringify(expected)}`, () => {
    assert.equal(normalizeText(input), expected);
  });
}

test('different words stay different after normalisation', () => {
  assert.notEqual(normalizeText('بوتين'), normalizeText('ترامب'));
  assert.notEqual(normalizeText('tram line'), normalizeText('train line'));
});

test('normalizedWords splits the normalised text and gives no words for empty text', () => {
  assert.deepEqual(normalizedWords('Hello,   World!'), ['hello', 'world']);
  assert.deepEqual(normalizedWords(' \n '), []);
});
