import { parseArgs } from 'node:util';
import { loadConfig } from '@khabar/core';
import { createSearchClient, searchArticles } from '@khabar/search';
import { printJson } from '../io.js';

const HELP = `usage: khabar search [text] [--entity Q7747]... [--lang ar] [--site s] [--from 2025-01-01] [--to ...]
                     [--sort relevance|newest|oldest] [--page N] [--size N] [--json]

Full-text search over indexed articles (Arabic, French and English analysed in their own
language; names also match as written). --entity narrows to articles mentioning that Wikidata id.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      entity: { type: 'string', multiple: true },
      lang: { type: 'string' },
      site: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      sort: { type: 'string' },
      page: { type: 'string' },
      size: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const sort = values.sort as 'relevance' | 'newest' | 'oldest' | undefined;
  if (sort && !['relevance', 'newest', 'oldest'].includes(sort)) {
    console.error(`--sort must be relevance, newest or oldest, not ${sort}`);
    return 2;
  }
  const config = loadConfig();
  const client = createSearchClient(config);
  try {
    const text = positionals.join(' ');
    const result = await searchArticles(client, config.INDEX_ALIAS, {
      ...(text ? { text } : {}),
      ...(values.entity ? { entity: values.entity } : {}),
      ...(values.lang ? { language: values.lang } : {}),
      ...(values.site ? { site: values.site } : {}),
      ...(values.from ? { from: values.from } : {}),
      ...(values.to ? { to: values.to } : {}),
      ...(sort ? { sort } : {}),
      ...(values.page ? { page: Number(values.page) } : {}),
      ...(values.size ? { size: Number(values.size) } : {}),
    });
    if (values.json) {
      printJson(result);
      return 0;
    }
    console.log(`${result.total} article${result.total === 1 ? '' : 's'}${result.total > result.hits.length ? ` (page ${result.page})` : ''}`);
    for (const hit of result.hits) {
      const date = hit.publishedAt ? hit.publishedAt.slice(0, 10) : '----------';
      const copies = hit.copyCount ? `  +${hit.copyCount} cop${hit.copyCount === 1 ? 'y' : 'ies'}` : '';
      console.log(`\n${date}  ${hit.title}${copies}\n  ${hit.url}`);
      if (hit.entities.length) console.log(`  ${hit.entities.map((e) => `${e.name} (${e.id}) ×${e.count}`).join(', ')}`);
      if (hit.snippet) console.log(`  ${hit.snippet}`);
    }
    return 0;
  } finally {
    await client.close();
  }
}
