import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createRedis, loadConfig } from '@khabar/core';
import { fetchSettings, importPages, openImport, producerSink, type ImportSummary } from '@khabar/fetch';
import { Producers } from '@khabar/queues';
import { printJson } from '../io.js';

const HELP = `usage: khabar import <path...> [--base-url <url>] [--max-waiting N] [--json]

Puts pages crawled elsewhere straight on the pages queue (no fetching):
  - WARC or WARC.gz files (e.g. Common Crawl CC-NEWS): HTML responses with status 2xx;
  - a directory of .html files: each page's URL comes from its <link rel=canonical> or og:url,
    else from --base-url joined with the file's relative path;
  - JSON Lines (.jsonl, .jsonl.gz) of {"url", "html", "fetchedAt"}.
Pauses while the pages queue holds more than --max-waiting jobs (default IMPORT_MAX_WAITING),
so any input size runs in bounded memory. Prints what was taken and what was skipped, and why.`;

function describe(path: string, s: ImportSummary): string {
  const lines = [
    `${path} (${s.kind}): ${s.pages} pages read, ${s.taken} queued, ${s.alreadyQueued} already queued, ${s.skipped} skipped in ${(s.ms / 1000).toFixed(1)} s` +
      (s.pauses ? ` (paused ${s.pauses}x for the processor)` : ''),
  ];
  for (const [reason, count] of Object.entries(s.skippedBy).sort((a, b) => b[1] - a[1])) lines.push(`  skipped ${reason}: ${count}`);
  for (const example of s.examples.slice(0, 5)) lines.push(`    e.g. ${example.where}${example.url ? ` ${example.url}` : ''}: ${example.reason}`);
  return lines.join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'base-url': { type: 'string' },
      'max-waiting': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length === 0) {
    console.error(HELP);
    return 2;
  }
  const maxWaiting = values['max-waiting'] === undefined ? undefined : Number(values['max-waiting']);
  if (maxWaiting !== undefined && (!Number.isInteger(maxWaiting) || maxWaiting < 1)) {
    console.error(`khabar import: --max-waiting must be a positive integer, not ${JSON.stringify(values['max-waiting'])}`);
    return 2;
  }
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined && !/^https?:\/\//i.test(baseUrl)) {
    console.error(`khabar import: --base-url must be an http(s) URL, not ${JSON.stringify(baseUrl)}`);
    return 2;
  }
  const config = loadConfig();
  const settings = fetchSettings();
  const connection = createRedis(config, 'producer');
  const producers = new Producers(config, connection);
  const sink = producerSink(producers);
  const summaries: Array<ImportSummary & { path: string }> = [];
  const showBar = !values.json && process.stderr.isTTY === true;
  try {
    for (const path of positionals) {
      let reader;
      try {
        reader = await openImport(path, { maxBytes: config.FETCH_MAX_BYTES, ...(baseUrl ? { baseUrl } : {}) });
      } catch (error) {
        if ((error as Error).name !== 'ImportInputError') throw error;
        console.error(`khabar import: ${(error as Error).message}`);
        return 2;
      }
      const bar = showBar
        ? new cliProgress.SingleBar(
            { format: `${path} |{bar}| {percentage}% | {pages} pages, {taken} queued, {skipped} skipped`, stream: process.stderr, hideCursor: true },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
      bar?.start(1, 0, { pages: 0, taken: 0, skipped: 0 });
      let lastDraw = 0;
      const summary = await importPages(reader, sink, {
        maxWaiting: maxWaiting ?? settings.IMPORT_MAX_WAITING,
        onItem: (s) => {
          const now = Date.now();
          if (!bar || now - lastDraw < 100) return;
          lastDraw = now;
          const { done, total } = reader.progress();
          bar.setTotal(Math.max(total, 1));
          bar.update(done, { pages: s.pages, taken: s.taken, skipped: s.skipped });
        },
      });
      if (bar) {
        const { total } = reader.progress();
        bar.setTotal(Math.max(total, 1));
        bar.update(Math.max(total, 1), { pages: summary.pages, taken: summary.taken, skipped: summary.skipped });
        bar.stop();
      }
      summaries.push({ path, ...summary });
      if (!values.json) console.log(describe(path, summary));
    }
    if (values.json) printJson(positionals.length === 1 ? summaries[0] : summaries);
    return 0;
  } finally {
    await producers.close();
    connection.disconnect();
  }
}
