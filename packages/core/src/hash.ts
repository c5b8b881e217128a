import { createHash } from 'node:crypto';

/** Stable hex id for a string (URL, body text); 32 hex chars = 128 bits, plenty for ids. */
export function stableId(text: string, length = 32): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
