export * from './url.js';
export { normalizeText, normalizedWords } from './normalize.js';
export {
  fingerprint,
  shingleHashes,
  minhashSignature,
  bbitSketch,
  sketchSimilarity,
  indexKeys,
  simhash64,
  hammingDistance64,
  jaccard,
  sharedFraction,
  DEFAULT_FINGERPRINT_OPTIONS,
  type Fingerprint,
  type FingerprintOptions,
} from './fingerprint.js';
export { type DedupeCandidate, type DedupeDecision, type DuplicateReason, decidePair } from './decision.js';
export { DedupeIndex, DEFAULT_THRESHOLD, InvalidCandidateError, type DedupeIndexOptions } from './dedupe-index.js';
export { similarity, compareTexts, type TextComparison } from './similarity.js';
