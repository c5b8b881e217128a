/** The article-extraction-benchmark pages, read from ../shared/datasets (never copied here). */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const repoRoot = resolve(import.meta.dirname, '..');
export const DATASET_DIR = resolve(repoRoot, '..', 'shared', 'datasets', 'article-extraction-benchmark');

export interface BenchPage {
  id: string;
  url: string;
  html: string;
  truth: string;
}

export function loadDataset(): BenchPage[] {
  const truth = JSON.parse(readFileSync(resolve(DATASET_DIR, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
  return readdirSync(resolve(DATASET_DIR, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .sort()
    .map((file) => {
      const id = file.replace(/\.html\.gz$/, '');
      const gold = truth[id];
      if (!gold) throw new Error(`dataset is inconsistent: ${file} has no ground truth`);
      return { id, url: gold.url, truth: gold.articleBody, html: gunzipSync(readFileSync(resolve(DATASET_DIR, 'html', file))).toString('utf8') };
    });
}

/** Upstream stored predictions (output/<tool>.json), in either of its two layouts. */
export function loadStoredOutput(tool: string): Record<string, string> {
  const raw = JSON.parse(readFileSync(resolve(DATASET_DIR, 'output', `${tool}.json`), 'utf8')) as Record<string, unknown>;
  const map = (raw.output && typeof raw.output === 'object' ? raw.output : raw) as Record<string, { articleBody?: string }>;
  return Object.fromEntries(Object.entries(map).map(([id, v]) => [id, v?.articleBody ?? '']));
}
