import { parseArgs } from 'node:util';
import { createRedis, loadConfig } from '@khabar/core';
import { addSource, formatEvery, listSources, pollSourceNow, removeSource, type SourceRecord, type SourcesDeps } from '@khabar/fetch';
import { printJson } from '../io.js';

const HELP = `usage: khabar sources add <feed-or-sitemap-url> [--every 15m] [--json]
       khabar sources list [--json]
       khabar sources remove <id|url> [--json]
       khabar sources poll <id> [--json]

Feeds (RSS, Atom, JSON Feed), XML sitemaps, sitemap indexes, Google News sitemaps, or a site's
robots.txt (for the sitemaps it lists), polled by the fetcher every --every (30s, 15m, 1h, 1d;
default 15m). Each new article URL is enqueued once. "poll" polls a source now, off schedule.`;

function ago(iso: string | undefined): string {
  if (!iso) return '-';
  const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (seconds < 0) return `in ${Math.round(-seconds / 60)}m`;
  if (seconds < 120) return `${seconds}s ago`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m ago`;
  return `${Math.round(seconds / 3600)}h ago`;
}

function table(sources: SourceRecord[]): string {
  if (sources.length === 0) return 'no sources: add one with `khabar sources add <url> --every 15m`';
  const rows = sources.map((s) => [
    s.id,
    formatEvery(s.everyMs),
    ago(s.lastPollAt),
    !s.nextPollAt ? '-' : Date.parse(s.nextPollAt) <= Date.now() ? 'due' : ago(s.nextPollAt),
    s.lastStatus ?? 'pending',
    s.lastFound === undefined ? '-' : `${s.lastFound}/${s.lastNew}`,
    String(s.totalNew),
    String(s.errors),
    s.url,
  ]);
  const header = ['ID', 'EVERY', 'LAST POLL', 'NEXT', 'STATUS', 'FOUND/NEW', 'TOTAL NEW', 'ERRORS', 'URL'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const errors = sources.filter((s) => s.lastError).map((s) => `  ${s.id}: ${s.lastError}`);
  return [line(header), ...rows.map(line), ...(errors.length ? ['', 'last errors:', ...errors] : [])].join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { every: { type: 'string', default: '15m' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  const [action, target] = positionals;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!action || !['add', 'list', 'remove', 'poll'].includes(action) || (action !== 'list' && !target)) {
    console.error(HELP);
    return 2;
  }
  const config = loadConfig();
  const connection = createRedis(config, 'producer');
  const deps: SourcesDeps = { config, connection };
  try {
    switch (action) {
      case 'add': {
        let source;
        try {
          source = await addSource(deps, { url: target!, every: values.every! });
        } catch (error) {
          if ((error as Error).name !== 'SourceInputError') throw error;
          console.error(`khabar sources add: ${(error as Error).message}`);
          return 2;
        }
        if (values.json) printJson(source);
        else console.log(`${source.created ? 'added' : 'updated'} ${source.id}: ${source.url} every ${formatEvery(source.everyMs)} (the fetcher polls it now, then on schedule)`);
        return 0;
      }
      case 'list': {
        const sources = await listSources(deps);
        if (values.json) printJson(sources);
        else console.log(table(sources));
        return 0;
      }
      case 'remove': {
        const removed = await removeSource(deps, target!);
        if (values.json) printJson({ id: target, removed });
        else console.log(removed ? `removed ${target}` : `no source ${target}`);
        return removed ? 0 : 1;
      }
      default: {
        const queued = await pollSourceNow(deps, target!);
        if (values.json) printJson({ id: target, queued });
        else console.log(queued ? `poll of ${target} queued` : `no source ${target}`);
        return queued ? 0 : 1;
      }
    }
  } finally {
    connection.disconnect();
  }
}
