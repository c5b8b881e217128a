import type { Article, Enrichment } from '@khabar/core';
import { extractArticle } from '@khabar/extract';
import type { Enricher } from '@khabar/entities';

/**
 * The CPU-bound half of processing a page: extraction then entity matching, on the article's own
 * title and body only (never page furniture). Pure apart from the enricher's catalog.
 */
export interface Analysis {
  article: Article;
  enrichment: Enrichment;
  timings: { extract: number; enrich: number };
}

export function analyzePage(html: string, url: string, enricher: Enricher): Analysis {
  const t0 = performance.now();
  const article = extractArticle(html, url);
  const t1 = performance.now();
  const enrichment =
    (article.pageType === 'article' || article.pageType === 'unknown') && article.text
      ? enricher.enrich({ title: article.title, text: article.text, ...(article.language ? { language: article.language } : {}) })
      : { entities: [], pairs: [] };
  const t2 = performance.now();
  return { article, enrichment, timings: { extract: (t1 - t0) / 1000, enrich: (t2 - t1) / 1000 } };
}
