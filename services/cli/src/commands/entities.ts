import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import type { EntityMention } from '@khabar/core';
import { createEnricher, guessLanguage, matchedText, type EnrichInput, type Mention } from '@khabar/entities';
import { printJson, readPage, UsageError } from '../io.js';

const HELP = `usage: khabar entities <file.html|file.txt|-> [--url <url>] [--language ar|fr|en] [--json]

Prints the catalog entities an article mentions: id, name, type, count, whether the title names
them, the first position and the spellings found. HTML (by extension or content) goes through the
article extractor first, so only the extracted title and body are matched, never navigation or
related links. In a text file the first line is the title and the rest the body. Positions are
offsets into "title, blank line, body", as stored in the index. --json prints the enrichment,
every mention and the catalog version.

The default catalog is packages/entities/catalog/entities.json; ENTITIES_USER_CATALOG names a
second file of your own entities.`;

function looksLikeHtml(path: string, content: string): boolean {
  const ext = extname(path.replace(/\.gz$/, '')).toLowerCase();
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return true;
  if (ext === '.txt') return false;
  return /^\s*(<!doctype html|<html|<head|<body)/i.test(content.slice(0, 2048));
}

async function articleFrom(path: string, content: string, url: string | undefined): Promise<EnrichInput & { source: string }> {
  if (looksLikeHtml(path, content)) {
    const { extractArticle } = await import('@khabar/extract');
    const pageUrl = url ?? (path === '-' ? 'file:///stdin' : `file:///${encodeURIComponent(basename(path))}`);
    const article = extractArticle(content, pageUrl);
    return { title: article.title, text: article.text, language: article.language, source: 'html' };
  }
  const text = content.replace(/\r\n?/g, '\n');
  const newline = text.indexOf('\n');
  const title = (newline < 0 ? text : text.slice(0, newline)).trim();
  const body = newline < 0 ? '' : text.slice(newline + 1).trim();
  return { title, text: body, source: 'text' };
}

function table(entities: EntityMention[], mentions: Mention[]): string {
  if (entities.length === 0) return 'no catalog entities found\n';
  const spellings = new Map<string, Set<string>>();
  for (const m of mentions) {
    const set = spellings.get(m.id) ?? new Set();
    set.add(m.surface);
    spellings.set(m.id, set);
  }
  const rows = entities.map((e) => [e.id, e.name, e.type, String(e.count), e.inTitle ? 'yes' : '', String(e.firstPosition), [...(spellings.get(e.id) ?? [])].join(', ')]);
  const header = ['id', 'name', 'type', 'count', 'title', 'first', 'spellings'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      language: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one file (or - for standard input)\n\n${HELP}`);
  if (values.url !== undefined && !URL.canParse(values.url)) throw new UsageError(`--url is not an absolute URL: ${values.url}`);
  if (values.language !== undefined && !/^[a-z]{2}$/i.test(values.language)) throw new UsageError(`--language must be a two-letter code such as ar, fr or en: ${values.language}`);
  const path = positionals[0]!;

  const article = await articleFrom(path, await readPage(path), values.url);
  const language = values.language?.toLowerCase() ?? article.language ?? guessLanguage(matchedText(article));
  const enricher = createEnricher({ reloadIntervalMs: Number.POSITIVE_INFINITY });
  try {
    const input = { title: article.title, text: article.text, language };
    const enrichment = enricher.enrich(input);
    const mentions = enricher.matcher.findMentions(matchedText(input));
    if (values.json) {
      printJson({ title: article.title, language, source: article.source, catalogVersion: enricher.catalogVersion, ...enrichment, mentions });
    } else {
      process.stdout.write(`title     ${article.title || '(none)'}\nlanguage  ${language}\ncatalog   ${enricher.catalogVersion}\n\n`);
      process.stdout.write(table(enrichment.entities, mentions));
      if (enrichment.pairs.length > 0) process.stdout.write(`\n${enrichment.pairs.length} co-mentioned pairs\n`);
    }
  } finally {
    enricher.close();
  }
  return 0;
}
