/**
 * One pass over the whole tree collecting the machine-readable facts a page declares about itself:
 * meta tags, JSON-LD, <link> relations, <time> elements, <html lang>, <title> and the h1s.
 * Rules downstream read these facts; none of them walks the tree again.
 */
import { attr, forEachElement, shortTextOf, textOf, type Document, type Element } from './dom.js';
import { squash } from './text.js';

export interface TimeFact {
  datetime?: string;
  text: string;
  /** itemprop="datePublished" / pubdate attribute / itemprop="dateModified". */
  role?: 'published' | 'modified';
}

export interface PageFacts {
  /** Lower-cased property/name/itemprop → values in document order. */
  meta: Map<string, string[]>;
  /** Parsed JSON-LD objects, @graph flattened. */
  jsonLd: Record<string, unknown>[];
  canonical?: string;
  htmlLang?: string;
  titleTag?: string;
  h1s: Element[];
  times: TimeFact[];
  /** Text of rel=author links and itemprop=author elements. */
  authorTexts: string[];
  /** Text of rel=tag links. */
  tagTexts: string[];
  /** Short texts of elements whose class or id says byline or author. */
  bylineTexts: string[];
  /** Short texts of elements whose class or id says date, time or published. */
  dateTexts: string[];
}

function pushMeta(meta: Map<string, string[]>, key: string, value: string): void {
  const k = key.toLowerCase().trim();
  const v = squash(value);
  if (!k || !v) return;
  const list = meta.get(k);
  if (list) list.push(v);
  else meta.set(k, [v]);
}

function flattenJsonLd(value: unknown, out: Record<string, unknown>[], depth = 0): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value.slice(0, 50)) flattenJsonLd(v, out, depth + 1);
    return;
  }
  const obj = value as Record<string, unknown>;
  out.push(obj);
  if (Array.isArray(obj['@graph'])) flattenJsonLd(obj['@graph'], out, depth + 1);
  if (obj.mainEntity && typeof obj.mainEntity === 'object') flattenJsonLd(obj.mainEntity, out, depth + 1);
}

function parseJsonLd(raw: string, out: Record<string, unknown>[]): void {
  if (raw.length > 2_000_000) return;
  const cleaned = raw.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').replace(/^\s*\/\/.*$/gm, '').trim();
  try {
    flattenJsonLd(JSON.parse(cleaned), out);
  } catch {
    // Sites ship broken JSON-LD (trailing commas, raw newlines in strings); one lenient retry.
    try {
      flattenJsonLd(JSON.parse(cleaned.replace(/[\n\r\t]/g, ' ').replace(/,\s*([}\]])/g, '$1')), out);
    } catch {
      /* unreadable markup is the page's problem; the other sources still count */
    }
  }
}

const DATE_CLASS = /date|time|publish|posted|byline|meta|تاريخ/i;
const LABELLED = /date|time|publish|posted|byline|meta|تاريخ|author|auteur|signature|writer|كاتب/i;

/** Short texts of elements labelled as bylines or dates, for the visible-text fallbacks. */
function collectLabelled(el: Element, cls: string | undefined, label: string, facts: PageFacts): void {
  if (inForm(el)) return;
  if (cls !== undefined && facts.bylineTexts.length < 5 && BYLINE_CLASS.test(cls) && !AUTHOR_BIO.test(cls)) {
    const text = squash(shortTextOf(el, 120) ?? '');
    if (text.length > 0 && text.length <= 120) facts.bylineTexts.push(text);
  }
  if (facts.dateTexts.length < 5 && DATE_CLASS.test(label)) {
    const text = squash(shortTextOf(el, 100) ?? '');
    if (text.length > 0 && text.length <= 100) facts.dateTexts.push(text);
  }
}
const BYLINE_CLASS = /byline|author|auteur|signature|writer|كاتب/i;
const AUTHOR_BIO = /bio|avatar|photo|image|img|box|profile|about|more|list/i;

/** Comment forms name their fields "author" too. */
function inForm(el: Element): boolean {
  let n: Element | null = el;
  for (let i = 0; n && i < 8; i++, n = n.parent as Element | null) {
    if (n.type !== 'tag') return false;
    if (n.name === 'form' || n.name === 'label' || n.name === 'input' || n.name === 'textarea') return true;
  }
  return false;
}

export function collectPageFacts(doc: Document): PageFacts {
  const facts: PageFacts = { meta: new Map(), jsonLd: [], h1s: [], times: [], authorTexts: [], tagTexts: [], bylineTexts: [], dateTexts: [] };
  forEachElement(doc, (el: Element) => {
    const name = el.name;
    switch (name) {
      case 'html':
        facts.htmlLang ??= attr(el, 'lang') ?? attr(el, 'xml:lang');
        break;
      case 'title':
        if (facts.titleTag === undefined) facts.titleTag = squash(textOf(el));
        return false;
      case 'meta': {
        const content = attr(el, 'content');
        if (content === undefined) break;
        for (const key of ['property', 'name', 'itemprop', 'http-equiv']) {
          const k = attr(el, key);
          if (k) for (const part of k.split(/\s+/)) pushMeta(facts.meta, part, content);
        }
        break;
      }
      case 'link': {
        const rel = (attr(el, 'rel') ?? '').toLowerCase();
        const href = attr(el, 'href');
        if (href && /(?:^|\s)canonical(?:\s|$)/.test(rel)) facts.canonical ??= href.trim();
        break;
      }
      case 'script': {
        const type = (attr(el, 'type') ?? '').toLowerCase();
        if (type.includes('ld+json')) parseJsonLd(rawText(el), facts.jsonLd);
        return false;
      }
      case 'style':
        return false;
      case 'h1':
        facts.h1s.push(el);
        break;
      case 'time': {
        const itemprop = (attr(el, 'itemprop') ?? '').toLowerCase();
        const role = itemprop === 'datepublished' || 'pubdate' in el.attribs ? 'published' : itemprop === 'datemodified' ? 'modified' : undefined;
        const datetime = attr(el, 'datetime');
        facts.times.push({ text: squash(textOf(el)), ...(datetime ? { datetime } : {}), ...(role ? { role } : {}) });
        break;
      }
      case 'a': {
        const rel = el.attribs.rel?.toLowerCase();
        if (!rel) break;
        if (/(?:^|\s)author(?:\s|$)/.test(rel)) facts.authorTexts.push(squash(textOf(el)));
        if (/(?:^|\s)tag(?:\s|$)/.test(rel)) facts.tagTexts.push(squash(textOf(el)));
        break;
      }
    }
    const cls = el.attribs.class;
    const label = cls ?? el.attribs.id;
    // One cheap test rejects almost every element before the two specific ones run.
    if (label !== undefined && LABELLED.test(label)) collectLabelled(el, cls, label, facts);
    const itemprop = attr(el, 'itemprop');
    if (itemprop && name !== 'meta') {
      const prop = itemprop.toLowerCase();
      if (prop === 'author' || prop === 'creator') {
        const nameEl = findItemName(el);
        facts.authorTexts.push(squash(nameEl ?? textOf(el)));
      } else if ((prop === 'datepublished' || prop === 'datemodified') && name !== 'time') {
        const value = attr(el, 'content') ?? attr(el, 'datetime') ?? squash(textOf(el));
        facts.times.push({ text: value, datetime: value, role: prop === 'datepublished' ? 'published' : 'modified' });
      }
    }
    return true;
  });
  return facts;
}

/** Script bodies are raw text children; textOf skips scripts on purpose. */
function rawText(el: Element): string {
  let out = '';
  for (const child of el.children) if (child.type === 'text') out += (child as unknown as { data: string }).data;
  return out;
}

function findItemName(el: Element): string | undefined {
  let out: string | undefined;
  forEachElement(el, (child) => {
    if (out !== undefined) return false;
    if (child !== el && (attr(child, 'itemprop') ?? '').toLowerCase() === 'name') {
      out = attr(child, 'content') ?? textOf(child);
      return false;
    }
    return true;
  });
  return out;
}
