import { z } from 'zod';

/**
 * The article events stream, version 1. Documented in packages/events/SCHEMA.md; a breaking change
 * gets a new `v` and both versions are published side by side for a while, so subscribers that
 * check `v` never misread an entry.
 */
export const ARTICLE_EVENT_VERSION = 1 as const;

export const articleEventSchema = z.object({
  v: z.literal(ARTICLE_EVENT_VERSION),
  /** `indexed`: a new article is searchable. `copy`: a page was found to copy an indexed article. */
  type: z.enum(['indexed', 'copy']),
  /** OpenSearch document id of the article (for `copy`: of the original the page copies). */
  id: z.string().min(1),
  /** URL of the indexed article, or of the copy for `copy`. */
  url: z.string().min(1),
  /** Title extracted from the page the event is about (for `copy`, from the copy). */
  title: z.string(),
  /** Wikidata ids of the entities the article mentions, e.g. ["Q7747", "Q22686"]. */
  entities: z.array(z.string()),
  /** The job outcome that produced the event: `indexed` or `duplicate`. */
  outcome: z.string().min(1),
  /** ISO 8601 time the event was published. */
  at: z.string().min(1),
});

export type ArticleEvent = z.infer<typeof articleEventSchema>;

/** What a producer passes: version and time are filled in. */
export type ArticleEventInput = Omit<ArticleEvent, 'v' | 'at'> & { at?: string };
