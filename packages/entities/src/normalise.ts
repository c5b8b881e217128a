/**
 * Text normalisation for name matching, done once per character through a lookup table so the
 * matcher stays linear and fast. Nothing here stems: a name keeps every letter it has (OpenSearch's
 * Arabic stemmer turns بوتين into بوت; we must not).
 *
 * Arabic: diacritics and tatweel dropped, alef forms unified, ى/ی → ي, ة → ه, hamza carriers ؤ → و and
 * ئ → ي, Persian ک → ك, presentation forms unfolded, Arabic-Indic digits → ASCII.
 * Latin/Cyrillic/Greek: lower-cased, accents removed (é → e, ё → е).
 */

/** What a normalised character is for tokenising. */
export const enum CharClass {
  Separator = 0,
  Arabic = 1,
  Other = 2,
  /** Dropped marks and joiners: continue whatever word they are in, never start one. */
  Joiner = 3,
}

/** Code units dropped inside a word without breaking it (diacritics, tatweel, joiners). */
const DROP = 0xffff;

const map = new Uint16Array(0x10000);
const cls = new Uint8Array(0x10000);
/** Code units that unfold to more than one character (ligature presentation forms). */
const expansions = new Map<number, string>();

function isArabicLetter(code: number): boolean {
  return (code >= 0x0620 && code <= 0x064a) || (code >= 0x066e && code <= 0x06d3) || code === 0x06d5 || (code >= 0x06fa && code <= 0x06ff) || (code >= 0x0750 && code <= 0x077f) || (code >= 0x08a0 && code <= 0x08c9);
}

function isArabicMark(code: number): boolean {
  return (code >= 0x064b && code <= 0x065f) || code === 0x0670 || (code >= 0x06d6 && code <= 0x06ed) || code === 0x0640 || (code >= 0x08ca && code <= 0x08ff);
}

const ARABIC_FOLDS: Record<number, number> = {
  0x0622: 0x0627, // آ
  0x0623: 0x0627, // أ
  0x0625: 0x0627, // إ
  0x0671: 0x0627, // ٱ
  0x0672: 0x0627,
  0x0673: 0x0627,
  0x0649: 0x064a, // ى
  0x06cc: 0x064a, // ی (Persian yeh)
  0x06d2: 0x064a,
  0x0629: 0x0647, // ة
  0x06c0: 0x0647,
  0x0624: 0x0648, // ؤ
  0x0626: 0x064a, // ئ
  0x06a9: 0x0643, // ک
  0x06af: 0x0643, // گ (Moroccan/Persian g, e.g. in some transliterations)
};

const letterOrNumber = /[\p{L}\p{N}]/u;
const mark = /\p{M}/u;

function buildTables(): void {
  for (let code = 0; code < 0x10000; code++) {
    map[code] = code;
    if (code >= 0xd800 && code <= 0xdfff) {
      // Surrogates: astral letters (rare in news names) are kept as opaque word characters.
      cls[code] = CharClass.Other;
      continue;
    }
    if (isArabicMark(code)) {
      map[code] = DROP;
      cls[code] = CharClass.Arabic;
      continue;
    }
    if (code >= 0x0660 && code <= 0x0669) {
      map[code] = 0x30 + (code - 0x0660);
      cls[code] = CharClass.Other;
      continue;
    }
    if (code >= 0x06f0 && code <= 0x06f9) {
      map[code] = 0x30 + (code - 0x06f0);
      cls[code] = CharClass.Other;
      continue;
    }
    if (isArabicLetter(code)) {
      map[code] = ARABIC_FOLDS[code] ?? code;
      cls[code] = CharClass.Arabic;
      continue;
    }
    const ch = String.fromCharCode(code);
    if (code === 0x200c || code === 0x200d || code === 0x00ad || code === 0x200e || code === 0x200f) {
      map[code] = DROP;
      cls[code] = CharClass.Joiner;
      continue;
    }
    if ((code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfeff)) {
      const unfolded = ch.normalize('NFKC');
      if (unfolded !== ch && /^[\u0600-\u06ff\s]+$/.test(unfolded) && !/\s/.test(unfolded)) {
        const folded = foldString(unfolded);
        if (folded.length === 1) map[code] = folded.charCodeAt(0);
        else if (folded.length > 1) expansions.set(code, folded);
        else map[code] = DROP;
        cls[code] = CharClass.Arabic;
        continue;
      }
    }
    if (mark.test(ch)) {
      map[code] = DROP;
      cls[code] = CharClass.Joiner;
      continue;
    }
    if (!letterOrNumber.test(ch)) {
      cls[code] = CharClass.Separator;
      continue;
    }
    cls[code] = CharClass.Other;
    const folded = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (folded.length === 1) map[code] = folded.charCodeAt(0);
    else if (folded.length > 1) expansions.set(code, folded);
    else map[code] = DROP;
  }
  map[0x0451] = 0x0435; // ё → е (NFD already does this; kept explicit for clarity of intent)
}

/** Folds Arabic letters of an already-unfolded string (used only while building the table). */
function foldString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (isArabicMark(code)) continue;
    out += String.fromCharCode(ARABIC_FOLDS[code] ?? code);
  }
  return out;
}

buildTables();

/** One word of a text: its normalised form and where it sits in the original string. */
export interface Token {
  norm: string;
  /** Offset (UTF-16 code units) of the word's first character in the original text. */
  start: number;
  /** Offset just past the word's last character in the original text. */
  end: number;
  arabic: boolean;
}

/**
 * Splits text into normalised words. A word is a run of letters and digits; it also ends where the
 * script changes between Arabic and anything else ("Imagesبوتين" is two words), and apostrophes split
 * words, so "Putin's" yields "putin" and "s" and "l'ONU" yields "l" and "onu".
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let code = text.charCodeAt(i);
    let c = cls[code]!;
    if (c === CharClass.Separator || c === CharClass.Joiner) {
      i++;
      continue;
    }
    const wordClass = c;
    const start = i;
    let norm = '';
    let plain = true; // normalised form equals the raw slice so far: take a slice instead of building
    while (i < n) {
      code = text.charCodeAt(i);
      c = cls[code]!;
      if (c !== wordClass && c !== CharClass.Joiner) break;
      const m = map[code]!;
      if (m !== code) {
        if (plain) {
          norm = text.slice(start, i);
          plain = false;
        }
        if (m !== DROP) norm += String.fromCharCode(m);
      } else if (!plain) {
        const expansion = expansions.get(code);
        norm += expansion ?? text[i];
      } else if (expansions.has(code)) {
        norm = text.slice(start, i) + expansions.get(code);
        plain = false;
      }
      i++;
    }
    if (plain) norm = text.slice(start, i);
    if (norm.length > 0) tokens.push({ norm, start, end: i, arabic: wordClass === CharClass.Arabic });
  }
  return tokens;
}

/** The normalised words of a string joined by single spaces: how aliases are keyed. */
export function normalise(text: string): string {
  return tokenize(text)
    .map((t) => t.norm)
    .join(' ');
}
