import { parseArgs } from 'node:util';
import { loadConfig } from '@khabar/core';
import { createEnricher, reenrichIndex, type ReenrichProgress } from '@khabar/entities';
import { printJson, UsageError } from '../io.js';

const HELP = `usage: khabar reenrich [--stale-only] [--batch <n>] [--index <name>] [--json]

Re-tags the articles already indexed with the current entity catalog (the default catalog plus
ENTITIES_USER_CATALOG), so old news becomes findable by entities added since. It scrolls the
articles alias (INDEX_ALIAS, or --index) and bulk-updates entities, entity_ids, entity_names,
entity_pairs and entities_version, showing progress on standard error.

  --stale-only  skip articles already tagged with this catalog version
  --batch <n>   articles per scroll page and bulk request (default 500)
  --json        print the summary as JSON

Exits 1 when some articles could not be updated; they are listed.`;

function progressLine(p: ReenrichProgress): string {
  const pct = p.total > 0 ? ((100 * p.done) / p.total).toFixed(1) : '100.0';
  return `${p.done}/${p.total} (${pct}%)  updated ${p.updated}  unchanged ${p.unchanged}  failed ${p.failed}`;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'stale-only': { type: 'boolean' },
      batch: { type: 'string' },
      index: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}\n\n${HELP}`);
  const batchSize = values.batch === undefined ? 500 : Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new UsageError(`--batch must be an integer from 1 to 10000: ${values.batch}`);

  const config = loadConfig();
  const { createSearchClient } = await import('@khabar/search');
  const client = createSearchClient(config);
  const enricher = createEnricher({ reloadIntervalMs: Number.POSITIVE_INFINITY });
  const index = values.index ?? config.INDEX_ALIAS;
  const tty = process.stderr.isTTY === true;
  let lastLog = 0;
  try {
    process.stderr.write(`re-tagging ${index} with catalog ${enricher.catalogVersion}\n`);
    const result = await reenrichIndex(client, {
      index,
      enricher,
      batchSize,
      onlyStale: values['stale-only'] === true,
      onProgress: (p) => {
        if (tty) process.stderr.write(`\r${progressLine(p)}\x1b[K`);
        else if (Date.now() - lastLog > 1000 || p.done === p.total) {
          lastLog = Date.now();
          process.stderr.write(`${progressLine(p)}\n`);
        }
      },
    });
    if (tty) process.stderr.write('\n');
    if (values.json) printJson(result);
    else {
      process.stdout.write(`${progressLine(result)}\ncatalog ${result.catalogVersion}\n`);
      for (const f of result.failures.slice(0, 50)) process.stdout.write(`  failed ${f.index}/${f.id}: ${f.reason}\n`);
      if (result.failures.length > 50) process.stdout.write(`  ... and ${result.failures.length - 50} more\n`);
    }
    return result.failed > 0 ? 1 : 0;
  } finally {
    enricher.close();
    await client.close();
  }
}
