/**
 * The labelled mention set behind `npm run bench:entities`: documents with gold mentions, and a
 * mention-level scorer. Pure functions; the benchmark script does the reading and printing.
 */
import type { Mention } from '@khabar/entities';

export interface GoldMention {
  id: string;
  start: number;
  end: number;
}

export interface LabelledDoc {
  name: string;
  /** Where the document comes from, for the per-source rows of the report. */
  group: string;
  text: string;
  gold: GoldMention[];
}

const MARK = /\[\[(Q[0-9]+)\|([^\]]+)\]\]/g;

/**
 * Parses sentences.txt: "## name" starts a document, [[Q7747|وبوتين]] marks a mention, lines
 * starting with "#" (one hash) are comments. The group is the name's prefix before the first "-".
 */
export function parseSentences(source: string): LabelledDoc[] {
  const docs: LabelledDoc[] = [];
  let current: { name: string; lines: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    const raw = current.lines.join('\n').trim();
    let text = '';
    const gold: GoldMention[] = [];
    let last = 0;
    for (const m of raw.matchAll(MARK)) {
      text += raw.slice(last, m.index);
      gold.push({ id: m[1]!, start: text.length, end: text.length + m[2]!.length });
      text += m[2]!;
      last = m.index! + m[0].length;
    }
    text += raw.slice(last);
    if (text.includes('[[') || text.includes(']]')) throw new Error(`${current.name}: malformed [[Qid|text]] mark`);
    docs.push({ name: current.name, group: `sentences ${current.name.split('-')[0]}`, text, gold });
  };
  for (const line of source.split('\n')) {
    if (line.startsWith('## ')) {
      flush();
      current = { name: line.slice(3).trim(), lines: [] };
    } else if (line.startsWith('#')) {
      continue;
    } else if (current) {
      current.lines.push(line);
    }
  }
  flush();
  return docs;
}

export type Rule = [surface: string, id: string | null, occurrences?: number[]];

const ARABIC = /[\u0600-\u06ff]/;
const LETTER = /[\p{L}\p{M}\p{N}]/u;
const PROCLITIC = /(?:[وف]?[بلك]?|[وف]?لل)$/;

/**
 * Finds gold mentions in a shared text from rules. Longer surfaces claim first; an Arabic surface
 * may carry proclitics in front (وبوتين، لترامب، للرئيس), a Latin one must stand as a whole word.
 */
export function locate(text: string, rules: Rule[]): GoldMention[] {
  const claimed: Array<[number, number]> = [];
  const gold: GoldMention[] = [];
  const free = (s: number, e: number) => claimed.every(([a, b]) => e <= a || s >= b);
  const sorted = [...rules].sort((a, b) => b[0].length - a[0].length);
  for (const [surface, id, occurrences] of sorted) {
    const arabic = ARABIC.test(surface);
    // After ل the article's alef drops: للرئيس is ل + الرئيس.
    const forms = arabic && surface.startsWith('ال') ? [surface, `ل${surface.slice(2)}`] : [surface];
    const found: Array<[number, number]> = [];
    for (const form of forms) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(form, from);
        if (at < 0) break;
        from = at + 1;
        let start = at;
        if (arabic) {
          const before = text.slice(Math.max(0, at - 3), at);
          const prefix = PROCLITIC.exec(before)?.[0] ?? '';
          start = at - prefix.length;
          if (form !== surface && !prefix.endsWith('ل')) continue;
        }
        const end = at + form.length;
        if (start > 0 && LETTER.test(text.charAt(start - 1))) continue;
        if (end < text.length && LETTER.test(text.charAt(end))) continue;
        found.push([start, end]);
      }
    }
    found.sort((a, b) => a[0] - b[0]);
    let n = 0;
    for (const [s, e] of found) {
      if (!free(s, e)) continue;
      n++;
      if (occurrences && !occurrences.includes(n)) continue;
      claimed.push([s, e]);
      if (id) gold.push({ id, start: s, end: e });
    }
  }
  return gold.sort((a, b) => a.start - b.start);
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
}

export interface DocErrors {
  falsePositives: Mention[];
  falseNegatives: GoldMention[];
}

/** One-to-one: a predicted mention is right when a gold mention of the same id overlaps it. */
export function scoreDoc(predicted: Mention[], gold: GoldMention[]): Score & DocErrors {
  const used = new Set<number>();
  const falsePositives: Mention[] = [];
  for (const p of predicted) {
    const k = gold.findIndex((g, i) => !used.has(i) && g.id === p.id && g.start < p.end && p.start < g.end);
    if (k < 0) falsePositives.push(p);
    else used.add(k);
  }
  const falseNegatives = gold.filter((_, i) => !used.has(i));
  return { tp: used.size, fp: falsePositives.length, fn: falseNegatives.length, falsePositives, falseNegatives };
}

export function precision(s: Score): number {
  return s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
}

export function recall(s: Score): number {
  return s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
}
