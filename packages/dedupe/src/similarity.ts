/**
 * Offline comparison of two texts with the index's own fingerprints, for people tuning the
 * threshold (`khabar similar`) and for the benchmark.
 */
import { decidePair, type DedupeDecision } from './decision.js';
import { DEFAULT_THRESHOLD } from './dedupe-index.js';
import {
  DEFAULT_FINGERPRINT_OPTIONS,
  fingerprint,
  hammingDistance64,
  jaccard,
  sharedFraction,
  shingleHashes,
  simhash64,
  sketchSimilarity,
  type FingerprintOptions,
} from './fingerprint.js';
import { normalizedWords } from './normalize.js';

/** Exact Jaccard similarity of the word-shingle sets of two normalised texts (0..1). */
export function similarity(a: string, b: string, shingleSize = DEFAULT_FINGERPRINT_OPTIONS.shingleSize): number {
  return jaccard(shingleHashes(normalizedWords(a), shingleSize), shingleHashes(normalizedWords(b), shingleSize));
}

export interface TextComparison {
  /** Exact Jaccard similarity of the shingle sets. */
  jaccard: number;
  /** The index's estimate of it from the b-bit sketches (what the decision uses). */
  estimated: number;
  /** Share of the longer text's shingles found in the other. */
  shared: number;
  /** Index keys the two texts share (0 means the index would not even compare them). */
  sharedKeys: number;
  /** SimHash Hamming distance, for comparison. */
  simhashDistance: number;
  words: [number, number];
  /** What the index would decide for b, claimed after a under another URL. */
  decision: DedupeDecision;
}

export function compareTexts(
  a: string,
  b: string,
  options: { threshold?: number; fingerprint?: Partial<FingerprintOptions> } = {},
): TextComparison {
  const o = { ...DEFAULT_FINGERPRINT_OPTIONS, ...options.fingerprint };
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const fa = fingerprint(a, o);
  const fb = fingerprint(b, o);
  const ha = shingleHashes(normalizedWords(a), o.shingleSize);
  const hb = shingleHashes(normalizedWords(b), o.shingleSize);
  const keysA = new Set(fa.keys);
  const sharedKeys = fb.keys.filter((k) => keysA.has(k)).length;
  const estimated = fa.eligible && fb.eligible ? sketchSimilarity(fa.sketch, fb.sketch, o.sketchBits) : 0;
  // The index only compares texts that share an index key; mirror that here.
  const comparable = sharedKeys > 0 ? estimated : 0;
  const decision = decidePair(
    { docId: 'a', url: 'a', textHash: fa.textHash, eligible: fa.eligible },
    { docId: 'b', url: 'b', textHash: fb.textHash, eligible: fb.eligible },
    comparable,
    threshold,
  );
  return {
    jaccard: jaccard(ha, hb),
    estimated,
    shared: sharedFraction(ha, hb),
    sharedKeys,
    simhashDistance: hammingDistance64(simhash64(ha), simhash64(hb)),
    words: [fa.words, fb.words],
    decision: decision.kind === 'duplicate' ? { ...decision, originalId: 'a' } : decision,
  };
}
