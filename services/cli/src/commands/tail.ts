import { parseArgs } from 'node:util';
import { createRedis, loadConfig } from '@khabar/core';
import { articleEventsKey, compareIds, recentArticleEvents, subscribeArticleEvents, type ArticleEvent, type StreamEntry } from '@khabar/events';

const USAGE = `usage: khabar tail [--entity Q7747] [--type indexed|copy] [--history N] [--json]

Follows the article events stream live: each newly indexed article and each detected copy.
  --entity ID   only events mentioning this Wikidata id
  --type T      only "indexed" or only "copy" events
  --history N   first print the last N matching events already in the stream (default 0)
  --json        one JSON object per line (the stream's schema v1, plus streamId)
Stop with Ctrl-C.`;

function line(entry: StreamEntry): string {
  const event: ArticleEvent = entry.event;
  const time = event.at.slice(11, 19);
  const kind = event.type === 'copy' ? 'copy   ' : 'indexed';
  const entities = event.entities.length ? event.entities.join(',') : '-';
  return `${time} ${kind} ${entities.padEnd(24)} ${event.title}\n${' '.repeat(17)}${event.url}`;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      entity: { type: 'string' },
      type: { type: 'string' },
      history: { type: 'string', default: '0' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.entity !== undefined && !/^Q[1-9]\d*$/.test(values.entity)) {
    process.stderr.write(`khabar tail: --entity must be a Wikidata id like Q7747, not "${values.entity}"\n`);
    return 2;
  }
  if (values.type !== undefined && values.type !== 'indexed' && values.type !== 'copy') {
    process.stderr.write(`khabar tail: --type must be "indexed" or "copy", not "${values.type}"\n`);
    return 2;
  }
  const history = Number(values.history);
  if (!Number.isInteger(history) || history < 0 || history > 10_000) {
    process.stderr.write(`khabar tail: --history must be a whole number from 0 to 10000, not "${values.history}"\n`);
    return 2;
  }
  const filter = {
    ...(values.entity ? { entity: values.entity } : {}),
    ...(values.type ? { type: values.type as ArticleEvent['type'] } : {}),
  };
  const config = loadConfig();
  // XREAD BLOCK holds its connection; a worker-style connection also rides out Redis restarts.
  const redis = createRedis(config, 'worker');
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const print = (entry: StreamEntry) =>
    process.stdout.write(values.json ? `${JSON.stringify({ streamId: entry.streamId, ...entry.event })}\n` : `${line(entry)}\n`);
  try {
    const key = articleEventsKey(config.KHABAR_PREFIX);
    // Fix the starting point first, so history and live output neither overlap nor leave a gap.
    const latest = await redis.xrevrange(key, '+', '-', 'COUNT', 1);
    const after = latest[0]?.[0] ?? '0-0';
    if (history > 0) {
      // Filtered history: look further back than N entries so N matching ones are likely found.
      const recent = await recentArticleEvents(redis, config.KHABAR_PREFIX, history * 10, filter);
      for (const entry of recent.filter((e) => compareIds(e.streamId, after) <= 0).slice(-history)) print(entry);
    }
    if (!values.json) process.stderr.write(`following ${key}${values.entity ? ` for ${values.entity}` : ''} (Ctrl-C to stop)\n`);
    for await (const entry of subscribeArticleEvents(redis, config.KHABAR_PREFIX, { ...filter, after, blockMs: 500, signal: stop.signal })) print(entry);
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    redis.disconnect();
  }
}
