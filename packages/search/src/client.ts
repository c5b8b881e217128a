import { Client } from '@opensearch-project/opensearch';
import type { Config } from '@khabar/core';

export type { Client };

/** One client per process; TLS verification is relaxed only when explicitly configured. */
export function createSearchClient(
  config: Pick<Config, 'OPENSEARCH_URL' | 'OPENSEARCH_USERNAME' | 'OPENSEARCH_PASSWORD' | 'OPENSEARCH_TLS_INSECURE'>,
): Client {
  return new Client({
    node: config.OPENSEARCH_URL,
    ...(config.OPENSEARCH_USERNAME
      ? { auth: { username: config.OPENSEARCH_USERNAME, password: config.OPENSEARCH_PASSWORD ?? '' } }
      : {}),
    ...(config.OPENSEARCH_TLS_INSECURE ? { ssl: { rejectUnauthorized: false } } : {}),
    requestTimeout: 30_000,
    maxRetries: 2,
  });
}
