import { parseArgs } from 'node:util';
import { loadConfig } from '@khabar/core';
import { createSearchClient, ensureIndex } from '@khabar/search';
import { printJson } from '../io.js';

/** Creates the index template and the index behind the alias; imports Dashboards objects when configured. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log('usage: khabar setup [--json]\n\nIdempotent: creates the OpenSearch index template, the index behind the alias and,\nwhen DASHBOARDS_URL is set, imports the saved objects in infra/dashboards.');
    return 0;
  }
  const config = loadConfig();
  const client = createSearchClient(config);
  try {
    const index = await ensureIndex(client, config.INDEX_ALIAS);
    let dashboards: unknown = 'skipped (DASHBOARDS_URL not set)';
    if (config.DASHBOARDS_URL) {
      const { importSavedObjects } = await import('@khabar/search');
      dashboards = await importSavedObjects(config.DASHBOARDS_URL, config);
    }
    if (values.json) printJson({ index, dashboards });
    else {
      console.log(`index: ${index.index} behind alias ${index.alias} (${index.created ? 'created' : 'already there'})`);
      if (index.outdated) console.log(`note: alias also points at ${index.outdated}, an older mapping version; reindex it into ${index.index}`);
      console.log(`dashboards: ${typeof dashboards === 'string' ? dashboards : JSON.stringify(dashboards)}`);
    }
    return 0;
  } finally {
    await client.close();
  }
}
