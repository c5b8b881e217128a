/**
 * The article-extraction-benchmark metric (scrapinghub/article-extraction-benchmark, as its README
 * states it), reimplemented: tokens are maximal runs of Unicode word characters (Python's \w:
 * letters, digits, underscore; case kept), each text is a multiset of overlapping 4-token shingles
 * (one shorter shingle under 4 tokens), and per page tp/fp/fn are the multiset overlap normalised to
 * sum to 1. Precision and recall are averaged over pages; F1 is the harmonic mean of the averages.
 */

const TOKEN = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const shingle = tokens.slice(i, i + n).join(' ');
    if (!shingle) continue;
    counts.set(shingle, (counts.get(shingle) ?? 0) + 1);
  }
  return counts;
}

export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  exact: boolean;
}

export function scorePage(truth: string, prediction: string): PageScore {
  const t = shingles(truth);
  const p = shingles(prediction);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, tc] of t) {
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fn += Math.max(0, tc - pc);
  }
  for (const [key, pc] of p) fp += Math.max(0, pc - (t.get(key) ?? 0));
  const sum = tp + fp + fn;
  const exact = tokenize(truth).join(' ') === tokenize(prediction).join(' ');
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum, exact } : { tp: 0, fp: 0, fn: 0, exact };
}

export interface Scores {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
  pages: number;
}

export function aggregate(pages: PageScore[]): Scores {
  const prec: number[] = [];
  const rec: number[] = [];
  for (const s of pages) {
    if (s.tp === 0 && s.fp === 0 && s.fn === 0) {
      // Both texts empty: a perfect answer.
      prec.push(1);
      rec.push(1);
      continue;
    }
    if (s.tp + s.fp > 0) prec.push(s.tp / (s.tp + s.fp));
    if (s.tp + s.fn > 0) rec.push(s.tp / (s.tp + s.fn));
  }
  const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  const precision = mean(prec);
  const recall = mean(rec);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { f1, precision, recall, accuracy: pages.filter((p) => p.exact).length / Math.max(1, pages.length), pages: pages.length };
}
