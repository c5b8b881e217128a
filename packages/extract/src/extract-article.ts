/**
 * html + url → Article. Pure and synchronous; never throws: a page it cannot read comes back as
 * pageType 'unknown' with no paragraphs, so the caller records an outcome instead of crashing.
 */
import type { Article } from '@khabar/core';
import { collectBlocks, type Block } from './blocks.js';
import { filterBodyBlocks } from './body-filter.js';
import { findDateInText } from './dates.js';
import { capNesting } from './nesting-cap.js';
import { parseHtml, type AnyNode, type Document, type Element } from './dom.js';
import { detectLanguage } from './language.js';
import { findMainContent, inside } from './main-content.js';
import { authorsFromByline, readMetadata } from './metadata.js';
import { ruleSet, type Rule, type RuleSet } from './rules.js';
import { collectPageFacts } from './page-facts.js';
import { classifyPage } from './page-type.js';
import { squash } from './text.js';
import { chooseTitle } from './title.js';

/**
 * Bigger inputs are cut here: parsing is linear, so this bounds the time per page (about 1 s on
 * one core). Real article pages are well under 1 MB; the tail of a longer one is rarely the body.
 */
export const MAX_HTML_CHARS = 6_000_000;

export function emptyArticle(url: string): Article {
  return { url, canonicalUrl: url, title: '', paragraphs: [], text: '', authors: [], tags: [], pageType: 'unknown' };
}

export interface ExtractOptions {
  /** Rules to switch off, for measuring what each gains; production leaves this empty. */
  disableRules?: readonly Rule[];
}

export function extractArticle(html: string, url: string, options: ExtractOptions = {}): Article {
  try {
    return extractArticleOrThrow(html, url, options);
  } catch {
    // The pipeline must get an answer for every page; an extraction bug shows up as an 'unknown'
    // page, and extractArticleOrThrow (used by `khabar extract`) shows the bug itself.
    return emptyArticle(typeof url === 'string' ? url : '');
  }
}

/** Like extractArticle, but an internal failure throws instead of becoming an empty Article. */
export function extractArticleOrThrow(html: string, url: string, options: ExtractOptions = {}): Article {
  const rules = ruleSet(options.disableRules);
  return extract(typeof html === 'string' ? html : String(html ?? ''), typeof url === 'string' ? url : String(url ?? ''), rules);
}

function extract(input: string, url: string, rules: RuleSet): Article {
  const html = input.length > MAX_HTML_CHARS ? input.slice(0, MAX_HTML_CHARS) : input;
  const doc = parseHtml(capNesting(html));
  const facts = collectPageFacts(doc);
  const meta = readMetadata(facts, url);
  const { title, h1 } = chooseTitle(facts.h1s, meta.title, meta.titleTag, meta.siteName);
  let body = readBody(doc, title, facts.htmlLang, rules.classNames, rules);
  if (body.chars < RETRY_BELOW_CHARS && rules.retry && rules.classNames) {
    // Readability's lesson: when the article is short or missing, a class name probably hid it.
    const retry = readBody(doc, title, facts.htmlLang, false, rules);
    if (retry.chars > body.chars) body = retry;
  }
  const { blocks, kept } = body;
  const paragraphs = kept.map((b) => b.text);
  const text = paragraphs.join('\n\n');
  const language = detectLanguage(`${title}\n${text.slice(0, 20_000)}`, facts.htmlLang);

  const publishedAt = meta.publishedAt ?? visibleDate(h1, blocks, kept, language) ?? labelledDate(facts.dateTexts, language);
  const pageType = classifyPage({
    url,
    declaresArticle: meta.declaresArticle,
    declaresListing: meta.declaresListing,
    blocks,
    bodyChars: text.length,
    bodyParagraphs: paragraphs.length,
    containerHeadlines: body.headlines,
  });
  const lead = chooseLead(meta.description, paragraphs);

  const article: Article = {
    url,
    canonicalUrl: meta.canonicalUrl,
    title,
    paragraphs,
    text,
    authors: meta.authors.length > 0 ? meta.authors : visibleAuthors(blocks, kept),
    tags: meta.tags,
    pageType,
  };
  if (lead) article.lead = lead;
  if (publishedAt) article.publishedAt = publishedAt;
  if (meta.modifiedAt) article.modifiedAt = meta.modifiedAt;
  if (meta.siteName) article.siteName = meta.siteName;
  if (language) article.language = language;
  if (meta.image) article.image = meta.image;
  if (meta.section) article.section = meta.section;
  return article;
}

/** Shorter bodies are read again with class names ignored. */
const RETRY_BELOW_CHARS = 500;

interface Body {
  blocks: Block[];
  /** Headline links in the chosen container, outside labelled boxes. */
  headlines: number;
  kept: Block[];
  chars: number;
}

function readBody(doc: Document, title: string, htmlLang: string | undefined, trustClassNames: boolean, rules: RuleSet): Body {
  const { blocks } = collectBlocks(doc, { trustClassNames });
  const main = findMainContent(blocks, rules);
  const candidates = main.roots.size > 0 ? blocks.filter((b) => inside(b.owner, main.roots)) : [];
  // Only US English writes month first; the declared language is enough to read bylines.
  const language = htmlLang?.toLowerCase().split(/[-_]/)[0];
  const { kept, headlines } = filterBodyBlocks(candidates, { title, rules, roots: main.roots, ...(language ? { language } : {}) });
  return { blocks, headlines, kept, chars: kept.reduce((n, b) => n + b.text.length, 0) };
}

/** The declared description, unless it is empty or site boilerplate; else the first paragraph. */
function chooseLead(description: string | undefined, paragraphs: string[]): string | undefined {
  const d = description ? squash(description) : '';
  if (d.length >= 20) return d;
  const first = paragraphs.find((p) => p.length >= 60);
  return first;
}

/**
 * The byline date printed near the headline ("نشر في ... يوم 19 - 03 - 2025", "Publié le
 * 3 janvier 2025"): first the text right after the h1, then the short lines just before the body.
 */
function visibleDate(h1: Element | undefined, blocks: Block[], kept: Block[], language?: string): string | undefined {
  const options = language ? { language } : {};
  if (h1) {
    const after = textAfter(h1, 300);
    const d = findDateInText(after, options);
    if (d) return d;
  }
  const first = kept[0];
  if (first) {
    for (let i = Math.max(0, first.index - 8); i < Math.min(blocks.length, first.index + 3); i++) {
      const b = blocks[i]!;
      if (b.text.length > 200) continue;
      const d = findDateInText(b.text, options);
      if (d) return d;
    }
  }
  return undefined;
}

/**
 * Authors printed in a byline near the top of the body ("By Jane Morrow · March 19, 2025",
 * "بقلم: كريم العلوي"), for pages that declare none.
 */
function visibleAuthors(blocks: Block[], kept: Block[]): string[] {
  const first = kept[0];
  if (!first) return [];
  for (let i = Math.max(0, first.index - 8); i < Math.min(blocks.length, first.index + 3); i++) {
    const b = blocks[i]!;
    if (b.text.length > 120) continue;
    const authors = authorsFromByline(b.text, true);
    if (authors.length > 0) return authors;
  }
  return [];
}

/** The first date in an element labelled as one (class "date", "post-meta", "تاريخ"...). */
function labelledDate(texts: string[], language?: string): string | undefined {
  for (const text of texts) {
    const d = findDateInText(text, language ? { language } : {});
    if (d) return d;
  }
  return undefined;
}

/** Up to `limit` characters of text that follow `el` in document order. */
function textAfter(el: Element, limit: number): string {
  let out = '';
  let node: AnyNode | null = el;
  let steps = 0;
  const stack: AnyNode[] = [];
  // Next siblings of el, then of each ancestor, each walked depth-first.
  while (node && out.length < limit && steps < 2000) {
    let sibling: AnyNode | null = node.next;
    while (!sibling && node.parent) {
      node = node.parent as AnyNode;
      sibling = node.next;
    }
    if (!sibling) break;
    node = sibling;
    stack.push(sibling);
    while (stack.length > 0 && out.length < limit && steps++ < 2000) {
      const n = stack.pop()!;
      if (n.type === 'text') out += ` ${(n as unknown as { data: string }).data}`;
      else if (n.type === 'tag' && 'children' in n) {
        const children = (n as Element).children;
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      }
    }
  }
  return squash(out).slice(0, limit);
}
