import { listSetting, type Config } from '@khabar/core';
import { parseAllowList, type LookupFunction } from './address-guard.js';
import { createGuardedDispatcher } from './dispatcher.js';
import type { FetchOptions } from './fetch-page.js';
import { fetchSettings, type FetchSettings } from './settings.js';

export type FetchConfig = Pick<Config, 'FETCH_TIMEOUT_MS' | 'FETCH_MAX_BYTES' | 'FETCH_MAX_REDIRECTS' | 'FETCH_USER_AGENT' | 'FETCH_ALLOW_HOSTS'>;

/**
 * FetchOptions from the validated config, with one guarded connection pool. Close it with
 * `options.dispatcher.close()` when the process stops.
 */
export function createFetchOptions(
  config: FetchConfig,
  settings: FetchSettings = fetchSettings(),
  extra: { resolve?: LookupFunction } & Partial<Pick<FetchOptions, 'robots' | 'validators' | 'signal'>> = {},
): FetchOptions {
  const allow = parseAllowList(listSetting(config.FETCH_ALLOW_HOSTS));
  const { resolve, ...rest } = extra;
  return {
    userAgent: config.FETCH_USER_AGENT,
    timeoutMs: config.FETCH_TIMEOUT_MS,
    maxBytes: config.FETCH_MAX_BYTES,
    maxRedirects: config.FETCH_MAX_REDIRECTS,
    allow,
    dispatcher: createGuardedDispatcher({
      allow,
      connectTimeoutMs: Math.min(settings.FETCH_CONNECT_TIMEOUT_MS, config.FETCH_TIMEOUT_MS),
      headersTimeoutMs: Math.min(settings.FETCH_HEADERS_TIMEOUT_MS, config.FETCH_TIMEOUT_MS),
      bodyTimeoutMs: Math.min(settings.FETCH_BODY_TIMEOUT_MS, config.FETCH_TIMEOUT_MS),
      ...(resolve ? { resolve } : {}),
    }),
    ...rest,
  };
}
