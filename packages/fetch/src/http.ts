import { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { request, type Dispatcher } from 'undici';
import { RetryableError, type Outcome } from '@khabar/core';
import { assertLiteralHostAllowed, findBlockedAddress, type AllowList } from './address-guard.js';
import { parseRetryAfter } from './retry-after.js';

/**
 * One GET with the fetcher's rules: manual redirects (each hop re-checked by the SSRF guard and,
 * when given, robots.txt), a total deadline on top of the connect/headers/body timeouts, a body
 * size cap enforced while streaming (on decompressed bytes, so a gzip bomb stops early), and a
 * status policy: 4xx (but 408/429) are permanent, 5xx/429/timeouts/network errors are retryable.
 */

export interface HttpLimits {
  userAgent: string;
  /** Whole request, redirects and body included. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  allow: AllowList;
  dispatcher: Dispatcher;
  signal?: AbortSignal;
  /** Told of every response (status) or failed request (undefined), redirects included: for metrics. */
  observe?: (url: URL, status: number | undefined) => void;
}

/** Conditional-request validators remembered for a URL. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** Decides per hop whether a URL may be fetched (robots.txt); reason is shown when not. */
export type UrlGate = (url: URL) => Promise<{ allowed: true } | { allowed: false; reason: string }>;

export interface GetOptions {
  /** Accept header sent. */
  accept: string;
  /**
   * Whether a 2xx response is wanted (else `not-html`): asked with the Content-Type before the body
   * is read, and again with the first bytes when the server sent no Content-Type.
   */
  acceptType: (contentType: string | undefined, head?: Uint8Array) => boolean;
  validators?: Validators;
  gate?: UrlGate;
  /**
   * Called right before the first request to each host (the starting host and any a redirect leads
   * to): takes that host's politeness turn and returns its release, called when the fetch ends.
   * Taking the turn last keeps the gap between two requests to a host what the budget says.
   */
  enterHost?: HostTurn;
}

export type HostTurn = (url: URL) => Promise<() => Promise<void>>;

export interface HttpResponse {
  url: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Skipped {
  kind: 'skipped';
  outcome: Outcome;
  reason: string;
}

export type GetResult = { kind: 'response'; response: HttpResponse } | Skipped;

const skip = (outcome: Outcome, reason: string): Skipped => ({ kind: 'skipped', outcome, reason });

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * "deflate" means zlib-wrapped data (RFC 9110), but some servers send raw deflate: the first two
 * bytes tell them apart, so the inflater is chosen when the first chunk arrives.
 */
function inflateEither(): Transform {
  let inner: Transform | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!inner) {
        const zlibWrapped = chunk.length >= 2 && (chunk[0]! & 0x0f) === 8 && ((chunk[0]! << 8) | chunk[1]!) % 31 === 0;
        inner = zlibWrapped ? createInflate() : createInflateRaw();
        inner.on('data', (data: Buffer) => this.push(data));
        inner.on('error', (error) => this.destroy(error));
      }
      inner.write(chunk, () => done());
    },
    flush(done) {
      if (!inner) return done();
      inner.once('end', () => done());
      inner.end();
    },
  });
}

function decompressor(encoding: string | undefined) {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return inflateEither();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

/** Drops a body we will not read; undici reports the abort as an error nobody needs to hear. */
function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** Reads a body until its end or until it passes `maxBytes` (then destroys it and returns undefined). */
async function readCapped(body: Readable, encoding: string | undefined, maxBytes: number): Promise<Buffer | undefined> {
  const inflate = decompressor(encoding);
  let source: Readable = body;
  if (inflate) {
    body.on('error', (error) => inflate.destroy(error));
    source = body.pipe(inflate);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) return undefined;
      chunks.push(chunk as Buffer);
    }
  } finally {
    if (size > maxBytes || !body.readableEnded) {
      discard(body);
      if (inflate) discard(inflate);
    }
  }
  return Buffer.concat(chunks, size);
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504, 507, 520, 521, 522, 523, 524]);

function networkError(error: unknown, url: string): RetryableError {
  const code = (error as { code?: string }).code ?? (error as Error).name;
  const timeout = /TIMEOUT/i.test(code);
  const message = error instanceof Error ? error.message : String(error);
  return new RetryableError(`${timeout ? 'timed out' : 'network error'} fetching ${url}: ${code} ${message}`.trim(), timeout ? 'timeout' : 'network');
}

export async function httpGet(startUrl: string, limits: HttpLimits, options: GetOptions): Promise<GetResult> {
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  const signal = limits.signal ? AbortSignal.any([deadline, limits.signal]) : deadline;
  const releases: Array<() => Promise<void>> = [];
  try {
    return await follow(startUrl, limits, options, signal, deadline, releases);
  } finally {
    for (const release of releases) await release().catch(() => undefined);
  }
}

async function follow(
  startUrl: string,
  limits: HttpLimits,
  options: GetOptions,
  signal: AbortSignal,
  deadline: AbortSignal,
  releases: Array<() => Promise<void>>,
): Promise<GetResult> {
  let url = new URL(startUrl);
  const seen = new Set<string>();
  const entered = new Set<string>();
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return skip('blocked-address', `refusing ${url.href}: only http and https URLs are fetched`);
    }
    try {
      assertLiteralHostAllowed(url, limits.allow);
    } catch (error) {
      const blocked = findBlockedAddress(error);
      if (blocked) return skip('blocked-address', blocked.message);
      throw error;
    }
    if (options.gate) {
      const verdict = await options.gate(url);
      if (!verdict.allowed) return skip('robots-disallowed', verdict.reason);
    }
    if (options.enterHost && !entered.has(url.host)) {
      entered.add(url.host);
      releases.push(await options.enterHost(url));
    }
    seen.add(url.href);
    const headers: Record<string, string> = {
      'user-agent': limits.userAgent,
      accept: options.accept,
      'accept-encoding': 'gzip, deflate, br',
      'accept-language': 'ar, fr;q=0.9, en;q=0.8, *;q=0.5',
    };
    if (options.validators?.etag) headers['if-none-match'] = options.validators.etag;
    if (options.validators?.lastModified) headers['if-modified-since'] = options.validators.lastModified;

    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, { method: 'GET', headers, dispatcher: limits.dispatcher, signal });
    } catch (error) {
      const blocked = findBlockedAddress(error);
      if (blocked) return skip('blocked-address', blocked.message);
      limits.observe?.(url, undefined);
      if (limits.signal?.aborted) throw error;
      if (deadline.aborted) throw new RetryableError(`timed out after ${limits.timeoutMs} ms fetching ${url.href}`, 'timeout');
      throw networkError(error, url.href);
    }
    const status = response.statusCode;
    limits.observe?.(url, status);
    const responseHeaders = flatHeaders(response.headers);
    const location = responseHeaders.location;

    if (status >= 300 && status < 400 && status !== 304 && location) {
      await response.body.dump().catch(() => undefined);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        return skip('http-error', `HTTP ${status} with an unreadable Location ${JSON.stringify(location.slice(0, 200))}`);
      }
      next.hash = '';
      if (hop + 1 > limits.maxRedirects || seen.has(next.href)) {
        return skip('too-many-redirects', seen.has(next.href) ? `redirect loop at ${next.href}` : `more than ${limits.maxRedirects} redirects (last to ${next.href})`);
      }
      url = next;
      continue;
    }
    if (status === 304) {
      await response.body.dump().catch(() => undefined);
      return skip('not-modified', `HTTP 304: ${url.href} has not changed since the last fetch`);
    }
    if (status < 200 || status >= 300) {
      await response.body.dump().catch(() => undefined);
      if (RETRYABLE_STATUS.has(status)) {
        throw new RetryableError(`HTTP ${status} from ${url.href}`, `http-${status}`, parseRetryAfter(responseHeaders['retry-after']));
      }
      if (status >= 500) throw new RetryableError(`HTTP ${status} from ${url.href}`, `http-${status}`);
      return skip('http-error', `HTTP ${status} from ${url.href}`);
    }
    const contentType = responseHeaders['content-type'];
    if (contentType && !options.acceptType(contentType)) {
      discard(response.body);
      return skip('not-html', `content-type ${contentType} is not accepted (${url.href})`);
    }
    const declared = Number(responseHeaders['content-length']);
    if (Number.isFinite(declared) && declared > limits.maxBytes && !responseHeaders['content-encoding']) {
      discard(response.body);
      return skip('too-large', `body of ${declared} bytes is over the ${limits.maxBytes}-byte cap (${url.href})`);
    }
    let body: Buffer | undefined;
    try {
      body = await readCapped(response.body, responseHeaders['content-encoding'], limits.maxBytes);
    } catch (error) {
      if (limits.signal?.aborted) throw error;
      if (deadline.aborted) throw new RetryableError(`timed out after ${limits.timeoutMs} ms reading ${url.href}`, 'timeout');
      throw networkError(error, url.href);
    }
    if (!body) return skip('too-large', `body passed the ${limits.maxBytes}-byte cap while streaming (${url.href})`);
    if (!contentType && !options.acceptType(undefined, body.subarray(0, 512))) {
      return skip('not-html', `no content-type and the body does not look like HTML (${url.href})`);
    }
    return { kind: 'response', response: { url: startUrl, finalUrl: url.href, status, headers: responseHeaders, body } };
  }
}
