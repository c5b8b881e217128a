/**
 * `khabar <command> [args]`. Each command lives in its own module under commands/, loaded only
 * when called, and exports `run(argv): Promise<number>` returning the exit code.
 */
export interface Command {
  summary: string;
  load: () => Promise<{ run: (argv: string[]) => Promise<number> }>;
}

export const COMMANDS: Record<string, Command> = {
  enqueue: { summary: 'enqueue URLs to fetch: khabar enqueue <url...> [--file urls.txt]', load: () => import('./commands/enqueue.js') },
  search: { summary: 'search indexed articles: khabar search <text> [--entity Q7747] [--json]', load: () => import('./commands/search.js') },
  stats: { summary: 'queue and index statistics: khabar stats [--json]', load: () => import('./commands/stats.js') },
  setup: { summary: 'create index templates, aliases and Dashboards objects (idempotent)', load: () => import('./commands/setup.js') },
  extract: { summary: 'extract the article from a page: khabar extract <file.html|-> [--url <url>] [--json]', load: () => import('./commands/extract.js') },
  entities: { summary: 'entities in a page or text: khabar entities <file.html|file.txt|-> [--json]', load: () => import('./commands/entities.js') },
  reenrich: { summary: 're-tag indexed articles with the current entity catalog', load: () => import('./commands/reenrich.js') },
  similar: { summary: 'near-duplicate similarity of two pages: khabar similar <a.html> <b.html>', load: () => import('./commands/similar.js') },
  dedupe: { summary: 'near-duplicate index: khabar dedupe stats', load: () => import('./commands/dedupe.js') },
  sources: { summary: 'feeds and sitemaps polled on a schedule: khabar sources add|list|remove', load: () => import('./commands/sources.js') },
  import: { summary: 'import pages crawled elsewhere (WARC, .html directory, JSON Lines): khabar import <path>', load: () => import('./commands/import.js') },
  tail: { summary: 'follow indexed articles and copies live: khabar tail [--entity Q7747]', load: () => import('./commands/tail.js') },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: khabar <command> [args]\n\ncommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`khabar: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  let module: Awaited<ReturnType<Command['load']>>;
  try {
    module = await command.load();
  } catch (error) {
    process.stderr.write(`khabar ${name}: not available in this build (${(error as Error).message})\n`);
    return 2;
  }
  try {
    return await module.run(rest);
  } catch (error) {
    const err = error as Error;
    process.stderr.write(`khabar ${name}: ${err.name === 'ConfigError' ? '' : 'error: '}${err.message}\n`);
    if (process.env.LOG_LEVEL === 'debug') process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
