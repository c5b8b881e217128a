import type { Client } from '@opensearch-project/opensearch';
import { indexName, indexTemplate, MAPPING_VERSION, templateName } from './template.js';

export interface EnsureIndexResult {
  alias: string;
  index: string;
  created: boolean;
  /** Index the alias pointed to before, when it is an older mapping version. */
  outdated?: string;
}

/** Creates (or updates) the template, then the current index behind the alias. Idempotent. */
export async function ensureIndex(client: Client, alias: string): Promise<EnsureIndexResult> {
  await client.indices.putIndexTemplate({ name: templateName(alias), body: indexTemplate(alias) as never });
  const index = indexName(alias);
  const aliasExists = (await client.indices.existsAlias({ name: alias })).body;
  if (aliasExists) {
    const current = Object.keys((await client.indices.getAlias({ name: alias })).body);
    const outdated = current.find((name) => name !== index);
    return { alias, index: current[0] ?? index, created: false, ...(outdated ? { outdated } : {}) };
  }
  try {
    await client.indices.create({ index, body: { aliases: { [alias]: { is_write_index: true } } } });
    return { alias, index, created: true };
  } catch (error) {
    // Another process created it between our check and our create: that is success.
    if (String((error as { body?: { error?: { type?: string } } }).body?.error?.type) === 'resource_already_exists_exception') {
      return { alias, index, created: false };
    }
    throw error;
  }
}

export { MAPPING_VERSION };
