/**
 * Pages for fault tests and benchmarks, built at run time from the article-extraction benchmark
 * in ../shared/datasets (read-only, never copied into the repo). Variant 0 of a page is the page as
 * published; variant n > 0 rewrites every word of its text with words drawn deterministically from
 * the page's own vocabulary, so variants are distinct articles to dedupe while keeping the
 * page's structure, length and word distribution.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import type { RawPage } from '@khabar/core';

export const DATASET_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'datasets', 'article-extraction-benchmark');

export interface DatasetPage {
  id: string;
  url: string;
  html: string;
}

let cache: DatasetPage[] | undefined;

export function loadDatasetPages(limit = Infinity): DatasetPage[] {
  if (!cache) {
    const truth = JSON.parse(readFileSync(join(DATASET_DIR, 'ground-truth.json'), 'utf8')) as Record<string, { url: string }>;
    cache = readdirSync(join(DATASET_DIR, 'html'))
      .filter((name) => name.endsWith('.html.gz'))
      .sort()
      .map((name) => {
        const id = name.replace('.html.gz', '');
        return { id, url: truth[id]?.url ?? `https://example.com/${id}`, html: gunzipSync(readFileSync(join(DATASET_DIR, 'html', name))).toString('utf8') };
      });
  }
  return cache.slice(0, limit);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rewrites the words of text nodes (not tags, scripts or styles) for variant n of a page. */
export function variantHtml(html: string, variant: number): string {
  if (variant === 0) return html;
  const vocabulary = [...new Set(html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<[^>]*>/g, ' ').match(/\p{L}{3,}/gu) ?? [])];
  if (vocabulary.length === 0) return html;
  const random = mulberry32(variant * 7919);
  const substitute = new Map<string, string>();
  return html.replace(/(<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<[^>]*>)|([^<]+)/g, (match, tag: string | undefined) => {
    if (tag) return match;
    return match.replace(/\p{L}{3,}/gu, (word) => {
      let next = substitute.get(word);
      if (!next) {
        next = vocabulary[Math.floor(random() * vocabulary.length)]!;
        substitute.set(word, next);
      }
      return next;
    });
  });
}

/** The i-th page of an endless sequence: dataset page i mod N, variant floor(i / N), its own URL. */
export function datasetRawPage(i: number, pages = loadDatasetPages()): RawPage {
  const source = pages[i % pages.length]!;
  const variant = Math.floor(i / pages.length);
  const url = new URL(source.url);
  url.pathname = `${url.pathname.replace(/\/$/, '')}/v${variant}-${i}`;
  return {
    url: url.toString(),
    finalUrl: url.toString(),
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    // The page's own canonical link names the published URL; each synthetic URL is its own page.
    html: variantHtml(source.html, variant)
      .replace(/<link\b[^>]*\brel=["']?canonical\b[^>]*>/gi, '')
      .replace(/<meta\b[^>]*\b(?:property|name)=["']?(?:og:url|twitter:url)\b[^>]*>/gi, ''),
    fetchedAt: new Date().toISOString(),
    origin: 'import',
  };
}
