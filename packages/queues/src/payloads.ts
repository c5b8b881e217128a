import { gzipSync, gunzipSync } from 'node:zlib';
import { z } from 'zod';
import type { RawPage } from '@khabar/core';

/** One schema per boundary: what a producer may put on each queue, checked on both sides. */

const httpUrl = z
  .string()
  .max(8192)
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'http:' || protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL');

export const fetchJobSchema = z.object({
  /** Canonical URL to fetch. */
  url: httpUrl,
  /** Source (feed/sitemap) id that found it, when discovered. */
  sourceId: z.string().optional(),
  enqueuedAt: z.string(),
});
export type FetchJob = z.infer<typeof fetchJobSchema>;

/**
 * Page bodies ride the queue gzip-compressed and base64-encoded: a waiting news page then costs
 * Redis about 1.35x its gzip size instead of 5-10x as raw HTML inside JSON.
 */
export const pageJobSchema = z.object({
  url: httpUrl,
  finalUrl: httpUrl,
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  htmlGzip: z.string(),
  fetchedAt: z.string(),
  origin: z.enum(['fetch', 'import', 'api']),
  enqueuedAt: z.string(),
});
export type PageJob = z.infer<typeof pageJobSchema>;

export function encodePage(page: RawPage, enqueuedAt = new Date().toISOString()): PageJob {
  const { html, ...rest } = page;
  return { ...rest, htmlGzip: gzipSync(html, { level: 6 }).toString('base64'), enqueuedAt };
}

export function decodePage(job: PageJob): RawPage & { enqueuedAt: string } {
  const { htmlGzip, ...rest } = job;
  return { ...rest, html: gunzipSync(Buffer.from(htmlGzip, 'base64')).toString('utf8') };
}

export { httpUrl };
