import { mergeCatalogs, standaloneSpellings, type Catalog, type CatalogEntity } from './catalog.js';
import { normalise } from './normalise.js';

/** One normalised spelling that more than one entity claims on its own after the merge. */
export interface SharedSpelling {
  spelling: string;
  ids: string[];
}

/** What a user catalog does to the default one, before a worker picks it up. */
export interface CatalogReview {
  /** Ids the default catalog does not have. */
  added: string[];
  /** Ids the default catalog has, which gain the user's names and spellings. */
  extended: string[];
  /**
   * User spellings another entity also lists as its own: the matcher gives them to whichever the
   * article names in full, and drops them when it names neither.
   */
  shared: SharedSpelling[];
}

/** Which entities claim each normalised spelling on their own (names and non-contextual aliases). */
export function spellingOwners(entities: readonly CatalogEntity[]): Map<string, Set<string>> {
  const owners = new Map<string, Set<string>>();
  for (const entity of entities) {
    for (const spelling of standaloneSpellings(entity)) {
      const key = normalise(spelling);
      owners.set(key, (owners.get(key) ?? new Set()).add(entity.id));
    }
  }
  return owners;
}

/**
 * Reviews a user catalog against the default one (pure). A spelling is compared in its normalised
 * form, the form the matcher looks up, so "Poutine" and "poutine" or أ/ا variants count as one.
 */
export function reviewUserCatalog(base: Catalog, user: Catalog): CatalogReview {
  const baseIds = new Set(base.entities.map((e) => e.id));
  const merged = mergeCatalogs(base, user);
  const owners = spellingOwners(merged.entities);
  const shared = new Map<string, SharedSpelling>();
  for (const entity of user.entities) {
    for (const spelling of [...Object.values(entity.names as Record<string, string>), ...entity.aliases, ...entity.contextual]) {
      const key = normalise(spelling);
      const ids = owners.get(key);
      if (ids && ids.size > 1 && !shared.has(key)) shared.set(key, { spelling, ids: [...ids].sort() });
    }
  }
  return {
    added: user.entities.filter((e) => !baseIds.has(e.id)).map((e) => e.id),
    extended: user.entities.filter((e) => baseIds.has(e.id)).map((e) => e.id),
    shared: [...shared.values()],
  };
}
