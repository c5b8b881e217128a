/**
 * Text-level boilerplate rules applied to the blocks of the chosen container: link lists,
 * bylines and datelines, "advertisement" / "read more" / "share" lines, a repeated title, and
 * subheadings left with no paragraph after them.
 */
import type { Block } from './blocks.js';
import { findDateMatch } from './dates.js';
import type { AnyNode, Element } from './dom.js';
import { linkDensity } from './main-content.js';
import { ALL_RULES, type RuleSet } from './rules.js';
import { countWords, squash } from './text.js';

/**
 * Whole-line furniture in the languages Khabar reads first, matched only on short lines: ad
 * labels, share/print bars, "read also" and "you may also like" headers, comment counters,
 * newsletter and follow prompts, photo credits, reading-time labels, the aggregator pop-up and
 * "read it at the source" link.
 */
const FURNITURE = new RegExp(
  [
    '^(?:advertisement|advertisements?|advert|sponsored(?: content| links)?|ads?|publicité|publicite|anzeige|iklan|إعلان|اعلان|مساحة إعلانية)$',
    '^(?:share|share this|share this (?:article|story)|share on \\w+|tweet|email|print|partager|imprimer|شارك|مشاركة|طباعة)\\b',
    '^(?:read more|read also|see also|related(?: articles| stories| posts)?|more from|more in|continue reading|lire aussi|à lire aussi|a lire aussi|voir aussi|lire la suite|اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|اقرأ المزيد|مواضيع ذات صلة|أخبار ذات صلة|المزيد)',
    '^(?:you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|recommended(?: for you)?|most (?:read|popular)|trending|highlights|more stories|top stories|vous aimerez aussi|الأكثر قراءة)',
    '^(?:tags?|keywords|filed under|more|related|topics|mots-clés|الوسوم|كلمات مفتاحية)\\s*:',
    '^(?:tags?|comments?|\\d+ comments?|post comment|leave a comment|add comment|commentaires?|التعليقات|تعليقات)\\s*(?:\\(\\+\\)|\\(\\d+\\))?$',
    '^(?:previous|next) (?:post|article|story)$',
    '^(?:image|photo|slide) \\d+ (?:of|/) \\d+$',
    '^loading\\b',
    '(?:reading time|min(?:ute)?s? read|temps de lecture|tempo de leitura|دقائق للقراءة)',
    '^(?:sign up|subscribe|newsletter|follow us|abonnez-vous|inscrivez-vous|تابعونا|اشترك)',
    '^(?:photo|image|credit|crédit|source|المصدر|صورة)\\s*[:：]',
    '(?:all rights reserved|tous droits réservés|جميع الحقوق محفوظة)',
    '(?:شكرا على الإبلاغ|سيتم حجب هذه الصورة|انقر هنا لقراءة الخبر من مصدره|لقراءة الخبر من مصدره)',
    '^(?:accept(?: all)? cookies|we use cookies|this (?:site|website) uses cookies|nous utilisons des cookies)',
  ].join('|'),
  'iu',
);

/** Bylines: "By Phil Helsel", "Par Jean Dupont", "بقلم ...". */
const BYLINE = /^(?:[Bb]y|BY|[Ww]ritten by|[Pp]ar|[Pp]or|[Vv]on|[Dd]i|[Dd]oor|[Pp]osted (?:on|by)|[Pp]ublished (?:on|by)|[Pp]ublié le|[Uu]pdated(?: at| on)?|[Mm]is à jour|بقلم|كتب|كتبت|نشر في|آخر تحديث)\s+[\p{Lu}\p{Lo}\p{N}]/u;

/** A line that is only an address: e-mail, URL or social handle. */
const ADDRESS_ONLY = /^(?:[\w.+-]+@[\w-]+\.[\w.-]+|(?:https?:\/\/|www\.)\S+|[\w-]+\.(?:com|org|net)\/\S*|@\w+)$/i;

/** Photo credits and captions that lost their <figcaption>. */
const CREDIT = /(?:getty images|shutterstock|\bap photo\b|\bafp\b|\breuters\b|\bepa\b|\/\s*ap$|imago|alamy|istock)/i;

/** Agency and contributor lines under the story. */
const CONTRIBUTORS = /^\(?(?:reporting by|additional reporting|writing by|editing by|compiled by)|contributed (?:reporting|to this report)|^associated press writers?\b/i;

/** Short prompts that close many articles: follow, e-mail, tips, newsletters, forums. */
const PROMPT = /^(?:follow (?:us|me|him|her|them)\b|(?:e-?mail|contact) [\p{L} .]+ at\b|have a (?:news )?tip\b|join our\b|get the latest\b|sign up\b|subscribe\b|don't miss\b|like this (?:story|article)\b)/iu;

export interface FilterContext {
  title?: string;
  /** The chosen containers: a labelled box is dropped whole only when it is not one of them. */
  roots?: Set<AnyNode>;
  rules?: RuleSet;
  language?: string;
}

function isFurniture(text: string, words: number): boolean {
  if (words <= 14 && (FURNITURE.test(text) || PROMPT.test(text))) return true;
  if (words <= 10 && BYLINE.test(text) && !/[.!?؟]$/.test(text)) return true;
  if (words <= 14 && CREDIT.test(text) && !/[.!?؟"”]$/.test(text)) return true;
  if (text.startsWith('©') && words <= 40) return true;
  if (/^\d+$/.test(text) || ADDRESS_ONLY.test(text)) return true;
  return words <= 60 && CONTRIBUTORS.test(text);
}

/** A short line carrying a date is a byline or dateline, not body. */
function isDateline(text: string, words: number, language?: string): boolean {
  if (words > 14 || !HAS_YEAR.test(text)) return false;
  return findDateMatch(text, language ? { language } : {}) !== undefined;
}

/** Every supported date form has a four-digit year; a cheap test before the big patterns. */
const HAS_YEAR = /[0-9\u0660-\u0669\u06F0-\u06F9]{4}/;

function letters(s: string): string {
  return squash(s).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The title repeated in the body, ignoring case, spacing and punctuation. */
function repeatsTitle(text: string, title: string | undefined, titleLetters: string): boolean {
  if (!title || text.length > title.length * 1.5 + 10 || text.length * 1.5 + 10 < title.length) return false;
  return letters(text) === titleLetters;
}

function linkLike(b: Block | undefined): boolean {
  if (!b) return false;
  const density = linkDensity(b);
  return density > 0.5 || (countWords(b.text) < 12 && density > 0.3);
}

/** "Most read", "آخر الأخبار", "À lire aussi": a short unpunctuated label over a list of links. */
function isListLabel(b: Block, next: Block | undefined, words: number): boolean {
  // An embedded post after a subheading ("Club statement", then a tweet) is content, not a list.
  return words <= 6 && !/[.!?؟:،,]$/.test(b.text) && next !== undefined && !next.quoted && linkLike(next);
}

/** Headings that name a box of something else: comments, related or most-read stories. */
const SECTION_LABEL = new RegExp(
  '^(?:comments?|\\d+ comments?|reader comments|leave a (?:comment|reply)|related(?: articles| stories| posts| news)?|you (?:may|might) also like|more (?:from|in|stories)|most (?:read|popular|viewed)|trending(?: now)?|recommended(?: for you)?|' +
    'commentaires|réactions|à lire aussi|a lire aussi|lire aussi|sur le même sujet|les plus lus|' +
    'التعليقات|تعليقات|اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|مواضيع ذات صلة|أخبار ذات صلة|مقالات ذات صلة|الأكثر قراءة|الأكثر مشاهدة|الأكثر تعليقا|آخر الأخبار)\\s*:?$',
  'iu',
);

/** The box a label heads: the heading's parent, or the element holding the bare label text. */
function labelledBox(b: Block): Element | undefined {
  const box = b.kind === 'heading' || b.kind === 'paragraph' ? b.owner.parent : b.owner;
  return box && box.type === 'tag' && (box as Element).name !== 'body' ? (box as Element) : undefined;
}

function within(node: AnyNode, box: Element): boolean {
  let n: AnyNode | null = node;
  for (let guard = 0; n && guard < 300; guard++, n = n.parent as AnyNode | null) if (n === box) return true;
  return false;
}

export interface FilteredBody {
  kept: Block[];
  /**
   * Headline links (mostly-link blocks of 15+ characters) outside labelled boxes: many of them
   * beside little prose make a section or listing page.
   */
  headlines: number;
}

export function filterBodyBlocks(blocks: Block[], ctx: FilterContext): FilteredBody {
  const kept: Block[] = [];
  let headlines = 0;
  const titleLetters = ctx.title ? letters(ctx.title) : '';
  const rules = ctx.rules ?? ALL_RULES;
  let droppedBox: Element | undefined;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (droppedBox) {
      if (within(b.owner, droppedBox)) continue;
      droppedBox = undefined;
    }
    if (rules.labelledBoxes && b.text.length < 40 && SECTION_LABEL.test(b.text)) {
      // "التعليقات", "Most read", "À lire aussi": the box it heads goes with it, unless the box is
      // the article container itself (then only the label and the link list under it go).
      const box = labelledBox(b);
      if (box && !ctx.roots?.has(box)) droppedBox = box;
      continue;
    }
    if (b.text.length >= 15 && linkDensity(b) > 0.5) headlines++;
    const words = countWords(b.text);
    if (words === 0) continue;
    if (b.quoted) {
      // Quotes and embedded posts (a tweet's text, "— Name (@handle) March 19, 2025") are part
      // of the story, links and dates included; only a quote that is all links is not.
      if (!(rules.linkDensity && linkDensity(b) > 0.8 && words < 12)) kept.push(b);
      continue;
    }
    if (rules.linkDensity && linkLike(b)) continue;
    if (rules.listLabels && isListLabel(b, blocks[i + 1], words)) continue;
    if (b.kind === 'heading' && b.level === 1) continue;
    if (repeatsTitle(b.text, ctx.title, titleLetters)) continue;
    if (rules.furniture && isFurniture(b.text, words)) continue;
    if (rules.datelines && isDateline(b.text, words, ctx.language)) continue;
    kept.push(b);
  }
  // A subheading with no paragraph under it introduced a widget that was removed.
  const out: Block[] = [];
  for (let i = 0; i < kept.length; i++) {
    const b = kept[i]!;
    if (rules.trailingHeadings && b.kind === 'heading') {
      const next = kept[i + 1];
      if (!next || next.kind === 'heading') continue;
    }
    out.push(b);
  }
  return { kept: out, headlines };
}
