export { createEnricher, type Enricher, type EnricherOptions } from './enricher.js';
export { enrichWith, matchedText, guessLanguage, coMentionPairs, type EnrichInput } from './enrich.js';
export { buildMatcher, type Matcher, type Mention, type MatcherEntity } from './matcher.js';
export { tokenize, normalise, type Token } from './normalise.js';
export { procliticReadings } from './proclitics.js';
export { reviewUserCatalog, spellingOwners, type CatalogReview, type SharedSpelling } from './review.js';
export {
  parseCatalog,
  readCatalogFile,
  mergeCatalogs,
  catalogVersion,
  CatalogError,
  DEFAULT_CATALOG_PATH,
  type Catalog,
  type CatalogEntity,
} from './catalog.js';
export {
  reenrichIndex,
  entityFields,
  type EntityFields,
  type ReenrichOptions,
  type ReenrichProgress,
  type ReenrichResult,
  type ReenrichFailure,
} from './reenrich.js';
