import type { Outcome, RawPage } from '@khabar/core';
import { decodeHtml } from './charset.js';
import { httpGet, type HostTurn, type HttpLimits, type UrlGate, type Validators } from './http.js';

/** Everything fetchPage needs; build it once per process with `createFetchOptions`. */
export interface FetchOptions extends HttpLimits {
  /** robots.txt check per hop; absent: not consulted (imports, tests of the HTTP rules). */
  robots?: UrlGate;
  /** Conditional GET memory; absent: every fetch is unconditional. */
  validators?: ValidatorStore;
  /** Politeness turn for each host, taken right before its first request; absent: no politeness. */
  enterHost?: HostTurn;
}

export interface ValidatorStore {
  get(url: string): Promise<Validators | undefined>;
  set(url: string, validators: Validators): Promise<void>;
}

export type FetchResult = { kind: 'page'; page: RawPage } | { kind: 'skipped'; outcome: Outcome; reason: string };

const HTML_TYPES = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i;
const HTML_START = /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b/i;

/** HTML only: by Content-Type, or by its first bytes when the server names no type. */
export function isHtml(contentType: string | undefined, head?: Uint8Array): boolean {
  if (contentType) return HTML_TYPES.test(contentType);
  if (!head) return true;
  return HTML_START.test(Buffer.from(head).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, ''));
}

/** Response headers worth keeping with the page (the processor reads language and dates). */
const KEPT_HEADERS = ['content-type', 'content-language', 'last-modified', 'etag', 'date', 'x-robots-tag', 'link'];

/**
 * Downloads one HTML page and decodes it to a string. Permanent outcomes (4xx, not HTML, too
 * large, robots, blocked address, redirect loop, 304) come back as `skipped`; transient problems
 * throw RetryableError so the queue retries with backoff.
 */
export async function fetchPage(url: string, options: FetchOptions): Promise<FetchResult> {
  const validators = await options.validators?.get(url);
  const result = await httpGet(url, options, {
    accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
    acceptType: isHtml,
    ...(validators ? { validators } : {}),
    ...(options.robots ? { gate: options.robots } : {}),
    ...(options.enterHost ? { enterHost: options.enterHost } : {}),
  });
  if (result.kind === 'skipped') return result;
  const { response } = result;
  const decoded = decodeHtml(response.body, response.headers['content-type']);
  const headers: Record<string, string> = { 'x-khabar-charset': `${decoded.charset} (${decoded.source})` };
  for (const name of KEPT_HEADERS) {
    const value = response.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  if (options.validators && (response.headers.etag || response.headers['last-modified'])) {
    await options.validators.set(url, {
      ...(response.headers.etag ? { etag: response.headers.etag } : {}),
      ...(response.headers['last-modified'] ? { lastModified: response.headers['last-modified'] } : {}),
    });
  }
  return {
    kind: 'page',
    page: {
      url,
      finalUrl: response.finalUrl,
      status: response.status,
      headers,
      html: decoded.text,
      fetchedAt: new Date().toISOString(),
      origin: 'fetch',
    },
  };
}
