/**
 * `npm run bench:extract`: body-text quality (the article-extraction-benchmark metric, see
 * extract-metric.ts) and speed of khabar's extractor beside Readability on linkedom,
 * article-extractor and a bare cheerio/slim parse, in one run, on the 181 benchmark pages and on a
 * small Arabic set. Pages/s is measured on one thread, pages held in memory.
 *
 *   node --expose-gc --import tsx bench/extract.ts [--passes 3] [--only khabar] [--worst 10] [--memory 5]
 *     [--stored] (score upstream outputs: checks the metric) [--ablation] (F1 with each rule off)
 */
import { parseArgs } from 'node:util';
import { arabicSet } from './extract-arabic-set.js';
import { loadDataset, loadStoredOutput, type BenchPage } from './extract-dataset.js';
import { aggregate, scorePage, type PageScore, type Scores } from './extract-metric.js';
import { articleExtractor, bareParse, khabar, readability, type Extractor } from './extract-peers.js';
import { extractArticle, RULES } from '@khabar/extract';

const { values } = parseArgs({
  options: {
    passes: { type: 'string', default: '3' },
    only: { type: 'string' },
    worst: { type: 'string', default: '0' },
    memory: { type: 'string', default: '0' },
    stored: { type: 'boolean', default: false },
    ablation: { type: 'boolean', default: false },
  },
});
const passes = Math.max(1, Number(values.passes));

async function runAll(ex: Extractor, pages: BenchPage[]): Promise<{ texts: string[]; ms: number }> {
  const texts: string[] = [];
  const t0 = performance.now();
  for (const p of pages) texts.push(ex.text(await ex.run(p.html, p.url)));
  return { texts, ms: performance.now() - t0 };
}

interface Speed {
  /** Pages per second of wall time (what a user waits). */
  wall: number;
  /**
   * Pages per second of this process's CPU time: on a shared, loaded machine wall time counts the
   * waits for a core; CPU time does not (it does count GC helper threads, against us).
   */
  cpu: number;
}

/** Medians over `passes` timed passes (the first, scoring pass warmed the JIT). */
async function speed(ex: Extractor, pages: BenchPage[], n: number): Promise<Speed> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const p of pages) await ex.run(p.html, p.url);
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wall: pages.length / (median(walls) / 1000), cpu: pages.length / (median(cpus) / 1000) };
}

interface Row {
  name: string;
  scores?: Scores;
  speed?: Speed;
}

function fmt(n: number | undefined, digits = 3): string {
  return n === undefined ? '—' : n.toFixed(digits);
}

function table(title: string, rows: Row[], parse?: Speed): void {
  console.log(`\n${title}`);
  const head = ['extractor', 'F1', 'precision', 'recall', 'accuracy', 'pages/s', 'pages/cpu-s', 'cpu × parse'];
  const body = rows.map((r) => [
    r.name,
    fmt(r.scores?.f1),
    fmt(r.scores?.precision),
    fmt(r.scores?.recall),
    fmt(r.scores?.accuracy),
    r.speed ? r.speed.wall.toFixed(0) : '—',
    r.speed ? r.speed.cpu.toFixed(0) : '—',
    r.speed && parse ? (r.speed.cpu / parse.cpu).toFixed(2) : '—',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of body) console.log(line(r));
}

async function evaluate(label: string, pages: BenchPage[], extractors: Extractor[], timedPasses: (ex: Extractor) => number): Promise<Map<string, PageScore[]>> {
  const rows: Row[] = [];
  const perPage = new Map<string, PageScore[]>();
  for (const ex of extractors) {
    process.stderr.write(`${label}: ${ex.name}...\n`);
    const { texts } = await runAll(ex, pages);
    const scores = texts.map((t, i) => scorePage(pages[i]!.truth, t));
    perPage.set(ex.name, scores);
    const measured = await speed(ex, pages, timedPasses(ex));
    rows.push({ name: ex.name, ...(ex === bareParse ? {} : { scores: aggregate(scores) }), speed: measured });
  }
  // Speed swings with the load of a shared machine; its ratio to the bare parse does much less.
  const parse = rows.find((r) => r.name === bareParse.name)?.speed;
  table(`${label} (${pages.length} pages)`, rows, parse);
  return perPage;
}

const all = [khabar, readability, articleExtractor, bareParse];
const chosen = values.only ? all.filter((e) => e.name.startsWith(values.only!)) : all;
// The slow peers get one timed pass: their speed is not in doubt to within the noise.
const timed = (ex: Extractor): number => (ex === khabar || ex === bareParse ? passes : 1);

const dataset = loadDataset();
const perPage = await evaluate('article-extraction-benchmark', dataset, chosen, timed);

if (values.stored) {
  // The metric checked against the upstream anchors (trafilatura 0.958, readability_js 0.947).
  const rows: Row[] = ['trafilatura', 'rs_trafilatura', 'readability_js', 'go_trafilatura'].map((tool) => {
    const out = loadStoredOutput(tool);
    return { name: `stored: ${tool}`, scores: aggregate(dataset.map((p) => scorePage(p.truth, out[p.id] ?? ''))) };
  });
  table('upstream stored outputs, scored by this script', rows);
}

const worst = Number(values.worst);
const mine = perPage.get(khabar.name);
if (worst > 0 && mine) {
  console.log(`\nkhabar's ${worst} lowest-F1 pages:`);
  const ranked = mine
    .map((s, i) => ({ s, p: dataset[i]!, f1: s.tp === 0 ? 0 : (2 * s.tp) / (2 * s.tp + s.fp + s.fn) }))
    .sort((a, b) => a.f1 - b.f1)
    .slice(0, worst);
  for (const r of ranked) console.log(`${r.f1.toFixed(3)}  p=${(r.s.tp / (r.s.tp + r.s.fp || 1)).toFixed(2)} r=${(r.s.tp / (r.s.tp + r.s.fn || 1)).toFixed(2)}  ${r.p.id.slice(0, 12)}  ${r.p.url}`);
}

if (values.ablation) {
  // What each rule gains: the score with all rules, then with each one switched off.
  const arabic = arabicSet();
  const score = (pages: BenchPage[], off: (typeof RULES)[number][]): Scores =>
    aggregate(pages.map((p) => scorePage(p.truth, extractArticle(p.html, p.url, { disableRules: off }).text)));
  const base = score(dataset, []);
  const baseArabic = score(arabic, []);
  console.log('\nablation: each rule switched off (delta against all rules on)');
  console.log(`${'rule off'.padEnd(18)}  ${'F1'.padStart(6)}  ${'ΔF1'.padStart(7)}  ${'Δprec'.padStart(7)}  ${'Δrecall'.padStart(7)}  ${'ΔF1 ar'.padStart(7)}`);
  console.log(`${'(none)'.padEnd(18)}  ${base.f1.toFixed(3).padStart(6)}  ${''.padStart(7)}  ${''.padStart(7)}  ${''.padStart(7)}  ${baseArabic.f1.toFixed(3).padStart(7)}`);
  const d = (x: number): string => (x >= 0 ? '+' : '') + x.toFixed(3);
  for (const rule of RULES) {
    const s = score(dataset, [rule]);
    const a = score(arabic, [rule]);
    console.log(`${rule.padEnd(18)}  ${s.f1.toFixed(3).padStart(6)}  ${d(base.f1 - s.f1).padStart(7)}  ${d(base.precision - s.precision).padStart(7)}  ${d(base.recall - s.recall).padStart(7)}  ${d(baseArabic.f1 - a.f1).padStart(7)}`);
  }
}

await evaluate('arabic set', arabicSet(), chosen.filter((e) => e !== bareParse), timed);

const memoryPasses = Number(values.memory);
if (memoryPasses > 0) {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) console.log('\nmemory: run with node --expose-gc to measure');
  else {
    console.log(`\nkhabar heap after each of ${memoryPasses} passes over the dataset (MB, after GC):`);
    const used: string[] = [];
    for (let i = 0; i < memoryPasses; i++) {
      for (const p of dataset) khabar.run(p.html, p.url);
      gc();
      used.push((process.memoryUsage().heapUsed / 1e6).toFixed(1));
    }
    console.log(used.join('  '));
  }
}
