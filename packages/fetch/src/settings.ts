import { z } from 'zod';
import { parseEnv, type Config } from '@khabar/core';

/**
 * Finer fetch settings that only the fetcher and `khabar import` read, kept beside the rules they
 * tune; docs/configuration.md lists them with core's. Parsed once from the environment with the
 * same rules: a bad value stops the process with a message naming the variable.
 */
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const fetchSettingsShape = z.object({
  FETCH_CONNECT_TIMEOUT_MS: int(100, 120_000).default(10_000).describe('Time allowed to open a TCP/TLS connection.'),
  FETCH_HEADERS_TIMEOUT_MS: int(100, 600_000).default(15_000).describe('Time allowed between sending a request and receiving its headers.'),
  FETCH_BODY_TIMEOUT_MS: int(100, 600_000).default(15_000).describe('Longest silence allowed while a body streams in.'),
  FETCH_MAX_CRAWL_DELAY_MS: int(0, 3_600_000).default(30_000).describe('Cap on a robots.txt Crawl-delay, so one site cannot park its jobs for hours.'),
  FETCH_VALIDATORS_TTL_S: int(60, 365 * 86_400).default(30 * 86_400).describe('How long ETag/Last-Modified of a URL are remembered for conditional GETs.'),
  FETCH_SITEMAP_MAX_CHILDREN: int(1, 10_000).default(50).describe('Child sitemaps of a sitemap index read per poll (newest first by lastmod).'),
  FETCH_SOURCES_CONCURRENCY: int(1, 100).default(2).describe('Feed/sitemap polls in flight per fetcher process.'),
  IMPORT_MAX_WAITING: int(10, 10_000_000).default(2_000).describe('Import pauses while the pages queue holds more waiting jobs than this.'),
});

export type FetchSettings = Readonly<z.infer<typeof fetchSettingsShape>>;

export function parseFetchSettings(env: NodeJS.ProcessEnv = process.env): FetchSettings {
  return Object.freeze(parseEnv(fetchSettingsShape, env));
}

let cached: FetchSettings | undefined;

/** The process-wide settings, parsed on first use. */
export function fetchSettings(): FetchSettings {
  cached ??= parseFetchSettings();
  return cached;
}

/** Config and fetch settings as one object, for code that needs both. */
export type FetchConfig = Config & FetchSettings;
