import { Agent, type Dispatcher } from 'undici';
import { guardedLookup, type AllowList, type LookupFunction } from './address-guard.js';

export interface DispatcherLimits {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  allow: AllowList;
  /** DNS resolver behind the guard; tests give one that maps names to chosen addresses. */
  resolve?: LookupFunction;
}

/**
 * One connection pool per process whose every socket is opened through the SSRF guard's lookup:
 * the address checked is the address connected to, with no gap for DNS rebinding.
 */
export function createGuardedDispatcher(limits: DispatcherLimits): Dispatcher {
  return new Agent({
    connect: { timeout: limits.connectTimeoutMs, lookup: guardedLookup(limits.allow, limits.resolve) as never },
    headersTimeout: limits.headersTimeoutMs,
    bodyTimeout: limits.bodyTimeoutMs,
    keepAliveTimeout: 4_000,
    connections: 8,
    maxRedirections: 0,
  });
}
