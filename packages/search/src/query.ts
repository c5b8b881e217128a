import type { Client } from '@opensearch-project/opensearch';
import { ANALYSED_LANGUAGES } from './template.js';

/** What a user may ask for. Built into a query here; no raw query text reaches OpenSearch. */
export interface ArticleQuery {
  text?: string;
  /** Wikidata ids; an article must mention all of them. */
  entity?: string[];
  language?: string;
  site?: string;
  /** Published at or after (ISO date or date-time). */
  from?: string;
  /** Published at or before. */
  to?: string;
  /** 1-based. */
  page?: number;
  size?: number;
  sort?: 'relevance' | 'newest' | 'oldest';
}

export interface ArticleHit {
  id: string;
  url: string;
  title: string;
  site?: string;
  language?: string;
  publishedAt?: string;
  entities: Array<{ id: string; name: string; count: number }>;
  copyCount: number;
  copies: Array<{ url: string; site?: string; reason: string; similarity: number; seen_at: string }>;
  snippet?: string;
  score: number | null;
}

export interface SearchPage {
  total: number;
  page: number;
  size: number;
  hits: ArticleHit[];
}

const TEXT_FIELDS = [
  'title^3',
  'lead^2',
  'body',
  ...Object.keys(ANALYSED_LANGUAGES).flatMap((code) => [`title_${code}^3`, `body_${code}`]),
];

export function buildSearchBody(query: ArticleQuery) {
  const size = Math.min(Math.max(query.size ?? 10, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const filter: unknown[] = [{ exists: { field: 'title' } }];
  for (const id of query.entity ?? []) filter.push({ term: { entity_ids: id } });
  if (query.language) filter.push({ term: { language: query.language } });
  if (query.site) filter.push({ term: { site: query.site } });
  if (query.from || query.to) {
    filter.push({ range: { published_at: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } } });
  }
  const must = query.text?.trim()
    ? [{ multi_match: { query: query.text.trim(), fields: TEXT_FIELDS, type: 'best_fields', operator: 'and' } }]
    : [{ match_all: {} }];
  const sortBy = query.sort ?? (query.text ? 'relevance' : 'newest');
  const sort =
    sortBy === 'relevance'
      ? ['_score', { published_at: { order: 'desc', missing: '_last' } }]
      : [{ published_at: { order: sortBy === 'newest' ? 'desc' : 'asc', missing: '_last' } }, { indexed_at: { order: 'desc' } }];
  return {
    from: (page - 1) * size,
    size,
    track_total_hits: true,
    query: { bool: { must, filter } },
    sort,
    _source: ['id', 'url', 'title', 'site', 'language', 'published_at', 'entities', 'copy_count', 'copies'],
    highlight: {
      fields: Object.fromEntries(['body', ...Object.keys(ANALYSED_LANGUAGES).map((c) => `body_${c}`)].map((f) => [f, { fragment_size: 160, number_of_fragments: 1 }])),
    },
    page,
  };
}

export async function searchArticles(client: Client, alias: string, query: ArticleQuery): Promise<SearchPage> {
  const { page, ...body } = buildSearchBody(query);
  const response = await client.search({ index: alias, body: body as never });
  const hits = response.body.hits;
  const total = typeof hits.total === 'number' ? hits.total : (hits.total?.value ?? 0);
  return {
    total,
    page,
    size: body.size,
    hits: hits.hits.map((hit) => {
      const source = (hit._source ?? {}) as Record<string, unknown>;
      const highlight = Object.values((hit.highlight ?? {}) as Record<string, string[]>)[0]?.[0];
      return {
        id: String(hit._id),
        url: String(source.url ?? ''),
        title: String(source.title ?? ''),
        ...(source.site ? { site: String(source.site) } : {}),
        ...(source.language ? { language: String(source.language) } : {}),
        ...(source.published_at ? { publishedAt: String(source.published_at) } : {}),
        entities: ((source.entities ?? []) as Array<{ id: string; name: string; count: number }>).map(({ id, name, count }) => ({ id, name, count })),
        copyCount: Number(source.copy_count ?? 0),
        copies: (source.copies ?? []) as ArticleHit['copies'],
        ...(highlight ? { snippet: highlight.replace(/<\/?em>/g, '') } : {}),
        score: typeof hit._score === 'number' ? hit._score : null,
      };
    }),
  };
}

export async function getArticle(client: Client, alias: string, id: string): Promise<Record<string, unknown> | undefined> {
  const response = await client.search({ index: alias, body: { query: { ids: { values: [id] } }, size: 1 } });
  return response.body.hits.hits[0]?._source as Record<string, unknown> | undefined;
}
