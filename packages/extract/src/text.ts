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
export function squash(text: string): string {
  return text
    .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim();
}

/** Word count for any script: runs of letters or digits. */
export function countWords(text: string): number {
  const matches = text.match(/[\p{L}\p{N}]+/gu);
  return matches ? matches.length : 0;
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

/** Tokens as the benchmark and the dedupe stage see them: lower-cased word runs. */
export function wordTokens(text: string): string[] {
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
