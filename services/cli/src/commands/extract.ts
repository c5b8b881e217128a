import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { extractArticleOrThrow } from '@khabar/extract';
import type { Article } from '@khabar/core';
import { printJson, readPage, UsageError } from '../io.js';

const HELP = `usage: khabar extract <file.html|file.html.gz|-> [--url <url>] [--json]

Extracts the article from one saved page and prints it: title, date, authors, language, page type
and the body paragraphs. --url is the address the page was fetched from (it resolves the canonical
URL and serves as a date source); without it a file:// URL is used. --json prints the Article.`;

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
  const html = await readPage(path);
  // The throwing variant: someone checking a page by hand wants to see an extraction bug.
  const article = extractArticleOrThrow(html, url);
  if (values.json) printJson(article);
  else process.stdout.write(human(article));
  return 0;
}
