import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { normalise } from './normalise.js';

/**
 * The entity catalog: one entry per Wikidata entity with canonical names and the spellings news
 * uses for it. The default catalog ships in the repo (catalog/entities.json); users add or extend
 * entities in a second file of the same shape without touching ours.
 */

const wikidataId = z.string().regex(/^Q[1-9][0-9]*$/, 'must be a Wikidata item id like Q7747');
const spelling = z.string().trim().min(2, 'must have at least 2 characters');

export const entityShape = z
  .object({
    id: wikidataId,
    type: z.enum(['person', 'organisation', 'place']),
    /** Canonical names by language; English is required and is the fallback. */
    names: z.object({ en: spelling, ar: spelling.optional(), fr: spelling.optional() }).catchall(spelling),
    /**
     * Spellings that name this entity on their own (full names, transliterations, unambiguous short
     * forms and titles). A spelling two entities both list is ambiguous and is resolved by context.
     */
    aliases: z.array(spelling).default([]),
    /**
     * Short forms that name this entity only when the article also names it in full (a family name it
     * shares with a better-known entity: "Trump" for Melania Trump).
     */
    contextual: z.array(spelling).default([]),
    /** Free-text note on why a spelling is (not) listed; ignored by the matcher. */
    note: z.string().optional(),
    /** Where the id was checked (a Wikidata-derived dataset row, a page); ignored by the matcher. */
    source: z.string().optional(),
  })
  .strict();

export const catalogShape = z
  .object({
    /** Revision of the catalog's content, bumped by hand when entries change. */
    revision: z.string().min(1),
    entities: z.array(entityShape),
    /**
     * Phrases that contain a name or title but mention no catalog entity ("الرئيس الروسي السابق",
     * "Latin America", "المغرب العربي"). Matched like aliases, so the longest match wins, and dropped.
     */
    stopPhrases: z.array(spelling).default([]),
  })
  .strict();

export type CatalogEntity = z.infer<typeof entityShape>;
export type Catalog = z.infer<typeof catalogShape>;

/** A catalog file is missing or malformed: the enricher cannot start (or keeps the previous one). */
export class CatalogError extends Error {
  override name = 'CatalogError';
}

export const DEFAULT_CATALOG_PATH = fileURLToPath(new URL('../catalog/entities.json', import.meta.url));

/** Parses and validates catalog text; the error names the file, the entry and the field. */
export function parseCatalog(text: string, source: string): Catalog {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CatalogError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = catalogShape.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => {
      const where = issue.path.join('.');
      const entityIndex = issue.path[0] === 'entities' ? issue.path[1] : undefined;
      const entity = typeof entityIndex === 'number' ? (json as { entities: Array<{ id?: unknown }> }).entities[entityIndex] : undefined;
      const id = entity && typeof entity.id === 'string' ? ` (${entity.id})` : '';
      return `  ${where}${id}: ${issue.message}`;
    });
    throw new CatalogError(`${source}: invalid catalog:\n${issues.join('\n')}`);
  }
  const seen = new Set<string>();
  for (const entity of parsed.data.entities) {
    if (seen.has(entity.id)) throw new CatalogError(`${source}: entity ${entity.id} is listed twice`);
    seen.add(entity.id);
  }
  return parsed.data;
}

export function readCatalogFile(path: string): { catalog: Catalog; text: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CatalogError(`cannot read entity catalog ${path}: ${(error as Error).message}`);
  }
  return { catalog: parseCatalog(text, path), text };
}

/**
 * The spellings an entity claims on its own: its names and aliases, except those it also lists as
 * contextual (a contextual spelling stays contextual even when it is also a name: "عمان" is both
 * Oman's name and Amman's, and neither may claim it alone).
 */
export function standaloneSpellings(entity: CatalogEntity): string[] {
  const contextual = new Set(entity.contextual.map(normalise));
  return [...new Set([...Object.values(entity.names as Record<string, string>), ...entity.aliases])].filter((s) => !contextual.has(normalise(s)));
}

/**
 * The user's catalog extends ours: a new id adds an entity; an id we already have keeps our entry,
 * takes the user's names where given, and gains the user's spellings.
 */
export function mergeCatalogs(base: Catalog, extra: Catalog | undefined): { entities: CatalogEntity[]; stopPhrases: string[] } {
  const merged = new Map(base.entities.map((e) => [e.id, e]));
  for (const entity of extra?.entities ?? []) {
    const ours = merged.get(entity.id);
    if (!ours) {
      merged.set(entity.id, entity);
      continue;
    }
    merged.set(entity.id, {
      ...ours,
      type: entity.type,
      names: { ...ours.names, ...entity.names },
      aliases: [...new Set([...ours.aliases, ...entity.aliases])],
      contextual: [...new Set([...ours.contextual, ...entity.contextual])],
    });
  }
  return { entities: [...merged.values()], stopPhrases: [...new Set([...base.stopPhrases, ...(extra?.stopPhrases ?? [])])] };
}

/** Changes whenever either catalog's content changes; stored with each enriched article. */
export function catalogVersion(base: Catalog, baseText: string, extraText: string | undefined): string {
  const hash = createHash('sha256').update(baseText).update('\0').update(extraText ?? '').digest('hex');
  return `${base.revision}+${hash.slice(0, 12)}`;
}
