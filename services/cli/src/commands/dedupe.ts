import { parseArgs } from 'node:util';
import { createRedis, loadConfig } from '@khabar/core';
import { DedupeIndex } from '@khabar/dedupe';
import { printJson, UsageError } from '../io.js';

const HELP = `usage: khabar dedupe stats [--json]

Size of the near-duplicate index in Redis: originals and copies inside the retention window
(DEDUPE_RETENTION_DAYS), index entries, hash buckets, Redis memory, and how many claims ended
as originals, same-url, same-text and near-duplicate copies, or repeats of an earlier claim.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'stats') throw new UsageError(`unknown or missing subcommand\n\n${HELP}`);
  const config = loadConfig();
  const redis = createRedis(config, 'producer');
  try {
    const stats = await new DedupeIndex(redis, { prefix: config.KHABAR_PREFIX, retentionDays: config.DEDUPE_RETENTION_DAYS }).stats();
    if (values.json) {
      printJson(stats);
      return 0;
    }
    const originals = stats.originals ?? 0;
    const perArticle = originals > 0 ? ` (${Math.round((stats.memoryBytes ?? 0) / originals)} bytes per original)` : '';
    const claims = Object.entries(stats).filter(([name]) => name.startsWith('claims.'));
    console.log(
      [
        `near-duplicate index  ${config.KHABAR_PREFIX}:dedupe  retention ${stats.retentionDays} days, threshold ${stats.threshold}`,
        `originals      ${originals}`,
        `copies         ${stats.copies ?? 0}`,
        `index entries  ${stats.indexEntries ?? 0} in ${stats.buckets ?? 0} buckets, ${stats.generations ?? 0} live generations`,
        `redis memory   ${stats.memoryBytes ?? 0} bytes${perArticle}`,
        `claims         ${claims.length ? claims.map(([name, n]) => `${name.slice('claims.'.length)} ${n}`).join(', ') : 'none yet'}`,
      ].join('\n'),
    );
    return 0;
  } finally {
    redis.disconnect();
  }
}
