/**
 * The duplicate index shared by every worker: one atomic claim per page copy in Redis decides
 * original or duplicate (commands/claimCopy-6.lua explains the storage).
 */
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { redisKey, stableId } from '@khabar/core';
import { decodeClaimReply, type DedupeCandidate, type DedupeDecision } from './decision.js';
import { DEFAULT_FINGERPRINT_OPTIONS, fingerprint, type Fingerprint, type FingerprintOptions } from './fingerprint.js';

export interface DedupeIndexOptions {
  /** Redis key prefix, e.g. "{khabar}" (a cluster hash tag: every key of a claim in one slot). */
  prefix: string;
  /** Days an original stays findable; memory is freed a quarter window later at most. @default 30 */
  retentionDays?: number;
  /** Estimated Jaccard similarity of word shingles from which a copy is a near-duplicate. @default 0.5 */
  threshold?: number;
  fingerprint?: Partial<FingerprintOptions>;
  /** Records per hash bucket before the table grows by one bucket (memory vs lookup work). @default 16 */
  bucketLoad?: number;
  /** Originals kept per index key; more would only be boilerplate sharing a phrase. @default 4 */
  keyCap?: number;
  /** Clock in ms, for tests of retention. @default Date.now */
  now?: () => number;
}

/** Generations per retention window; the claim script reads this many plus the partial one. */
const GENERATIONS_PER_WINDOW = 4;
/** A script from commands/, with the shared linear-hash helpers in front (bullmq's includes, by hand). */
function script(name: string): string {
  const read = (path: string) => readFileSync(new URL(`./commands/${path}`, import.meta.url), 'utf8');
  return `${read('includes/linearHash.lua')}\n${read(name)}`;
}
const CLAIM = 'khabarDedupeClaimCopy';
const RELEASE = 'khabarDedupeReleaseOriginal';
const CLAIM_LUA = script('claimCopy-6.lua');
const RELEASE_LUA = script('releaseOriginal-6.lua');

export const DEFAULT_THRESHOLD = 0.5;

export class InvalidCandidateError extends Error {
  override name = 'InvalidCandidateError';
}

type ScriptCommand = (...args: Array<string | Buffer | number>) => Promise<unknown>;

export class DedupeIndex {
  readonly retentionDays: number;
  readonly threshold: number;
  readonly fingerprintOptions: Readonly<FingerprintOptions>;
  private readonly generationSeconds: number;
  private readonly bucketLoad: number;
  private readonly keyCap: number;
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    private readonly options: DedupeIndexOptions,
  ) {
    if (!options.prefix) throw new RangeError('DedupeIndex: prefix is required (e.g. "{khabar}")');
    this.retentionDays = checked('retentionDays', options.retentionDays ?? 30, 1 / 24, 3650);
    this.threshold = checked('threshold', options.threshold ?? DEFAULT_THRESHOLD, 0.05, 1);
    this.bucketLoad = checked('bucketLoad', options.bucketLoad ?? 16, 1, 1000);
    this.keyCap = checked('keyCap', options.keyCap ?? 4, 1, 1000);
    this.fingerprintOptions = Object.freeze({ ...DEFAULT_FINGERPRINT_OPTIONS, ...options.fingerprint });
    if (![1, 2, 4, 8].includes(this.fingerprintOptions.sketchBits)) throw new RangeError('DedupeIndex: fingerprint.sketchBits must be 1, 2, 4 or 8');
    this.generationSeconds = Math.max(1, Math.round((this.retentionDays * 86_400) / GENERATIONS_PER_WINDOW));
    this.now = options.now ?? Date.now;
    redis.defineCommand(CLAIM, { numberOfKeys: 6, lua: CLAIM_LUA });
    redis.defineCommand(RELEASE, { numberOfKeys: 6, lua: RELEASE_LUA });
  }

  /**
   * Atomically decides whether this copy is an original or a duplicate and records it. Idempotent
   * per page URL: a retried job gets the decision its first attempt got.
   */
  async claim(candidate: DedupeCandidate): Promise<DedupeDecision> {
    return this.claimFingerprint(candidate, this.fingerprint(candidate.text));
  }

  /**
   * claim() for a caller that already fingerprinted the text with this index's options (the
   * scale benchmark, a worker that fingerprints off the event loop).
   */
  async claimFingerprint(candidate: Pick<DedupeCandidate, 'docId' | 'url'>, print: Fingerprint): Promise<DedupeDecision> {
    if (!/^[0-9a-f]{32}$/.test(candidate.docId)) {
      throw new InvalidCandidateError(`docId must be 32 lower-case hex chars (stableId of the canonical URL), got ${JSON.stringify(candidate.docId)}`);
    }
    if (!candidate.url) throw new InvalidCandidateError(`candidate ${candidate.docId} has no url`);
    const sketchBytes = (this.fingerprintOptions.sketchHashes * this.fingerprintOptions.sketchBits) / 8;
    if (print.eligible && print.sketch.length !== sketchBytes) {
      throw new InvalidCandidateError(`fingerprint sketch has ${print.sketch.length} bytes, this index uses ${sketchBytes}: fingerprint with index.fingerprint()`);
    }
    const sketch = print.eligible ? Buffer.from(print.sketch) : Buffer.alloc(sketchBytes);
    const keys = Buffer.alloc(print.keys.length * 4);
    print.keys.forEach((key, i) => keys.writeUInt32BE(key, i * 4));
    const command = (this.redis as unknown as Record<string, ScriptCommand>)[`${CLAIM}Buffer`]!;
    const reply = await command.call(
      this.redis,
      ...this.keysAt(this.now()),
      Buffer.from(candidate.docId, 'hex'),
      Buffer.from(stableId(candidate.url, 16), 'hex'),
      Buffer.from(print.textHash, 'hex'),
      sketch,
      keys,
      String(this.threshold),
      String(this.fingerprintOptions.sketchBits),
      String(this.expireAt(this.now())),
      String(this.bucketLoad),
      String(this.keyCap),
    );
    return decodeClaimReply(reply);
  }

  /**
   * Forgets the original this page URL claimed, when its article could not be indexed for good
   * (the job failed after its last attempt): the next copy of the story then becomes the original
   * instead of a copy of a document that does not exist. `text` must be the text it was claimed
   * with. Copies already recorded against it keep their decision. Returns false when this page URL
   * holds no original of this document.
   */
  async release(candidate: Pick<DedupeCandidate, 'docId' | 'url' | 'text'>): Promise<boolean> {
    if (!/^[0-9a-f]{32}$/.test(candidate.docId)) throw new InvalidCandidateError(`docId must be 32 lower-case hex chars, got ${JSON.stringify(candidate.docId)}`);
    const print = this.fingerprint(candidate.text);
    const keys = Buffer.alloc(print.keys.length * 4);
    print.keys.forEach((key, i) => keys.writeUInt32BE(key, i * 4));
    const command = (this.redis as unknown as Record<string, ScriptCommand>)[RELEASE]!;
    const released = await command.call(
      this.redis,
      ...this.keysAt(this.now()),
      Buffer.from(candidate.docId, 'hex'),
      Buffer.from(stableId(candidate.url, 16), 'hex'),
      keys,
      String(32 + (this.fingerprintOptions.sketchHashes * this.fingerprintOptions.sketchBits) / 8),
    );
    return released === 1;
  }

  fingerprint(text: string): Fingerprint {
    return fingerprint(text, this.fingerprintOptions);
  }

  /** Size of the index (live generations) and the decision counters since it was created. */
  async stats(): Promise<Record<string, number>> {
    const keys = this.keysAt(this.now()).slice(0, GENERATIONS_PER_WINDOW + 1);
    const batch = this.redis.pipeline();
    for (const key of keys) batch.hmget(key, 'dn', 'un', 'cn', 'dL', 'dp', 'uL', 'up', 'cL', 'cp');
    for (const key of keys) batch.memory('USAGE', key);
    batch.hgetall(this.statsKey());
    const results = (await batch.exec()) ?? [];
    const out: Record<string, number> = {
      retentionDays: this.retentionDays,
      threshold: this.threshold,
      generations: 0,
      originals: 0,
      copies: 0,
      indexEntries: 0,
      buckets: 0,
      memoryBytes: 0,
    };
    keys.forEach((_, i) => {
      const [error, value] = results[i] ?? [];
      if (error) throw error;
      const v = (value as Array<string | null>).map((x) => Number(x ?? 0));
      if (v[0]! + v[1]! + v[2]! === 0) return;
      out.generations! += 1;
      out.originals! += v[0]!;
      out.copies! += v[1]!;
      out.indexEntries! += v[2]!;
      out.buckets! += 2 ** v[3]! + v[4]! + 2 ** v[5]! + v[6]! + 2 ** v[7]! + v[8]!;
      out.memoryBytes! += Number(results[keys.length + i]?.[1] ?? 0);
    });
    const counters = (results[2 * keys.length]?.[1] ?? {}) as Record<string, string>;
    for (const [name, value] of Object.entries(counters)) out[`claims.${name}`] = Number(value);
    return out;
  }

  /** Newest generation first, then the older ones inside the window, then the counters. */
  private keysAt(nowMs: number): string[] {
    const current = Math.floor(nowMs / 1000 / this.generationSeconds);
    const keys: string[] = [];
    // The layout is in the name: another window or fingerprint shape starts a fresh index instead of
    // misreading records of another size or comparing incomparable sketches.
    const f = this.fingerprintOptions;
    const layout = `gen${this.generationSeconds}-${f.shingleSize}w${f.indexKeys}k${f.sketchHashes}x${f.sketchBits}`;
    for (let g = 0; g <= GENERATIONS_PER_WINDOW; g++) keys.push(redisKey(this.options.prefix, 'dedupe', layout, current - g));
    keys.push(this.statsKey());
    return keys;
  }

  /** A generation is kept one full retention window after it stops taking new originals. */
  private expireAt(nowMs: number): number {
    const current = Math.floor(nowMs / 1000 / this.generationSeconds);
    return (current + 1 + GENERATIONS_PER_WINDOW) * this.generationSeconds;
  }

  private statsKey(): string {
    return redisKey(this.options.prefix, 'dedupe', 'stats');
  }
}

function checked(name: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`DedupeIndex: ${name} must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}
