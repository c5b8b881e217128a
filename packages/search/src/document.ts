import type { Article, Enrichment } from '@khabar/core';
import { ANALYSED_LANGUAGES, type AnalysedLanguage } from './template.js';

/** The indexed form of an article; field names are the mapping's (template.ts). */
export interface ArticleDocument {
  id: string;
  url: string;
  canonical_url: string;
  site?: string;
  title: string;
  lead?: string;
  body: string;
  published_at?: string;
  modified_at?: string;
  fetched_at?: string;
  indexed_at: string;
  authors: string[];
  language?: string;
  section?: string;
  tags: string[];
  page_type: string;
  image?: string;
  word_count: number;
  content_hash: string;
  outcome: 'indexed';
  entities: Array<{ id: string; name: string; type: string; count: number; in_title: boolean; first_position: number }>;
  entity_ids: string[];
  entity_names: string[];
  entity_pairs: string[];
  entities_version?: string;
  [languageField: `${'title' | 'body'}_${string}`]: string | undefined;
}

export interface CopyRecord {
  url: string;
  site?: string;
  seen_at: string;
  reason: string;
  similarity: number;
}

export function toDocument(
  input: { id: string; article: Article; enrichment: Enrichment; contentHash: string; fetchedAt?: string; entitiesVersion?: string },
  now = new Date(),
): ArticleDocument {
  const { article, enrichment } = input;
  const doc: ArticleDocument = {
    id: input.id,
    url: article.url,
    canonical_url: article.canonicalUrl,
    title: article.title,
    body: article.text,
    indexed_at: now.toISOString(),
    authors: article.authors,
    tags: article.tags,
    page_type: article.pageType,
    word_count: article.text.split(/\s+/).filter(Boolean).length,
    content_hash: input.contentHash,
    outcome: 'indexed',
    entities: enrichment.entities.map((e) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      count: e.count,
      in_title: e.inTitle,
      first_position: e.firstPosition,
    })),
    entity_ids: enrichment.entities.map((e) => e.id),
    entity_names: enrichment.entities.map((e) => e.name),
    entity_pairs: enrichment.pairs,
  };
  const optional = {
    site: article.siteName,
    lead: article.lead,
    published_at: article.publishedAt,
    modified_at: article.modifiedAt,
    fetched_at: input.fetchedAt,
    language: article.language,
    section: article.section,
    image: article.image,
    entities_version: input.entitiesVersion,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (doc as unknown as Record<string, unknown>)[key] = value;
  const lang = article.language as AnalysedLanguage | undefined;
  if (lang && lang in ANALYSED_LANGUAGES) {
    doc[`title_${lang}`] = article.title;
    doc[`body_${lang}`] = article.text;
  }
  return doc;
}

/**
 * Painless script that attaches a copy to its original once, however often the job re-runs.
 * It runs only on an existing document: a copy that arrives before its original is retried.
 */
export const ADD_COPY_SCRIPT = `
if (ctx._source.copies == null) { ctx._source.copies = []; }
boolean seen = false;
for (def c : ctx._source.copies) { if (c.url == params.copy.url) { seen = true; break; } }
if (seen) { ctx.op = 'noop'; } else { ctx._source.copies.add(params.copy); ctx._source.copy_count = ctx._source.copies.size(); }
`.trim();
