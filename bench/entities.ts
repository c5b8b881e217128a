/**
 * `npm run bench:entities [-- --errors] [-- --runs 5]`
 *
 * 1. Accuracy: mention-level precision and recall of the default catalog on the labelled set
 *    (packages/entities/eval/sentences.txt; gold rules for the seed article and English articles
 *    of ../shared/datasets/article-extraction-benchmark, read in place; and an aggregator page
 *    whose navigation, ticker and related links name other people, matched after extraction).
 * 2. Speed: MB/s of Arabic text through the matcher with the default catalog padded to 10,000
 *    distinct aliases, one core, median of several runs.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildMatcher, createEnricher, enrichWith, mergeCatalogs, readCatalogFile, DEFAULT_CATALOG_PATH, type CatalogEntity, type Matcher } from '@khabar/entities';
import { locate, parseSentences, precision, recall, scoreDoc, type LabelledDoc, type Rule, type Score } from './entities-eval.js';

const repoRoot = resolve(import.meta.dirname, '..');
const shared = resolve(repoRoot, '..', 'shared');
const evalDir = resolve(repoRoot, 'packages', 'entities', 'eval');

const { values } = parseArgs({
  options: { errors: { type: 'boolean' }, runs: { type: 'string' }, 'min-mb': { type: 'string' } },
});
const runs = Number(values.runs ?? 5);

interface SharedDoc {
  name: string;
  file?: string;
  dataset?: string;
  /** A page in eval/pages, matched in what the article extractor keeps of it. */
  html?: string;
  url?: string;
  title?: string;
  bodyFrom?: string;
  bodyUntil?: string;
  rules: Rule[];
}

async function sharedDocs(): Promise<LabelledDoc[]> {
  const spec = JSON.parse(readFileSync(resolve(evalDir, 'shared-gold.json'), 'utf8')) as { docs: SharedDoc[] };
  let truth: Record<string, { articleBody: string }> | undefined;
  const { extractArticle } = await import('@khabar/extract');
  return spec.docs.map((d) => {
    let text: string;
    if (d.html) {
      const article = extractArticle(readFileSync(resolve(evalDir, d.html), 'utf8'), d.url ?? 'https://example.invalid/');
      text = `${article.title}\n\n${article.text}`;
      return { name: d.name, group: 'html page, extracted (ar)', text, gold: locate(text, d.rules) };
    }
    if (d.file) {
      let body = readFileSync(resolve(shared, d.file), 'utf8');
      if (d.bodyFrom) body = body.slice(body.indexOf(d.bodyFrom));
      if (d.bodyUntil && body.includes(d.bodyUntil)) body = body.slice(0, body.indexOf(d.bodyUntil));
      text = d.title ? `${d.title}\n\n${body.trim()}` : body.trim();
    } else {
      truth ??= JSON.parse(readFileSync(resolve(shared, 'datasets', 'article-extraction-benchmark', 'ground-truth.json'), 'utf8'));
      const key = Object.keys(truth!).find((k) => k.startsWith(d.dataset!));
      if (!key) throw new Error(`no article ${d.dataset} in the extraction benchmark`);
      text = truth![key]!.articleBody;
    }
    return { name: d.name, group: d.file ? 'seed article (ar)' : 'dataset articles (en)', text, gold: locate(text, d.rules) };
  });
}

function pct(x: number): string {
  return (100 * x).toFixed(1).padStart(5);
}

function accuracy(matcher: Matcher, docs: LabelledDoc[]): Score {
  const groups = new Map<string, Score>();
  const total: Score = { tp: 0, fp: 0, fn: 0 };
  const errors: string[] = [];
  for (const doc of docs) {
    const s = scoreDoc(matcher.findMentions(doc.text), doc.gold);
    const g = groups.get(doc.group) ?? { tp: 0, fp: 0, fn: 0 };
    for (const k of ['tp', 'fp', 'fn'] as const) {
      g[k] += s[k];
      total[k] += s[k];
    }
    groups.set(doc.group, g);
    const around = (start: number, end: number) => doc.text.slice(Math.max(0, start - 30), end + 30).replace(/\s+/g, ' ');
    for (const p of s.falsePositives) errors.push(`  FP ${doc.name}: ${p.id} "${p.surface}"  …${around(p.start, p.end)}…`);
    for (const g2 of s.falseNegatives) errors.push(`  FN ${doc.name}: ${g2.id} "${doc.text.slice(g2.start, g2.end)}"  …${around(g2.start, g2.end)}…`);
  }
  const rows = [...groups].map(([name, s]) => [name, String(s.tp + s.fn), String(s.tp), String(s.fp), String(s.fn), pct(precision(s)), pct(recall(s))]);
  rows.push(['all', String(total.tp + total.fn), String(total.tp), String(total.fp), String(total.fn), pct(precision(total)), pct(recall(total))]);
  printTable(['source', 'gold', 'tp', 'fp', 'fn', 'P %', 'R %'], rows);
  if (values.errors) console.log(errors.join('\n'));
  else if (errors.length > 0) console.log(`(${errors.length} errors; --errors lists them)`);
  return total;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** Deterministic pseudo-random numbers, so every run pads the catalog the same way. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ARABIC_LETTERS = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
const LATIN_LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Synthetic people with Arabic and Latin two-word names until the catalog has `target` aliases. */
function padCatalog(base: CatalogEntity[], target: number): CatalogEntity[] {
  const next = random(42);
  const word = (letters: string, min: number, max: number) => {
    const length = min + Math.floor(next() * (max - min + 1));
    let w = '';
    for (let i = 0; i < length; i++) w += letters[Math.floor(next() * letters.length)];
    return w;
  };
  const entities = [...base];
  let aliases = buildMatcher(base).aliasCount;
  for (let n = 1; aliases < target; n++) {
    const ar1 = word(ARABIC_LETTERS, 3, 7);
    const ar2 = word(ARABIC_LETTERS, 4, 8);
    const la1 = word(LATIN_LETTERS, 4, 8);
    const la2 = word(LATIN_LETTERS, 5, 9);
    const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
    entities.push({
      id: `Q${900000000 + n}`,
      type: 'person',
      names: { en: `${cap(la1)} ${cap(la2)}`, ar: `${ar1} ${ar2}` },
      aliases: [ar2, cap(la2)],
      contextual: [],
    });
    aliases += 4;
  }
  return entities;
}

function arabicCorpus(docs: LabelledDoc[], bytes: number): string[] {
  const arabic = docs.filter((d) => /[\u0600-\u06ff]/.test(d.text)).map((d) => d.text);
  const articles: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    // Articles of 3-8 KB, like the news the processor sees.
    let article = '';
    while (Buffer.byteLength(article) < 3000 + (i % 6) * 1000) article += `${arabic[(i + article.length) % arabic.length]}\n\n`;
    articles.push(article);
    size += Buffer.byteLength(article);
  }
  return articles;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function speed(docs: LabelledDoc[]): number {
  const base = readCatalogFile(DEFAULT_CATALOG_PATH).catalog;
  const merged = mergeCatalogs(base, undefined);
  const padded = padCatalog(merged.entities, 10_000);
  const t0 = performance.now();
  const matcher = buildMatcher(padded, merged.stopPhrases);
  const buildMs = performance.now() - t0;
  const corpus = arabicCorpus(docs, 8 * 1024 * 1024);
  const bytes = corpus.reduce((n, a) => n + Buffer.byteLength(a), 0);
  let mentions = 0;
  for (const a of corpus.slice(0, 200)) mentions += matcher.findMentions(a).length; // warm-up
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    mentions = 0;
    for (const a of corpus) mentions += matcher.findMentions(a).length;
    const seconds = (performance.now() - start) / 1000;
    rates.push(bytes / 1024 / 1024 / seconds);
  }
  // The whole enrich step as the processor runs it: matching plus per-entity summary and pairs.
  const enrichRates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (const a of corpus) enrichWith(matcher, { title: '', text: a, language: 'ar' });
    enrichRates.push(bytes / 1024 / 1024 / ((performance.now() - start) / 1000));
  }
  const row = (what: string, xs: number[]) => [what, String(matcher.aliasCount), buildMs.toFixed(0), (bytes / 1024 / 1024).toFixed(1), String(corpus.length), median(xs).toFixed(2), Math.min(...xs).toFixed(2), Math.max(...xs).toFixed(2), String(runs)];
  printTable(
    ['step', 'catalog aliases', 'build ms', 'corpus MB', 'articles', 'MB/s median', 'MB/s min', 'MB/s max', 'runs'],
    [row('findMentions', rates), row('enrich', enrichRates)],
  );
  console.log(`(${mentions} mentions per pass)`);
  return median(enrichRates);
}

const docs = [...parseSentences(readFileSync(resolve(evalDir, 'sentences.txt'), 'utf8')), ...(await sharedDocs())];
const enricher = createEnricher({ userCatalogPath: '', reloadIntervalMs: Number.POSITIVE_INFINITY });
console.log(`# entity matching accuracy (catalog ${enricher.catalogVersion}, ${docs.length} documents)\n`);
const total = accuracy(enricher.matcher, docs);
console.log(`\n# matcher speed on Arabic text, one core (node ${process.version})\n`);
const mbs = speed(docs);
const p = precision(total);
const r = recall(total);
console.log(`\nprecision ${p.toFixed(3)} (target 0.98)  recall ${r.toFixed(3)} (target 0.97)  speed ${mbs.toFixed(1)} MB/s (target 5)`);
console.log('measured by: npm run bench:entities');
