import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { extractArticleOrThrow } from '@khabar/extract';
import type { Article } from '@khabar/core';
import { printJson, UsageError } from '../io.js';

const HELP = `usage: khabar extract <file.html|file.html.gz|-> [--url <url>] [--json]

Extracts the article from one saved page and prints it: title, date, authors, language, page type
and the body paragraphs. --url is the address the page was fetched from (it resolves the canonical
URL and serves as a date source); without it a file:// URL is used. --json prints the Article.`;

async function readBytes(path: string): Promise<Buffer> {
  if (path !== '-') {
    try {
      return readFileSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}`);
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Saved pages keep their original charset (windows-1256 is common on Arabic sites). */
function decode(bytes: Buffer): string {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  const head = raw.subarray(0, 4096).toString('latin1');
  const charset = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    try {
      return new TextDecoder(charset).decode(raw);
    } catch {
      /* unknown label: fall through to UTF-8, which is what most pages are */
    }
  }
  return new TextDecoder('utf-8').decode(raw);
}

function human(a: Article): string {
  const facts: [string, string | undefined][] = [
    ['title', a.title],
    ['page type', a.pageType],
    ['published', a.publishedAt],
    ['modified', a.modifiedAt],
    ['authors', a.authors.join(', ') || undefined],
    ['site', a.siteName],
    ['language', a.language],
    ['canonical', a.canonicalUrl],
    ['image', a.image],
    ['section', a.section],
    ['tags', a.tags.join(', ') || undefined],
    ['lead', a.lead],
  ];
  const width = Math.max(...facts.map(([k]) => k.length));
  const head = facts.filter(([, v]) => v).map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  const words = a.text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return `${head.join('\n')}\n\n--- body: ${a.paragraphs.length} paragraphs, ${words} words ---\n\n${a.text}\n`;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { url: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one file (or - for standard input)\n\n${HELP}`);
  const path = positionals[0]!;
  if (values.url !== undefined && !URL.canParse(values.url)) throw new UsageError(`--url is not an absolute URL: ${values.url}`);
  const url = values.url ?? (path === '-' ? 'file:///stdin' : `file:///${encodeURIComponent(basename(path))}`);
  const html = decode(await readBytes(path));
  // The throwing variant: someone checking a page by hand wants to see an extraction bug.
  const article = extractArticleOrThrow(html, url);
  if (values.json) printJson(article);
  else process.stdout.write(human(article));
  return 0;
}
