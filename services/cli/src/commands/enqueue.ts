import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createRedis, loadConfig } from '@khabar/core';
import { Producers, type EnqueueResult } from '@khabar/queues';
import { printJson } from '../io.js';

const HELP = `usage: khabar enqueue <url...> [--file urls.txt] [--json]

Puts URLs on the fetch queue. URLs are canonicalised first (fragment and tracking parameters
dropped, host lower-cased), so the same page enqueued twice is fetched once.
--file reads one URL per line ("-" for standard input); blank lines and # comments are skipped.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { file: { type: 'string', short: 'f' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const urls = [...positionals];
  if (values.file) {
    const text = values.file === '-' ? readFileSync(0, 'utf8') : readFileSync(values.file, 'utf8');
    urls.push(...text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
  }
  if (urls.length === 0) {
    console.error(HELP);
    return 2;
  }
  const config = loadConfig();
  const redis = createRedis(config, 'producer');
  const producers = new Producers(config, redis);
  try {
    const results: EnqueueResult[] = [];
    // Batches keep one call's memory and Redis pipeline bounded for million-line files.
    for (let i = 0; i < urls.length; i += 1000) results.push(...(await producers.enqueueUrls(urls.slice(i, i + 1000))));
    const count = (status: string) => results.filter((r) => r.status === status).length;
    if (values.json) printJson({ queued: count('queued'), alreadyQueued: count('already-queued'), invalid: count('invalid'), results });
    else {
      for (const r of results) if (r.status === 'invalid') console.error(`invalid: ${r.url}: ${r.error}`);
      console.log(`queued ${count('queued')}, already queued ${count('already-queued')}, invalid ${count('invalid')}`);
    }
    return count('invalid') > 0 ? 1 : 0;
  } finally {
    await producers.close();
    redis.disconnect();
  }
}
