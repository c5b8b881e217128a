import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * SSRF guard: a URL given by a user must not make the fetcher talk to loopback, private,
 * link-local (cloud metadata at 169.254.169.254), multicast or otherwise reserved addresses.
 * The check runs on the address actually connected to (inside the dispatcher's DNS lookup), so a
 * hostname that resolves to 10.0.0.1, or a redirect to one, is refused too.
 */

/** Thrown (or passed to the socket) when a URL leads to an address the guard refuses. */
export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
  readonly code = 'EKHABAR_BLOCKED_ADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(`refusing to connect to ${host} (${address}): ${range} address`);
  }
}

/** Addresses and CIDR ranges the guard lets through although they are not public (tests: 127.0.0.1). */
export interface AllowList {
  hosts: Set<string>;
  ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>;
}

export function parseAllowList(entries: string[]): AllowList {
  const list: AllowList = { hosts: new Set(), ranges: [] };
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry.includes('/')) {
      try {
        list.ranges.push(ipaddr.parseCIDR(entry));
      } catch {
        throw new Error(`FETCH_ALLOW_HOSTS: ${JSON.stringify(raw)} is neither a host, an IP nor a CIDR range`);
      }
    } else if (ipaddr.isValid(entry)) {
      list.ranges.push([ipaddr.parse(entry), entry.includes(':') ? 128 : 32]);
    } else {
      list.hosts.add(entry);
    }
  }
  return list;
}

/** The range name when `address` is not a public unicast address, else undefined. */
export function nonPublicRange(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'unparseable';
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  return range === 'unicast' ? undefined : range;
}

function allowedByList(host: string, address: string, allow: AllowList): boolean {
  if (allow.hosts.has(host.toLowerCase())) return true;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return allow.ranges.some(([base, bits]) => base.kind() === ip.kind() && ip.match(base, bits));
}

/** Throws BlockedAddressError unless `address` is public or allow-listed. */
export function assertAddressAllowed(host: string, address: string, allow: AllowList): void {
  const range = nonPublicRange(address);
  if (range && !allowedByList(host, address, allow)) throw new BlockedAddressError(host, address, range);
}

/** Hostname without IPv6 brackets. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** Checks a URL's host when it is an IP literal (DNS lookup, hence the guarded lookup, is skipped for those). */
export function assertLiteralHostAllowed(url: URL, allow: AllowList): void {
  const host = bareHost(url.hostname);
  if (isIP(host)) assertAddressAllowed(host, host, allow);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type LookupFunction = (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback) => void;

/**
 * A `lookup` for net/tls.connect that resolves every address of the host and refuses the host when
 * any of them is blocked (a mixed answer is how DNS rebinding starts).
 */
export function guardedLookup(allow: AllowList, resolve: LookupFunction = dnsLookup as unknown as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, options.all ? [] : '', 0);
      const list = addresses as LookupAddress[];
      try {
        if (list.length === 0) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
        for (const entry of list) assertAddressAllowed(hostname, entry.address, allow);
      } catch (refusal) {
        return callback(refusal as NodeJS.ErrnoException, options.all ? [] : '', 0);
      }
      if (options.all) return callback(null, list);
      const first = list[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** Finds a BlockedAddressError anywhere in an error's cause chain (undici wraps connect errors). */
export function findBlockedAddress(error: unknown): BlockedAddressError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error && (current.name === 'BlockedAddressError' || (current as { code?: string }).code === 'EKHABAR_BLOCKED_ADDRESS')) {
      return current as BlockedAddressError;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
