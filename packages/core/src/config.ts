import { z } from 'zod';

/**
 * Every setting Khabar reads from the environment, with its default and meaning.
 * Parsed once at start-up; a bad value stops the process with a message naming the variable.
 * The README's configuration table is generated from the `describe()` texts here.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const configShape = z.object({
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379').describe('Redis server used for queues, dedupe index and politeness state.'),
  REDIS_CLUSTER_NODES: z
    .string()
    .superRefine((value, ctx) => {
      if (value.split(',').some((entry) => !entry.trim())) ctx.addIssue({ code: 'custom', message: 'must be host:port[,host:port...] without empty entries' });
      else {
        try {
          parseClusterNodes(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }
    })
    .optional()
    .describe('Seed nodes of a Redis Cluster ("host:port,host:port"); when set Khabar connects in cluster mode and takes only the credentials (and rediss: for TLS) from REDIS_URL.'),
  KHABAR_PREFIX: z
    .string()
    .regex(/^[^:\s]+$/, 'must not contain ":" or spaces')
    .default('{khabar}')
    .describe('Key prefix for every Redis key; the braces make it a Redis Cluster hash tag so one queue lives in one slot.'),
  OPENSEARCH_URL: z.string().url().default('http://127.0.0.1:9200').describe('OpenSearch node (or load balancer) URL.'),
  OPENSEARCH_USERNAME: z.string().optional().describe('Basic-auth user for OpenSearch (security plugin).'),
  OPENSEARCH_PASSWORD: z.string().optional().describe('Basic-auth password for OpenSearch.'),
  OPENSEARCH_TLS_INSECURE: bool.default(false).describe('Accept self-signed OpenSearch certificates (demo clusters only).'),
  INDEX_ALIAS: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, "_" and "-" only')
    .default('articles')
    .describe('Alias the articles are written to and searched through; indices are <alias>-v<N>.'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level.'),
  LOG_PRETTY: bool.optional().describe('Pretty logs; defaults to true when stdout is a TTY.'),

  FETCH_CONCURRENCY: int(1, 1000).default(16).describe('Fetch jobs in flight per fetcher process.'),
  FETCH_TIMEOUT_MS: int(100, 600_000).default(20_000).describe('Total time allowed for one HTTP request, headers and body.'),
  FETCH_MAX_BYTES: int(1024, 1024 ** 3).default(5 * 1024 * 1024).describe('Largest response body accepted; bigger bodies are aborted as too-large.'),
  FETCH_MAX_REDIRECTS: int(0, 50).default(5).describe('Redirects followed before the fetch fails as too-many-redirects.'),
  FETCH_USER_AGENT: z
    .string()
    .min(3)
    .default('KhabarBot/0.1 (+https://github.com/khabar/khabar)')
    .describe('User-Agent sent with every request and matched against robots.txt.'),
  FETCH_ALLOW_HOSTS: z
    .string()
    .default('')
    .describe('Comma-separated IPs/hosts the SSRF guard lets through even though private (tests: 127.0.0.1).'),
  FETCH_HOST_CONCURRENCY: int(1, 100).default(2).describe('Requests in flight to one host across ALL fetchers.'),
  FETCH_HOST_DELAY_MS: int(0, 3_600_000).default(1_000).describe('Minimum time between two requests to one host across all fetchers (robots Crawl-delay can raise it).'),
  ROBOTS_CACHE_TTL_S: int(1, 30 * 86_400).default(3_600).describe('How long a host\'s robots.txt is cached in Redis.'),
  SEEN_RETENTION_DAYS: int(1, 3650).default(90).describe('How long discovery remembers an article URL it already enqueued.'),

  PROCESSOR_CONCURRENCY: int(1, 1000).default(8).describe('Page jobs in flight per processor process.'),
  ANALYSIS_THREADS: int(0, 64).default(1).describe('Worker threads for extraction and entity matching per processor (0: on the main thread). One per core left after the main thread; on 2 cores a second thread adds memory, not throughput.'),
  ANALYSIS_TIMEOUT_MS: int(100, 600_000).default(15_000).describe('A page whose extraction takes longer fails as poison (analysis-timeout) instead of stalling its worker.'),
  ANALYSIS_THREAD_HEAP_MB: int(32, 16_384).default(128).describe('Heap limit of each analysis thread; a page that needs more fails alone (analysis-error) instead of growing the worker without bound.'),
  BULK_MAX_DOCS: int(1, 10_000).default(200).describe('Largest OpenSearch bulk request the processor sends.'),
  BULK_FLUSH_MS: int(1, 60_000).default(50).describe('How long the processor waits to fill a bulk request.'),

  DEDUPE_RETENTION_DAYS: int(1, 3650).default(30).describe('How long an article stays in the near-duplicate index.'),
  DEDUPE_THRESHOLD: z.coerce.number().min(0.05).max(1).default(0.5).describe('Estimated share of word 4-shingles two texts must have in common to be near-duplicates (see packages/dedupe/README.md; tune with `khabar similar`).'),
  ENTITIES_USER_CATALOG: z.string().optional().describe('Path of a user entity catalog (JSON) added to the default one; changes are picked up live.'),
  EVENTS_MAXLEN: int(0, 100_000_000).default(100_000).describe('Approximate length the article events stream is trimmed to.'),
  METRICS_PORT: int(0, 65535).default(0).describe('Port a worker serves Prometheus /metrics on (0: off). The API serves /metrics on its own port.'),
  METRICS_MAX_HOSTS: int(0, 100_000).default(200).describe('Hosts that get their own series in per-host metrics; responses from later hosts are counted under host="other", so series stay bounded on an open crawl.'),

  JOB_ATTEMPTS: int(1, 100).default(5).describe('Attempts per job before it stays in the failed set.'),
  JOB_BACKOFF_MS: int(10, 3_600_000).default(2_000).describe('First retry delay; doubles each attempt (exponential backoff).'),
  WORKER_LOCK_MS: int(1_000, 3_600_000).default(30_000).describe('Job lock a worker renews while it works; a killed worker\'s jobs are taken up again after it lapses.'),
  SHUTDOWN_GRACE_MS: int(1_000, 3_600_000).default(30_000).describe('How long a service may finish in-flight jobs after SIGTERM before it exits anyway.'),
  KEEP_COMPLETED: int(0, 10_000_000).default(10_000).describe('Completed jobs kept per queue for inspection.'),
  KEEP_FAILED: int(0, 10_000_000).default(50_000).describe('Failed jobs kept per queue for inspection and retry.'),

  API_HOST: z.string().default('127.0.0.1').describe('Address the HTTP API binds to.'),
  API_PORT: int(0, 65535).default(8080).describe('Port the HTTP API listens on.'),
  API_KEYS: z.string().default('').describe('Comma-separated API keys with write access (Bearer). Empty: writes open (development only).'),
  API_READ_KEYS: z.string().default('').describe('Comma-separated read-only API keys.'),
  API_BODY_LIMIT_BYTES: int(1024, 1024 ** 3).default(20 * 1024 * 1024).describe('Largest request body the API accepts.'),
  BOARD_READ_ONLY: bool.default(false).describe('Queue board without retry/clean/remove actions.'),
  DASHBOARDS_URL: z.string().url().optional().describe('OpenSearch Dashboards URL; when set, `khabar setup` imports the saved objects.'),
});

export type Config = Readonly<z.infer<typeof configShape>>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the variables a schema names from the environment; the error names every bad variable
 * and its value. Empty strings count as unset, so `FOO=` falls back to the default.
 */
export function parseEnv<Shape extends z.ZodRawShape>(shape: z.ZodObject<Shape>, env: NodeJS.ProcessEnv): z.infer<z.ZodObject<Shape>> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(shape.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = shape.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      return `  ${key}=${JSON.stringify(input[key] ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Parse the environment once; the message names every bad variable and its value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return Object.freeze(parseEnv(configShape, env));
}

/** A list setting ("a, b,c") as an array without empty entries. */
export function listSetting(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Redis Cluster seed nodes from "host:port,host:port" (IPv6 hosts in brackets: "[::1]:7000"). */
export function parseClusterNodes(list: string): Array<{ host: string; port: number }> {
  return listSetting(list).map((entry) => {
    const match = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(entry);
    const port = match ? Number(match[2]) : NaN;
    if (!match || port < 1 || port > 65535) throw new Error(`not a host:port Redis Cluster node: "${entry}"`);
    return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
  });
}
