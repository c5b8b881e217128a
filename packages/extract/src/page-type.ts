/**
 * Article or not: the URL names search and tag pages and the home page; what the page declares
 * (og:type, JSON-LD) and how much linked versus running text it holds decide the rest.
 */
import type { PageType } from '@khabar/core';
import type { Block } from './blocks.js';
import { linkDensity } from './main-content.js';

export interface PageTypeSignals {
  url: string;
  declaresArticle: boolean;
  declaresListing: boolean;
  /** All blocks of the page (for link statistics). */
  blocks: Block[];
  /** Characters of extracted body text. */
  bodyChars: number;
  bodyParagraphs: number;
  /** Headline links (mostly-link blocks of 15+ characters) inside the chosen container. */
  containerHeadlines: number;
}

const SEARCH_PATH = /(?:^|\/)(?:search|recherche|بحث)(?:\/|$|\.)/i;
const SEARCH_QUERY = /^(?:q|s|query|search|keyword|keywords|term)$/i;
const TAG_PATH = /(?:^|\/)(?:tags?|topics?|keywords?|hashtags?|mot-cle|mots-cles|etiquette|sujet|وسم|الوسوم)(?:\/|$)/i;
const HOME_PATH = /^\/(?:(?:index|default|home|accueil)(?:\.\w+)?|ar|fr|en|[a-z]{2}-[a-z]{2})?\/?$/i;
const SECTION_PATH = /^\/(?:[\p{L}-]+\/){0,2}[\p{L}-]+\/?$/u;

export function classifyPage(s: PageTypeSignals): PageType {
  let url: URL | undefined;
  try {
    url = new URL(s.url);
  } catch {
    url = undefined;
  }
  const path = url ? decodeSafe(url.pathname) : '';
  if (url && (SEARCH_PATH.test(path) || [...url.searchParams.keys()].some((k) => SEARCH_QUERY.test(k)))) return 'search';
  if (TAG_PATH.test(path)) return 'tag';

  const linkChars = s.blocks.reduce((n, b) => n + b.linkChars, 0);
  const rawChars = s.blocks.reduce((n, b) => n + b.rawChars, 0);
  const pageLinkDensity = rawChars === 0 ? 0 : linkChars / rawChars;
  const linkBlocks = s.blocks.filter((b) => linkDensity(b) > 0.7 && b.text.length > 15).length;
  const articleLike = s.bodyChars >= 400 || (s.bodyChars >= 200 && s.bodyParagraphs >= 2);

  if (url && HOME_PATH.test(path) && !url.search && !(s.declaresArticle && s.bodyChars >= 1500)) return 'home';
  if (s.declaresListing && !s.declaresArticle) return listingKind(path);
  // A column of linked headlines, each with a short summary, is a section or listing page even
  // though its summaries add up to a long text. A page calling itself an article gets more rope.
  const teaserRatio = s.declaresArticle ? 3 : 0.5;
  if (s.containerHeadlines >= 5 && s.containerHeadlines >= s.bodyParagraphs * teaserRatio) return listingKind(path);
  if (articleLike && (s.declaresArticle || s.bodyChars >= 800 || linkBlocks < 40 || pageLinkDensity < 0.6)) return 'article';
  if (linkBlocks >= 10 || pageLinkDensity > 0.5) return listingKind(path);
  return articleLike ? 'article' : 'unknown';
}

function listingKind(path: string): PageType {
  return SECTION_PATH.test(path) && !/\d{3,}/.test(path) ? 'section' : 'listing';
}

function decodeSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
