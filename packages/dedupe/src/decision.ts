/** What the index decides for one copy of a page, and the shapes it decides on. */

export interface DedupeCandidate {
  /** OpenSearch id the article would get: stableId(canonicalUrl) from @khabar/core (32 hex chars). */
  docId: string;
  /** The page's own (final) URL. */
  url: string;
  canonicalUrl: string;
  title: string;
  /** Extracted body text (paragraphs joined by blank lines). */
  text: string;
  site?: string;
  /** ISO 8601. */
  publishedAt?: string;
  /** ISO 8601: when this copy was seen. */
  seenAt: string;
}

export type DuplicateReason = 'same-url' | 'same-text' | 'near-duplicate';

export type DedupeDecision =
  | { kind: 'original' }
  | { kind: 'duplicate'; originalId: string; reason: DuplicateReason; similarity: number };

const REASON_CODES: Record<string, DuplicateReason> = { u: 'same-url', t: 'same-text', n: 'near-duplicate' };

/** Reads the claim script's reply ({ kind, original id bytes, reason code, similarity*10000 }). */
export function decodeClaimReply(reply: unknown): DedupeDecision {
  if (!Array.isArray(reply) || reply.length !== 4) throw new Error(`unexpected reply from the dedupe claim script: ${String(reply)}`);
  const [kind, originalId, reasonCode, similarity] = reply as [Buffer, Buffer, Buffer, number];
  if (kind.toString() === 'o') return { kind: 'original' };
  const reason = REASON_CODES[reasonCode.toString()];
  if (!reason) throw new Error(`unknown duplicate reason code from the dedupe claim script: ${reasonCode.toString()}`);
  return { kind: 'duplicate', originalId: originalId.toString('hex'), reason, similarity: Number(similarity) / 10_000 };
}

/**
 * The decision rule in plain code (the claim script applies the same one inside Redis), for one
 * new copy against one earlier original: used by `khabar similar` and the unit tests.
 * The earlier one stays the original: first claimed wins (README, "Which copy is the original").
 */
export function decidePair(
  earlier: { docId: string; url: string; textHash: string; eligible: boolean },
  later: { docId: string; url: string; textHash: string; eligible: boolean },
  similarity: number,
  threshold: number,
): DedupeDecision {
  if (later.docId === earlier.docId) {
    return later.url === earlier.url ? { kind: 'original' } : { kind: 'duplicate', originalId: earlier.docId, reason: 'same-url', similarity: 1 };
  }
  if (!earlier.eligible || !later.eligible) return { kind: 'original' };
  if (later.textHash === earlier.textHash) return { kind: 'duplicate', originalId: earlier.docId, reason: 'same-text', similarity: 1 };
  if (similarity >= threshold) return { kind: 'duplicate', originalId: earlier.docId, reason: 'near-duplicate', similarity };
  return { kind: 'original' };
}
