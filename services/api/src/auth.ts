import { createHash, timingSafeEqual } from 'node:crypto';
import { listSetting, type Config } from '@khabar/core';

/**
 * API keys: write keys may do everything, read keys may only read. A key arrives as
 * `Authorization: Bearer <key>` or, for browsers opening the queue board, as the password of
 * HTTP Basic auth (any user name).
 */
export type Access = 'public' | 'read' | 'write';
export type Grant = 'write' | 'read' | 'none';

export interface KeyRing {
  /** False when no key at all is configured: the API is open (development only). */
  enabled: boolean;
  grantFor(presented: string | undefined): Grant;
}

// Comparing digests keeps the comparison constant-time whatever the key lengths.
const digest = (key: string) => createHash('sha256').update(key).digest();

export function createKeyRing(config: Pick<Config, 'API_KEYS' | 'API_READ_KEYS'>): KeyRing {
  const write = listSetting(config.API_KEYS).map(digest);
  const read = listSetting(config.API_READ_KEYS).map(digest);
  const enabled = write.length + read.length > 0;
  const has = (keys: Buffer[], candidate: Buffer) => keys.reduce((found, key) => timingSafeEqual(key, candidate) || found, false);
  return {
    enabled,
    grantFor(presented) {
      if (!enabled) return 'write';
      if (!presented) return 'none';
      const candidate = digest(presented);
      if (has(write, candidate)) return 'write';
      if (has(read, candidate)) return 'read';
      return 'none';
    },
  };
}

/** The key in an Authorization header (Bearer token, or Basic password), if any. */
export function presentedKey(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!scheme || !value) return undefined;
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return undefined;
}

/** Whether a grant allows an access level; `null` means allowed, otherwise the HTTP status to answer. */
export function refusal(access: Access, grant: Grant): 401 | 403 | null {
  if (access === 'public') return null;
  if (grant === 'none') return 401;
  if (access === 'write' && grant !== 'write') return 403;
  return null;
}
