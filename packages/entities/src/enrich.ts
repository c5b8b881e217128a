import type { EntityMention, Enrichment } from '@khabar/core';
import type { Matcher, Mention } from './matcher.js';

/** What is matched: the article's own title and body, never page furniture. */
export interface EnrichInput {
  title: string;
  text: string;
  /** ISO 639-1 code; guessed from the text when absent. */
  language?: string;
}

/** The text positions refer to: title, a blank line, body (as EntityMention.firstPosition says). */
export function matchedText(input: EnrichInput): string {
  return `${input.title}\n\n${input.text}`;
}

const ARABIC_LETTER = /[\u0620-\u064a]/g;
const FRENCH_WORDS = /\b(?:le|la|les|des|du|est|une|et|dans|pour|qui|sur|avec|au|aux)\b/gi;
const ENGLISH_WORDS = /\b(?:the|and|of|is|in|to|that|for|with|on|was|by|has)\b/gi;

/** A cheap guess good enough to pick a display name: Arabic script, else French vs English words. */
export function guessLanguage(text: string): string {
  const sample = text.slice(0, 4000);
  const arabic = sample.match(ARABIC_LETTER)?.length ?? 0;
  if (arabic > sample.length * 0.2) return 'ar';
  const french = sample.match(FRENCH_WORDS)?.length ?? 0;
  const english = sample.match(ENGLISH_WORDS)?.length ?? 0;
  return french > english ? 'fr' : 'en';
}

/** Pairs of co-mentioned ids, each sorted ("Q22686|Q7747"), the list sorted too. */
export function coMentionPairs(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)].sort();
  const pairs: string[] = [];
  for (let a = 0; a < unique.length; a++) {
    for (let b = a + 1; b < unique.length; b++) pairs.push(`${unique[a]}|${unique[b]}`);
  }
  return pairs;
}

/** Per-entity summary of the mentions in one article. */
export function summarise(mentions: readonly Mention[], matcher: Matcher, titleLength: number, language: string): Enrichment {
  const byId = new Map<string, EntityMention>();
  for (const m of mentions) {
    const found = byId.get(m.id);
    const inTitle = m.start < titleLength;
    if (found) {
      found.count++;
      found.inTitle ||= inTitle;
      continue;
    }
    const entity = matcher.entity(m.id)!;
    byId.set(m.id, {
      id: m.id,
      name: entity.names[language] ?? entity.names.en!,
      type: m.type,
      count: 1,
      inTitle,
      firstPosition: m.start,
    });
  }
  // Most mentioned first; ties by first appearance, so the order is stable for a given text.
  const entities = [...byId.values()].sort((a, b) => b.count - a.count || a.firstPosition - b.firstPosition);
  return { entities, pairs: coMentionPairs(entities.map((e) => e.id)) };
}

export function enrichWith(matcher: Matcher, input: EnrichInput): Enrichment {
  if (typeof input?.title !== 'string' || typeof input.text !== 'string') {
    throw new TypeError(`enrich needs { title: string, text: string }, got title ${typeof input?.title} and text ${typeof input?.text}`);
  }
  const text = matchedText(input);
  const language = input.language?.slice(0, 2).toLowerCase() || guessLanguage(text);
  return summarise(matcher.findMentions(text), matcher, input.title.length, language);
}
