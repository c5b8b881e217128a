import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { createRedis, loadConfig } from '@khabar/core';
import { ALL_QUEUES } from '@khabar/queues';
import { createSearchClient } from '@khabar/search';
import { printJson } from '../io.js';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log('usage: khabar stats [--json]\n\nJob counts per queue and state, and the articles index (documents, copies, top entities).');
    return 0;
  }
  const config = loadConfig();
  const redis = createRedis(config, 'producer');
  const client = createSearchClient(config);
  try {
    const queues: Record<string, Record<string, number>> = {};
    for (const name of ALL_QUEUES) {
      const queue = new Queue(name, { connection: redis, prefix: config.KHABAR_PREFIX });
      queues[name] = await queue.getJobCounts(...STATES);
      await queue.close();
    }
    const index = await indexStats(client, config.INDEX_ALIAS);
    if (values.json) {
      printJson({ queues, index });
      return 0;
    }
    console.log(`queue      ${STATES.map((s) => s.padStart(12)).join('')}`);
    for (const [name, counts] of Object.entries(queues)) {
      console.log(`${name.padEnd(10)} ${STATES.map((s) => String(counts[s] ?? 0).padStart(12)).join('')}`);
    }
    if (!index) console.log(`\nindex ${config.INDEX_ALIAS}: not created yet (run: khabar setup)`);
    else {
      console.log(`\nindex ${config.INDEX_ALIAS}: ${index.articles} articles, ${index.copies} copies recorded`);
      if (index.topEntities.length) console.log(`top entities: ${index.topEntities.map((e) => `${e.id} ${e.articles}`).join(', ')}`);
    }
    return 0;
  } finally {
    redis.disconnect();
    await client.close();
  }
}

async function indexStats(client: ReturnType<typeof createSearchClient>, alias: string) {
  const exists = (await client.indices.existsAlias({ name: alias })).body;
  if (!exists) return null;
  const response = await client.search({
    index: alias,
    body: {
      size: 0,
      track_total_hits: true,
      query: { exists: { field: 'title' } },
      aggs: { copies: { sum: { field: 'copy_count' } }, entities: { terms: { field: 'entity_ids', size: 10 } } },
    } as never,
  });
  const body = response.body as unknown as {
    hits: { total: { value: number } };
    aggregations: { copies: { value: number }; entities: { buckets: Array<{ key: string; doc_count: number }> } };
  };
  return {
    articles: body.hits.total.value,
    copies: body.aggregations.copies.value,
    topEntities: body.aggregations.entities.buckets.map((b) => ({ id: b.key, articles: b.doc_count })),
  };
}
