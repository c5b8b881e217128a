import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalise, procliticReadings, tokenize } from '@khabar/entities';

const cases: Array<[string, string, string]> = [
  ['diacritics are removed', 'بُوتِينُ', 'بوتين'],
  ['tatweel is removed', 'بـوتـيـن', 'بوتين'],
  ['alef with hamza above becomes bare alef', 'أولاف', 'اولاف'],
  ['alef with hamza below becomes bare alef', 'إيمانويل', 'ايمانويل'],
  ['alef madda becomes bare alef', 'آل', 'ال'],
  ['alef wasla becomes bare alef', 'ٱلرئيس', 'الرييس'],
  ['alef maqsura folds to yeh', 'زيلينسكى', 'زيلينسكي'],
  ['Persian yeh folds to Arabic yeh', 'زیلینسکی', 'زيلينسكي'],
  ['teh marbuta folds to heh', 'الجامعة العربية', 'الجامعه العربيه'],
  ['hamza on waw becomes waw', 'مؤتمر', 'موتمر'],
  ['hamza on yeh becomes yeh', 'الرئيس', 'الرييس'],
  ['Arabic-Indic digits become ASCII digits', '٢٠٢٥', '2025'],
  ['Latin is lower-cased and accents are folded', 'Jean-Noël Barrot', 'jean noel barrot'],
  ['French capitals with accents fold', 'ÉLYSÉE', 'elysee'],
  ['a possessive splits off the name', "Putin's", 'putin s'],
  ['a curly-apostrophe possessive splits off the name', 'Zelensky’s', 'zelensky s'],
  ['a French elision splits off the name', "l'ONU", 'l onu'],
  ['Cyrillic is lower-cased and ё becomes е', 'Ёлкин', 'елкин'],
  ['Ukrainian letters are kept apart from Russian ones', 'Зеленський', 'зеленськии'],
  ['a change of script splits words', 'Imagesبوتين', 'images بوتين'],
  ['Arabic presentation forms unfold', 'ﺑﻮﺗﻴﻦ', 'بوتين'],
  ['zero-width joiners do not split a word', 'بو\u200cتين', 'بوتين'],
  ['names are never stemmed', 'بوتين والمكالمات', 'بوتين والمكالمات'],
];

for (const [name, input, expected] of cases) {
  test(`normalise: ${name}`, () => {
    assert.equal(normalise(input), expected);
  });
}

test('tokenize reports offsets into the original text, diacritics included', () => {
  const text = 'قال بُوتِين: نعم';
  const words = tokenize(text);
  assert.deepEqual(
    words.map((w) => [w.norm, text.slice(w.start, w.end)]),
    [
      ['قال', 'قال'],
      ['بوتين', 'بُوتِين'],
      ['نعم', 'نعم'],
    ],
  );
});

const readings: Array<[string, string, boolean]> = [
  ['و is a proclitic', 'وبوتين', true],
  ['ل is a proclitic', 'لترامب', true],
  ['ب is a proclitic', 'بزيلينسكي', true],
  ['ف is a proclitic', 'فبوتين', true],
  ['ك is a proclitic', 'كبوتين', true],
  ['وب combines', 'وبترامب', true],
  ['فل combines', 'فلترامب', true],
];

for (const [name, word, expected] of readings) {
  test(`procliticReadings: ${name} (${word})`, () => {
    const names = ['بوتين', 'ترامب', 'زيلينسكي'];
    assert.equal(procliticReadings(word).some((r) => names.includes(r)), expected);
  });
}

test('procliticReadings restores the article swallowed by لل', () => {
  assert.ok(procliticReadings('للرييس').includes('الرييس'));
  assert.ok(procliticReadings('وللرييس').includes('الرييس'));
  assert.ok(procliticReadings('للافروف').includes('لافروف'));
});

test('procliticReadings never leaves fewer than two letters', () => {
  assert.deepEqual(procliticReadings('ولي').filter((r) => r.length < 2), []);
});
