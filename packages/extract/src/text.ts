/** Text helpers shared by the extraction rules. Pure, no DOM. */

const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Eastern Arabic (٠-٩) and Persian (۰-۹) digits to ASCII, so one set of patterns reads them all. */
export function asciiDigits(text: string): string {
  return text.replace(EASTERN_DIGITS, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** Collapse every run of whitespace (including NBSP, zero-width and bidi marks) to one space. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;
const INVISIBLE_ALL = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const SPACES = /[\s\u00A0]+/g;

export function squash(text: string): string {
  // test() before replace(): most text has no invisible marks, and replace always allocates.
  const visible = INVISIBLE.test(text) ? text.replace(INVISIBLE_ALL, '') : text;
  return visible.replace(SPACES, ' ').trim();
}

/** Word count for any script: runs of letters or digits. */
export function countWords(text: string): number {
  // A hot loop over every block: char codes, no regex, no allocation.
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const w = isWordChar(text.charCodeAt(i));
    if (w && !inWord) words++;
    inWord = w;
  }
  return words;
}

/** Letters and digits of any script, roughly: ASCII alphanumerics and non-punctuation above Latin-1. */
function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c < 0xc0) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false; // punctuation, symbols, arrows
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c === 0x060c || c === 0x061b || c === 0x061f || c === 0x06d4 || (c >= 0x066a && c <= 0x066d)) return false;
  return c !== 0xfeff && c !== 0x00d7 && c !== 0x00f7;
}

/** Arabic comma and the Latin one both mark running prose. */
export function countCommas(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 0x060c) n++;
  }
  return n;
}

/** Lower-cased word runs. */
function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Share of `a`'s tokens found in `b` (0..1). */
export function tokenContainment(a: string, b: string): number {
  const ta = wordTokens(a);
  if (ta.length === 0) return 0;
  const sb = new Set(wordTokens(b));
  let hit = 0;
  for (const t of ta) if (sb.has(t)) hit++;
  return hit / ta.length;
}
