/**
 * Content fingerprints of normalised article text (word shingles), in the three shapes the index
 * needs: an exact text hash, a few index keys that near-duplicates are very likely to share
 * (a bottom-k sample of the shingles), and a small b-bit MinHash sketch that estimates the Jaccard
 * similarity of two texts without keeping their shingles. SimHash is here too because the
 * benchmark compares it (see README.md for why MinHash won).
 */
import { stableId } from '@khabar/core';
import { fmix32, hash32, popcount32, seeds } from './hash32.js';
import { normalizedWords } from './normalize.js';

export interface FingerprintOptions {
  /** Words per shingle. @default 4 */
  shingleSize: number;
  /** Index keys per article (bottom-k sample of shingle hashes). @default 6 */
  indexKeys: number;
  /** MinHash permutations in the sketch. @default 128 */
  sketchHashes: number;
  /** Bits kept of each MinHash value (b-bit minwise hashing). @default 2 */
  sketchBits: 1 | 2 | 4 | 8;
  /** Texts with fewer normalised words take no part in text matching (boilerplate stubs). @default 20 */
  minWords: number;
}

export const DEFAULT_FINGERPRINT_OPTIONS: Readonly<FingerprintOptions> = Object.freeze({
  shingleSize: 4,
  indexKeys: 6,
  sketchHashes: 128,
  sketchBits: 2,
  minWords: 20,
});

const SHINGLE_SEED = 0x6b686272; // "khbr"
const KEY_SALT = 0x9e3779b9;
const SIMHASH_SALT = 0x7f4a7c15;
const PERMUTATION_SEEDS = seeds(256, 0x5eed5eed);

export interface Fingerprint {
  /** Normalised word count. */
  words: number;
  /** False when the text is too short to be matched on content (see minWords). */
  eligible: boolean;
  /** 64-bit hash of the normalised text, 16 hex chars; equal texts, equal hashes. */
  textHash: string;
  /** Distinct 32-bit index keys (empty when not eligible). */
  keys: number[];
  /** b-bit MinHash sketch, sketchHashes * sketchBits / 8 bytes (empty when not eligible). */
  sketch: Uint8Array;
}

/**
 * Distinct 32-bit hashes of the word shingles, sorted; a text shorter than one shingle is one
 * shingle. Each word is hashed once and a shingle's hash mixes its words' hashes in order, which
 * avoids building a string per shingle.
 */
export function shingleHashes(words: readonly string[], size: number): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  const span = Math.min(size, words.length);
  const wordHashes = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) wordHashes[i] = hash32(words[i]!, SHINGLE_SEED);
  const out = new Uint32Array(words.length - span + 1);
  for (let i = 0; i < out.length; i++) {
    let h = SHINGLE_SEED ^ span;
    for (let j = 0; j < span; j++) h = Math.imul((h ^ wordHashes[i + j]!) >>> 0, 0x01000193) + 0x9e3779b9;
    out[i] = fmix32(h);
  }
  out.sort();
  let distinct = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[distinct++] = out[i]!;
  return out.slice(0, distinct);
}

export function minhashSignature(hashes: Uint32Array, count: number): Uint32Array {
  if (count > PERMUTATION_SEEDS.length) throw new RangeError(`at most ${PERMUTATION_SEEDS.length} MinHash permutations`);
  const signature = new Uint32Array(count);
  const n = hashes.length;
  for (let j = 0; j < count; j++) {
    const seed = PERMUTATION_SEEDS[j]!;
    let min = 0xffffffff;
    for (let i = 0; i < n; i++) {
      // fmix32(hash ^ seed), inlined: this loop is most of the fingerprint's time.
      let h = hashes[i]! ^ seed;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      h >>>= 0;
      if (h < min) min = h;
    }
    signature[j] = min;
  }
  return signature;
}

/** Lowest `bits` bits of each MinHash value, packed little-end first. */
export function bbitSketch(signature: Uint32Array, bits: FingerprintOptions['sketchBits']): Uint8Array {
  const perByte = 8 / bits;
  const out = new Uint8Array(Math.ceil(signature.length / perByte));
  const mask = (1 << bits) - 1;
  for (let i = 0; i < signature.length; i++) {
    out[Math.floor(i / perByte)]! |= (signature[i]! & mask) << ((i % perByte) * bits);
  }
  return out;
}

/**
 * Jaccard similarity estimated from two b-bit sketches (Li & König 2010): b-bit values also match
 * by chance with probability 2^-b, which the estimate removes. Same formula as the Lua script.
 */
export function sketchSimilarity(a: Uint8Array, b: Uint8Array, bits: FingerprintOptions['sketchBits']): number {
  if (a.length !== b.length || a.length === 0) return 0;
  const perByte = 8 / bits;
  const mask = (1 << bits) - 1;
  let equal = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]! ^ b[i]!;
    for (let g = 0; g < perByte; g++) if (((x >> (g * bits)) & mask) === 0) equal++;
  }
  const chance = 1 / (1 << bits);
  const p = equal / (a.length * perByte);
  return Math.max(0, Math.min(1, (p - chance) / (1 - chance)));
}

/**
 * The k smallest shingle hashes, remapped so keys spread evenly over 32 bits. Two texts that share
 * most shingles share some of their k smallest with high probability (README: recall per k).
 */
export function indexKeys(hashes: Uint32Array, k: number): number[] {
  // `hashes` is sorted ascending by shingleHashes.
  const keys = new Set<number>();
  for (let i = 0; i < hashes.length && keys.size < k; i++) keys.add(fmix32(hashes[i]! ^ KEY_SALT));
  return [...keys];
}

/** 64-bit SimHash (Charikar; Manku et al. 2007) over the shingles, equal weights. */
export function simhash64(hashes: Uint32Array): bigint {
  const counts = new Int32Array(64);
  for (let i = 0; i < hashes.length; i++) {
    const lo = hashes[i]!;
    const hi = fmix32(lo ^ SIMHASH_SALT);
    for (let b = 0; b < 32; b++) {
      counts[b]! += (lo >>> b) & 1 ? 1 : -1;
      counts[b + 32]! += (hi >>> b) & 1 ? 1 : -1;
    }
  }
  let out = 0n;
  for (let b = 63; b >= 0; b--) out = (out << 1n) | (counts[b]! > 0 ? 1n : 0n);
  return out;
}

export function hammingDistance64(a: bigint, b: bigint): number {
  const x = a ^ b;
  return popcount32(Number(x & 0xffffffffn)) + popcount32(Number((x >> 32n) & 0xffffffffn));
}

/** Exact Jaccard similarity of two sorted distinct hash sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  const shared = intersectionSize(a, b);
  return shared / (a.length + b.length - shared);
}

/** Share of the larger text's shingles that the other text also has: "how much text they share". */
export function sharedFraction(a: Uint32Array, b: Uint32Array): number {
  const larger = Math.max(a.length, b.length);
  return larger === 0 ? 1 : intersectionSize(a, b) / larger;
}

function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! === b[j]!) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return shared;
}

export function fingerprint(text: string, options: Partial<FingerprintOptions> = {}): Fingerprint {
  const o = { ...DEFAULT_FINGERPRINT_OPTIONS, ...options };
  const words = normalizedWords(text);
  const textHash = stableId(words.join(' '), 16);
  const eligible = words.length >= o.minWords;
  if (!eligible) return { words: words.length, eligible, textHash, keys: [], sketch: new Uint8Array(0) };
  const hashes = shingleHashes(words, o.shingleSize);
  return {
    words: words.length,
    eligible,
    textHash,
    keys: indexKeys(hashes, o.indexKeys),
    sketch: bbitSketch(minhashSignature(hashes, o.sketchHashes), o.sketchBits),
  };
}
