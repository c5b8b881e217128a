/**
 * Near-duplicate detection quality: precision and recall on generated labelled pairs
 * (bench/dedupe-pairs.ts), for the index's MinHash rule at several thresholds and configurations,
 * against SimHash at several Hamming distances and against exact text matching (issue 2).
 * `npm run bench:dedupe [-- --seed 1]`. Pure CPU: no Redis needed (see bench/dedupe-scale.ts).
 */
import { parseArgs } from 'node:util';
import {
  DEFAULT_FINGERPRINT_OPTIONS,
  fingerprint,
  hammingDistance64,
  normalizedWords,
  sharedFraction,
  shingleHashes,
  simhash64,
  sketchSimilarity,
  type Fingerprint,
  type FingerprintOptions,
} from '@khabar/dedupe';
import { generatePairs, loadStories, type LabelledPair } from './dedupe-pairs.js';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' }, quick: { type: 'boolean' } } });

const t0 = Date.now();
const stories = loadStories();
const pairs = generatePairs(stories, Number(values.seed));
console.log(`# ${pairs.length} labelled pairs (${pairs.filter((p) => p.duplicate).length} duplicates) from ${stories.length} stories, generated in ${((Date.now() - t0) / 1000).toFixed(1)} s (seed ${values.seed})\n`);

/** "Share at least 80% of their text": word 3-shingles of normalised text, by the longer text. */
const shared = pairs.map((p) => sharedFraction(shingleHashes(normalizedWords(p.a.text), 3), shingleHashes(normalizedWords(p.b.text), 3)));
const inTarget = pairs.map((p, i) => p.duplicate && shared[i]! >= 0.8);

interface Scored {
  eligible: boolean;
  sameText: boolean;
  sharedKeys: number;
  estimate: number;
  simhash: number;
}

function score(options: FingerprintOptions): Scored[] {
  const cache = new Map<string, Fingerprint & { simhash: bigint }>();
  const print = (text: string) => {
    let f = cache.get(text);
    if (!f) {
      f = { ...fingerprint(text, options), simhash: simhash64(shingleHashes(normalizedWords(text), options.shingleSize)) };
      cache.set(text, f);
    }
    return f;
  };
  return pairs.map((p) => {
    const a = print(p.a.text);
    const b = print(p.b.text);
    const keys = new Set(a.keys);
    const eligible = a.eligible && b.eligible;
    return {
      eligible,
      sameText: eligible && a.textHash === b.textHash,
      sharedKeys: b.keys.filter((k) => keys.has(k)).length,
      estimate: eligible ? sketchSimilarity(a.sketch, b.sketch, options.sketchBits) : 0,
      simhash: hammingDistance64(a.simhash, b.simhash),
    };
  });
}

interface Quality {
  precision: number;
  recall: number;
  recall80: number;
  fp: number;
  fn80: number;
}

function quality(predicted: boolean[]): Quality {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  let target = 0;
  let found80 = 0;
  pairs.forEach((p, i) => {
    if (p.duplicate) positives++;
    if (predicted[i] && p.duplicate) tp++;
    if (predicted[i] && !p.duplicate) fp++;
    if (inTarget[i]) {
      target++;
      if (predicted[i]) found80++;
    }
  });
  return { precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp / positives, recall80: found80 / target, fp, fn80: target - found80 };
}

const minhashRule = (s: Scored[], threshold: number) => s.map((x) => x.sameText || (x.eligible && x.sharedKeys > 0 && x.estimate >= threshold));
const simhashRule = (s: Scored[], k: number) => s.map((x) => x.eligible && x.simhash <= k);
const exactRule = (s: Scored[]) => s.map((x) => x.sameText);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
const row = (cells: Array<string | number>, widths: number[]) => cells.map((c, i) => String(c).padStart(widths[i]!)).join('  ');

const defaults = { ...DEFAULT_FINGERPRINT_OPTIONS };
const base = score(defaults);
const THRESHOLD = 0.5;

// 1. Per category.
console.log('## By category (detected = called a duplicate; for negatives lower is better)\n');
const categories = [...new Set(pairs.map((p) => p.category))];
const cw = [30, 6, 7, 7, 9, 9, 9, 7];
console.log(row(['category', 'pairs', 'shared', '>=80%', 'MinHash', 'SimHash3', 'SimHash10', 'exact'], cw));
const minhashDefault = minhashRule(base, THRESHOLD);
const sim3 = simhashRule(base, 3);
const sim10 = simhashRule(base, 10);
const exact = exactRule(base);
for (const category of categories) {
  const idx = pairs.flatMap((p, i) => (p.category === category ? [i] : []));
  const rate = (pred: boolean[]) => pct(idx.filter((i) => pred[i]).length / idx.length);
  const sortedShared = idx.map((i) => shared[i]!).sort((a, b) => a - b);
  const label = `${pairs[idx[0]!]!.duplicate ? '+' : '-'} ${category}`;
  console.log(row([label, idx.length, pct(sortedShared[Math.floor(sortedShared.length / 2)]!), pct(idx.filter((i) => shared[i]! >= 0.8).length / idx.length), rate(minhashDefault), rate(sim3), rate(sim10), rate(exact)], cw));
}

// 2. MinHash threshold sweep.
console.log(`\n## MinHash + bottom-k index keys (shingles ${defaults.shingleSize}, ${defaults.indexKeys} keys, ${defaults.sketchHashes}x${defaults.sketchBits}-bit sketch): threshold sweep\n`);
const qw = [22, 10, 8, 14, 5, 8];
console.log(row(['rule', 'precision', 'recall', 'recall(>=80%)', 'FP', 'FN>=80%'], qw));
const printQuality = (name: string, q: Quality) => console.log(row([name, pct(q.precision), pct(q.recall), pct(q.recall80), q.fp, q.fn80], qw));
for (const t of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) printQuality(`MinHash >= ${t}${t === THRESHOLD ? ' *' : ''}`, quality(minhashRule(base, t)));
printQuality('exact text (issue 2)', quality(exact));

// 3. SimHash sweep, and what a threshold means for an index of unrelated articles.
console.log('\n## SimHash 64-bit (same shingles): Hamming distance sweep\n');
const originals = [...new Map(pairs.filter((p) => p.category === 'template-swap').map((p) => [p.story, p.a.text])).values()];
const unrelated = originals.map((t) => ({ ...fingerprint(t, defaults), simhash: simhash64(shingleHashes(normalizedWords(t), defaults.shingleSize)) })).filter((f) => f.eligible);
let unrelatedPairs = 0;
const within = new Map<number, number>();
let keyShared = 0;
let maxEstimate = 0;
const KS = [3, 6, 10, 14, 18, 22];
for (let i = 0; i < unrelated.length; i++) {
  for (let j = i + 1; j < unrelated.length; j++) {
    unrelatedPairs++;
    const d = hammingDistance64(unrelated[i]!.simhash, unrelated[j]!.simhash);
    for (const k of KS) if (d <= k) within.set(k, (within.get(k) ?? 0) + 1);
    const keys = new Set(unrelated[i]!.keys);
    if (unrelated[j]!.keys.some((k) => keys.has(k))) {
      keyShared++;
      maxEstimate = Math.max(maxEstimate, sketchSimilarity(unrelated[i]!.sketch, unrelated[j]!.sketch, defaults.sketchBits));
    }
  }
}
const sw = [22, 10, 8, 14, 5, 8, 26];
console.log(row(['rule', 'precision', 'recall', 'recall(>=80%)', 'FP', 'FN>=80%', 'unrelated pairs within k'], sw));
for (const k of KS) {
  const q = quality(simhashRule(base, k));
  console.log(row([`SimHash <= ${k}`, pct(q.precision), pct(q.recall), pct(q.recall80), q.fp, q.fn80, `${(((within.get(k) ?? 0) / unrelatedPairs) * 100).toFixed(3)}%`], sw));
}
console.log(
  `\n${unrelatedPairs} pairs of unrelated articles: ${keyShared} share a MinHash index key (${((keyShared / unrelatedPairs) * 100).toFixed(3)}%; highest estimate among them ${maxEstimate.toFixed(3)}).`,
);
console.log(
  `At 1M indexed articles a SimHash lookup at k=10 would meet ~${Math.round(((within.get(10) ?? 0) / unrelatedPairs) * 1e6)} unrelated articles within the distance, at k=18 ~${Math.round(((within.get(18) ?? 0) / unrelatedPairs) * 1e6)}.`,
);

// 4. MinHash configurations.
if (!values.quick) {
  console.log(`\n## MinHash configurations at threshold ${THRESHOLD}\n`);
  const fw = [34, 10, 8, 14, 5, 16, 22];
  console.log(row(['shingle / keys / sketch', 'precision', 'recall', 'recall(>=80%)', 'FP', 'positives no key', 'unrelated sharing key'], fw));
  const configs: Array<Partial<FingerprintOptions>> = [
    { shingleSize: 2 },
    { shingleSize: 3 },
    { shingleSize: 4 },
    { shingleSize: 5 },
    { indexKeys: 2 },
    { indexKeys: 4 },
    { indexKeys: 8 },
    { shingleSize: 3, indexKeys: 4 },
    { shingleSize: 5, indexKeys: 4 },
    { sketchHashes: 256, sketchBits: 1 },
    { sketchHashes: 64, sketchBits: 4 },
    { sketchHashes: 64, sketchBits: 2 },
  ];
  for (const config of configs) {
    const o = { ...defaults, ...config };
    const s = JSON.stringify(o) === JSON.stringify(defaults) ? base : score(o);
    const q = quality(minhashRule(s, THRESHOLD));
    const noKey = pairs.filter((p, i) => p.duplicate && s[i]!.eligible && !s[i]!.sameText && s[i]!.sharedKeys === 0).length;
    const name = `${o.shingleSize} / ${o.indexKeys} / ${o.sketchHashes}x${o.sketchBits}-bit (${(o.sketchHashes * o.sketchBits) / 8} B)`;
    const keySets = originals.map((t) => new Set(fingerprint(t, o).keys));
    let sharing = 0;
    let all = 0;
    for (let i = 0; i < keySets.length; i++) {
      for (let j = i + 1; j < keySets.length; j++) {
        all++;
        for (const k of keySets[j]!) {
          if (keySets[i]!.has(k)) {
            sharing++;
            break;
          }
        }
      }
    }
    console.log(row([name, pct(q.precision), pct(q.recall), pct(q.recall80), q.fp, noKey, `${((sharing / all) * 100).toFixed(3)}%`], fw));
  }
}

const chosen = quality(minhashDefault);
console.log(
  `\nchosen: MinHash >= ${THRESHOLD}: precision ${pct(chosen.precision).trim()}, recall ${pct(chosen.recall).trim()}, recall on pairs sharing >= 80% ${pct(chosen.recall80).trim()} ` +
    `(targets: precision >= 99%, recall(>=80%) >= 95%) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);
for (const language of ['ar', 'en'] as const) {
  const idx = pairs.flatMap((p, i) => (p.language === language ? [i] : []));
  const tp = idx.filter((i) => pairs[i]!.duplicate && minhashDefault[i]).length;
  const fp = idx.filter((i) => !pairs[i]!.duplicate && minhashDefault[i]).length;
  const target = idx.filter((i) => inTarget[i]);
  console.log(
    `  ${language}: ${idx.length} pairs (${idx.filter((i) => pairs[i]!.duplicate).length} duplicates): precision ${pct(tp + fp ? tp / (tp + fp) : 1).trim()}, ` +
      `recall ${pct(tp / idx.filter((i) => pairs[i]!.duplicate).length).trim()}, recall(>=80%) ${pct(target.filter((i) => minhashDefault[i]).length / target.length).trim()} of ${target.length}`,
  );
}
const misses = pairs.filter((p, i) => inTarget[i] && !minhashDefault[i]).slice(0, 5);
if (misses.length) console.log(`missed in target: ${misses.map((p) => p.id).join(', ')}`);
const wrong = pairs.filter((p, i) => !p.duplicate && minhashDefault[i]).slice(0, 5);
if (wrong.length) console.log(`false duplicates: ${wrong.map((p) => p.id).join(', ')}`);
export type { LabelledPair };
