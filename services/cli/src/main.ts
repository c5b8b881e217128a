/**
 * `khabar <command> [args]`. Each command lives in its own module under commands/, loaded only
 * when called, and exports `run(argv): Promise<number>` returning the exit code.
 */
export interface Command {
  summary: string;
}

interface CommandModule {
  run: (argv: string[]) => Promise<number>;
}

// Loaded by name so a command's dependencies cost nothing to the others.
const load = (name: string): Promise<CommandModule> => import(`./commands/${name}.ts`) as Promise<CommandModule>;

export const COMMANDS: Record<string, Command> = {
  enqueue: { summary: 'enqueue URLs to fetch: khabar enqueue <url...> [--file urls.txt]' },
  search: { summary: 'search indexed articles: khabar search <text> [--entity Q7747] [--json]' },
  stats: { summary: 'queue and index statistics: khabar stats [--json]' },
  setup: { summary: 'create index templates, aliases and Dashboards objects (idempotent)' },
  extract: { summary: 'extract the article from a page: khabar extract <file.html|-> [--url <url>] [--json]' },
  entities: { summary: 'entities in a page or text: khabar entities <file.html|file.txt|-> [--json]' },
  catalog: { summary: 'check a user entity catalog before workers load it: khabar catalog check <file.json> [--json]' },
  reenrich: { summary: 're-tag indexed articles with the current entity catalog' },
  similar: { summary: 'near-duplicate similarity of two pages: khabar similar <a.html> <b.html>' },
  dedupe: { summary: 'near-duplicate index: khabar dedupe stats' },
  sources: { summary: 'feeds and sitemaps polled on a schedule: khabar sources add|list|remove' },
  import: { summary: 'import pages crawled elsewhere (WARC, .html directory, JSON Lines): khabar import <path>' },
  tail: { summary: 'follow indexed articles and copies live: khabar tail [--entity Q7747]' },
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
  let module: CommandModule;
  try {
    module = await load(name);
  } catch (error) {
    process.stderr.write(`khabar ${name}: not available in this build (${(error as Error).message})\n`);
    return 2;
  }
  try {
    return await module.run(rest);
  } catch (error) {
    const err = error as Error;
    if (err.name === 'UsageError' || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`khabar ${name}: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`khabar ${name}: ${err.name === 'ConfigError' ? '' : 'error: '}${err.message}\n`);
    if (process.env.LOG_LEVEL === 'debug') process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
