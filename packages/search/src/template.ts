/**
 * The articles index: a versioned index template behind an alias. A mapping change bumps
 * MAPPING_VERSION; `ensureIndex` then creates <alias>-v<N+1> and the old index can be reindexed
 * into it and the alias swapped without downtime.
 */
export const MAPPING_VERSION = 1;

/** Languages with their own analysed copy of title and body; others use the generic field only. */
export const ANALYSED_LANGUAGES = { ar: 'arabic', fr: 'french', en: 'english' } as const;
export type AnalysedLanguage = keyof typeof ANALYSED_LANGUAGES;

const keyword = { type: 'keyword' } as const;
// Names must stay findable as written: normalised (case, accents, Arabic letter forms) but never
// stemmed; the arabic analyzer's stemmer turns بوتين into بوت.
const normalisedText = { type: 'text', analyzer: 'khabar_normalised' } as const;

export const articleMapping = {
  dynamic: 'strict',
  properties: {
    id: keyword,
    url: keyword,
    canonical_url: keyword,
    site: keyword,
    title: { ...normalisedText, fields: { raw: { type: 'keyword', ignore_above: 512 } } },
    lead: normalisedText,
    body: normalisedText,
    ...Object.fromEntries(
      Object.entries(ANALYSED_LANGUAGES).flatMap(([code, analyzer]) => [
        [`title_${code}`, { type: 'text', analyzer }],
        [`body_${code}`, { type: 'text', analyzer }],
      ]),
    ),
    published_at: { type: 'date' },
    modified_at: { type: 'date' },
    fetched_at: { type: 'date' },
    indexed_at: { type: 'date' },
    authors: keyword,
    language: keyword,
    section: keyword,
    tags: keyword,
    page_type: keyword,
    image: { type: 'keyword', index: false },
    word_count: { type: 'integer' },
    content_hash: keyword,
    outcome: keyword,
    entities: {
      properties: {
        id: keyword,
        name: keyword,
        type: keyword,
        count: { type: 'integer' },
        in_title: { type: 'boolean' },
        first_position: { type: 'integer' },
      },
    },
    entity_ids: keyword,
    entity_names: keyword,
    entity_pairs: keyword,
    entities_version: keyword,
    copies: {
      properties: {
        url: keyword,
        site: keyword,
        seen_at: { type: 'date' },
        reason: keyword,
        similarity: { type: 'float' },
      },
    },
    copy_count: { type: 'integer' },
  },
} as const;

export const articleSettings = {
  number_of_shards: 1,
  number_of_replicas: 0,
  refresh_interval: '1s',
  analysis: {
    analyzer: {
      khabar_normalised: {
        type: 'custom',
        tokenizer: 'standard',
        filter: ['lowercase', 'decimal_digit', 'arabic_normalization', 'asciifolding'],
      },
    },
  },
};

export function templateName(alias: string): string {
  return `${alias}-template`;
}

export function indexName(alias: string, version = MAPPING_VERSION): string {
  return `${alias}-v${version}`;
}

export function indexTemplate(alias: string) {
  return {
    index_patterns: [`${alias}-v*`],
    version: MAPPING_VERSION,
    priority: 100,
    template: { settings: articleSettings, mappings: articleMapping },
    _meta: { description: 'Khabar articles; see packages/search/src/template.ts' },
  };
}
