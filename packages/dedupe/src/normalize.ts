/**
 * Text as the duplicate detector compares it: two copies of one article that differ only in
 * spelling conventions, diacritics, punctuation or spacing normalise to the same string.
 * Arabic news sites disagree on hamza carriers, final ya/ta marbuta and tashkeel; Latin sites on
 * case, accents and typographic quotes. None of that makes a different article.
 */

/**
 * Letters that several spellings share. Hamza on a waw or ya seat is dropped with its seat, and so
 * is a bare hamza, because sites disagree on the seat (مسؤول / مسئول); hamza or madda on an alef
 * keeps the alef (NFKD splits it off as a mark).
 */
const LETTER_FOLDS: Record<string, string> = {
  '\u0624': '', // ؤ
  '\u0626': '', // ئ
  '\u0671': '\u0627', // ٱ alef wasla → ا
  '\u0649': '\u064A', // ى alef maqsura → ي
  '\u06CC': '\u064A', // ی Farsi yeh → ي
  '\u0629': '\u0647', // ة ta marbuta → ه
  '\u06A9': '\u0643', // ک keheh → ك
  '\u0621': '', // ء bare hamza: written or dropped at will
  '\u0640': '', // ـ tatweel only stretches a word
  ß: 'ss',
  œ: 'oe',
  æ: 'ae',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  ı: 'i',
};
const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');

const EASTERN_DIGIT = /[\u0660-\u0669\u06F0-\u06F9]/g;

/**
 * Combining marks (Latin accents, Arabic tashkeel, the hamza and madda NFKD splits off أ إ آ ؤ ئ,
 * Quranic annotation signs) and format characters (zero-width joiners, bidi marks, BOM).
 */
const MARKS_AND_FORMAT = /[\p{M}\p{Cf}]/gu;
const PUNCTUATION_AND_SYMBOLS = /[\p{P}\p{S}]+/gu;
const WHITESPACE = /\s+/gu;

export function normalizeText(text: string): string {
  return text
    .replace(FOLDABLE, (c) => LETTER_FOLDS[c] ?? c)
    .normalize('NFKD')
    .replace(MARKS_AND_FORMAT, '')
    .toLowerCase()
    .replace(FOLDABLE, (c) => LETTER_FOLDS[c] ?? c)
    .replace(EASTERN_DIGIT, (d) => {
      const code = d.charCodeAt(0);
      return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
    })
    .replace(PUNCTUATION_AND_SYMBOLS, ' ')
    .replace(WHITESPACE, ' ')
    .trim();
}

/** Words of the normalised text, in order. */
export function normalizedWords(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized === '' ? [] : normalized.split(' ');
}
