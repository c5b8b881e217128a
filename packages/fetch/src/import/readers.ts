import { createReadStream, statSync, type Stats } from 'node:fs';
import { open, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { WARCParser } from 'warcio';
import type { RawPage } from '@khabar/core';
import { decodeHtml } from '../charset.js';
import { isHtml } from '../fetch-page.js';

/**
 * Readers of pages crawled elsewhere: WARC/WARC.gz (warcio), a directory of .html files, JSON
 * Lines of {url, html, fetchedAt}. Each streams items one at a time (memory stays bounded by the
 * largest page) and says how far through its input it is.
 */

export type ImportItem =
  | { kind: 'page'; page: RawPage }
  | { kind: 'skipped'; reason: string; where: string; url?: string };

export interface ImportProgress {
  done: number;
  total: number;
  unit: 'bytes' | 'files';
}

export interface ImportReader {
  kind: ImportKind;
  items: AsyncIterable<ImportItem>;
  progress(): ImportProgress;
}

export type ImportKind = 'warc' | 'html-dir' | 'jsonl';

export interface ReaderOptions {
  /** Bodies larger than this are skipped as too-large. */
  maxBytes: number;
  /** For .html files that name no URL of their own: base URL their relative path is joined to. */
  baseUrl?: string;
}

export class ImportInputError extends Error {
  override name = 'ImportInputError';
}

/** Counts the raw bytes read from a file, for a progress bar over compressed input too. */
function countingStream(path: string, counter: { bytes: number }): Readable {
  const counting = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counter.bytes += chunk.length;
      done(null, chunk);
    },
  });
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  file.on('error', (error) => counting.destroy(error));
  return file.pipe(counting);
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function startsWithGzip(path: string): Promise<boolean> {
  const head = await readHead(path, 2);
  return head[0] === 0x1f && head[1] === 0x8b;
}

/** What a path holds, from its type, name, then first bytes. */
export async function detectImportKind(path: string): Promise<ImportKind> {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    throw new ImportInputError(`${path}: no such file or directory`);
  }
  if (stats.isDirectory()) return 'html-dir';
  const name = path.toLowerCase();
  if (/\.w?arc(\.gz)?$/.test(name)) return 'warc';
  if (/\.(jsonl|ndjson|json)(\.gz)?$/.test(name)) return 'jsonl';
  const bytes = await readHead(path, 16);
  const head = bytes.toString('latin1');
  if ((bytes[0] === 0x1f && bytes[1] === 0x8b) || head.startsWith('WARC/')) return 'warc';
  if (head.trimStart().startsWith('{')) return 'jsonl';
  throw new ImportInputError(`${path}: not a WARC file, a JSON Lines file or a directory of .html files`);
}

function headerRecord(headers: Headers | Map<string, string> | { entries(): IterableIterator<[string, string]> } | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [name, value] of headers.entries()) out[name.toLowerCase()] = value;
  return out;
}

const KEPT = ['content-type', 'content-language', 'last-modified', 'etag', 'date'];

export function readWarc(path: string, options: ReaderOptions): ImportReader {
  const counter = { bytes: 0 };
  const total = statSync(path).size;
  async function* items(): AsyncGenerator<ImportItem> {
    const parser = new WARCParser(countingStream(path, counter));
    let index = 0;
    for await (const record of parser) {
      index++;
      if (record.warcType !== 'response') continue;
      const url = record.warcTargetURI ?? undefined;
      const where = `${path} record ${index}`;
      if (!isHttpUrl(url)) {
        yield { kind: 'skipped', reason: 'no-http-url', where, ...(url ? { url } : {}) };
        continue;
      }
      const status = Number(record.httpHeaders?.statusCode ?? 0);
      const headers = headerRecord(record.httpHeaders?.headers as Headers | undefined);
      if (status < 200 || status >= 300) {
        yield { kind: 'skipped', reason: status >= 300 && status < 400 ? 'redirect' : 'http-error', where, url };
        continue;
      }
      if (!isHtml(headers['content-type'])) {
        yield { kind: 'skipped', reason: 'not-html', where, url };
        continue;
      }
      if (record.warcContentLength > options.maxBytes * 2) {
        yield { kind: 'skipped', reason: 'too-large', where, url };
        continue;
      }
      // isContent: undo the recorded transfer and content encodings (chunked, gzip).
      const body = await record.readFully(true);
      if (body.length > options.maxBytes) {
        yield { kind: 'skipped', reason: 'too-large', where, url };
        continue;
      }
      if (!isHtml(headers['content-type'], body.subarray(0, 512))) {
        yield { kind: 'skipped', reason: 'not-html', where, url };
        continue;
      }
      const decoded = decodeHtml(body, headers['content-type']);
      const kept: Record<string, string> = { 'x-khabar-charset': `${decoded.charset} (${decoded.source})` };
      for (const name of KEPT) if (headers[name]) kept[name] = headers[name]!;
      const date = record.warcDate ? new Date(record.warcDate) : new Date();
      yield {
        kind: 'page',
        page: { url, finalUrl: url, status, headers: kept, html: decoded.text, fetchedAt: date.toISOString(), origin: 'import' },
      };
    }
  }
  return { kind: 'warc', items: items(), progress: () => ({ done: Math.min(counter.bytes, total), total, unit: 'bytes' }) };
}

async function listHtmlFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (entry.isFile() && /\.x?html?$/i.test(entry.name)) found.push(join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name));
  }
  return found.sort();
}

/** The page's own URL: <link rel=canonical>, then og:url. */
function declaredUrl(html: string): string | undefined {
  const head = html.slice(0, 64 * 1024);
  for (const pattern of [
    /<link\b[^>]*\brel=["']?canonical["']?[^>]*\bhref=["']([^"']+)["']/i,
    /<link\b[^>]*\bhref=["']([^"']+)["'][^>]*\brel=["']?canonical["']?/i,
    /<meta\b[^>]*\bproperty=["']og:url["'][^>]*\bcontent=["']([^"']+)["']/i,
    /<meta\b[^>]*\bcontent=["']([^"']+)["'][^>]*\bproperty=["']og:url["']/i,
  ]) {
    const match = pattern.exec(head);
    if (match && isHttpUrl(match[1])) return match[1];
  }
  return undefined;
}

export function readHtmlDirectory(dir: string, options: ReaderOptions): ImportReader {
  let done = 0;
  let total = 0;
  async function* items(): AsyncGenerator<ImportItem> {
    const files = await listHtmlFiles(dir);
    total = files.length;
    for (const file of files) {
      const where = relative(dir, file);
      const stats = statSync(file);
      if (stats.size > options.maxBytes) {
        done++;
        yield { kind: 'skipped', reason: 'too-large', where };
        continue;
      }
      const bytes = await readFile(file);
      done++;
      const decoded = decodeHtml(bytes);
      const url = declaredUrl(decoded.text) ?? (options.baseUrl ? new URL(where.split('\\').join('/'), options.baseUrl).href : undefined);
      if (!url) {
        yield { kind: 'skipped', reason: 'no-url (give --base-url)', where };
        continue;
      }
      yield {
        kind: 'page',
        page: {
          url,
          finalUrl: url,
          status: 200,
          headers: { 'x-khabar-charset': `${decoded.charset} (${decoded.source})` },
          html: decoded.text,
          fetchedAt: stats.mtime.toISOString(),
          origin: 'import',
        },
      };
    }
  }
  return { kind: 'html-dir', items: items(), progress: () => ({ done, total, unit: 'files' }) };
}

export function readJsonLines(path: string, options: ReaderOptions): ImportReader {
  const counter = { bytes: 0 };
  const total = statSync(path).size;
  async function* items(): AsyncGenerator<ImportItem> {
    let source: Readable = countingStream(path, counter);
    if (await startsWithGzip(path)) source = source.pipe(createGunzip());
    const lines = createInterface({ input: source, crlfDelay: Infinity });
    let number = 0;
    for await (const line of lines) {
      number++;
      if (!line.trim()) continue;
      const where = `${path}:${number}`;
      if (line.length > options.maxBytes * 2) {
        yield { kind: 'skipped', reason: 'too-large', where };
        continue;
      }
      let row: { url?: unknown; html?: unknown; fetchedAt?: unknown; status?: unknown };
      try {
        row = JSON.parse(line) as typeof row;
      } catch {
        yield { kind: 'skipped', reason: 'invalid-json', where };
        continue;
      }
      if (!isHttpUrl(row.url)) {
        yield { kind: 'skipped', reason: 'no-http-url', where };
        continue;
      }
      if (typeof row.html !== 'string' || !row.html.trim()) {
        yield { kind: 'skipped', reason: 'no-html', where, url: row.url };
        continue;
      }
      if (Buffer.byteLength(row.html) > options.maxBytes) {
        yield { kind: 'skipped', reason: 'too-large', where, url: row.url };
        continue;
      }
      const fetchedAt = typeof row.fetchedAt === 'string' && !Number.isNaN(Date.parse(row.fetchedAt)) ? new Date(row.fetchedAt).toISOString() : new Date().toISOString();
      const status = typeof row.status === 'number' ? row.status : 200;
      yield { kind: 'page', page: { url: row.url, finalUrl: row.url, status, headers: {}, html: row.html, fetchedAt, origin: 'import' } };
    }
  }
  return { kind: 'jsonl', items: items(), progress: () => ({ done: Math.min(counter.bytes, total), total, unit: 'bytes' }) };
}

export async function openImport(path: string, options: ReaderOptions): Promise<ImportReader> {
  const kind = await detectImportKind(path);
  if (kind === 'warc') return readWarc(path, options);
  if (kind === 'jsonl') return readJsonLines(path, options);
  return readHtmlDirectory(path, options);
}
