import { statSync } from 'node:fs';
import type { Enrichment } from '@khabar/core';
import { CatalogError, catalogVersion, DEFAULT_CATALOG_PATH, mergeCatalogs, readCatalogFile, type Catalog } from './catalog.js';
import { enrichWith, type EnrichInput } from './enrich.js';
import { buildMatcher, type Matcher } from './matcher.js';

export interface EnricherOptions {
  /**
   * The user's own catalog (same shape as ours), added to the default one.
   * @default process.env.ENTITIES_USER_CATALOG (none when unset)
   */
  userCatalogPath?: string;
  /**
   * How often, at most, `enrich` checks the catalog files for changes (one stat per file).
   * @default 2000
   */
  reloadIntervalMs?: number;
  /**
   * The default catalog; tests point it elsewhere.
   * @default packages/entities/catalog/entities.json
   */
  defaultCatalogPath?: string;
  /**
   * Told when a changed catalog cannot be loaded; the enricher keeps the catalog it had.
   * @default process.emitWarning
   */
  onReloadError?: (error: Error) => void;
}

export interface Enricher {
  /** Entities in the article's own title and body. */
  enrich(input: EnrichInput): Enrichment;
  /** Changes whenever the loaded catalogs change; stored with each article as entities_version. */
  readonly catalogVersion: string;
  /** The matcher behind `enrich`, for callers that need mention offsets (CLI, benchmark). */
  readonly matcher: Matcher;
  /** Looks at the catalog files now instead of waiting for the interval; true when it reloaded. */
  refresh(): boolean;
  close(): void;
}

interface Loaded {
  matcher: Matcher;
  version: string;
  stamp: string;
}

function fileStamp(path: string | undefined): string {
  if (!path) return '-';
  try {
    const s = statSync(path);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch {
    return 'missing';
  }
}

function load(defaultPath: string, userPath: string | undefined): Loaded {
  // Stamp before reading: a write landing during the read is seen as a change on the next check.
  const stamp = `${fileStamp(defaultPath)}|${fileStamp(userPath)}`;
  const base = readCatalogFile(defaultPath);
  let user: { catalog: Catalog; text: string } | undefined;
  if (userPath) user = readCatalogFile(userPath);
  return {
    matcher: (() => {
      const merged = mergeCatalogs(base.catalog, user?.catalog);
      return buildMatcher(merged.entities, merged.stopPhrases);
    })(),
    version: catalogVersion(base.catalog, base.text, user?.text),
    stamp,
  };
}

/**
 * An enricher over the default catalog plus the user's. It notices edits to either file without a
 * restart: at most every `reloadIntervalMs`, `enrich` stats both files and rebuilds the matcher when
 * one changed. A broken edit is reported and the previous catalog stays in use, so a typo in the
 * user's file never stops the workers.
 */
export function createEnricher(options: EnricherOptions = {}): Enricher {
  const defaultPath = options.defaultCatalogPath ?? DEFAULT_CATALOG_PATH;
  const userPath = options.userCatalogPath ?? (process.env.ENTITIES_USER_CATALOG || undefined);
  const interval = options.reloadIntervalMs ?? 2000;
  const onReloadError = options.onReloadError ?? ((error: Error) => process.emitWarning(error.message, 'CatalogReloadWarning'));
  if (Number.isNaN(interval) || interval < 0) throw new RangeError(`reloadIntervalMs must be a number >= 0, got ${interval}`);

  let current = load(defaultPath, userPath);
  let lastCheck = Date.now();
  let closed = false;
  let failedStamp: string | undefined;

  const refresh = (): boolean => {
    lastCheck = Date.now();
    const stamp = `${fileStamp(defaultPath)}|${fileStamp(userPath)}`;
    if (stamp === current.stamp || stamp === failedStamp) return false;
    try {
      current = load(defaultPath, userPath);
      failedStamp = undefined;
      return true;
    } catch (error) {
      // Report a broken file once per version of it, not on every check.
      failedStamp = stamp;
      onReloadError(error instanceof CatalogError ? error : new CatalogError(String(error)));
      return false;
    }
  };

  return {
    enrich(input) {
      if (closed) throw new Error('enricher is closed');
      if (Date.now() - lastCheck >= interval) refresh();
      return enrichWith(current.matcher, input);
    },
    get catalogVersion() {
      return current.version;
    },
    get matcher() {
      return current.matcher;
    },
    refresh,
    close() {
      closed = true;
    },
  };
}
