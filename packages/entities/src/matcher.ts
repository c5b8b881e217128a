import type { EntityType } from '@khabar/core';
import type { CatalogEntity } from './catalog.js';
import { normalise, tokenize, type Token } from './normalise.js';
import { mayHaveProclitic, procliticReadings } from './proclitics.js';

/**
 * Finds catalog names in text. Aliases are normalised and split into words, then stored in a trie
 * keyed by whole words; the scan walks the text's words once, trying at each word the longest alias
 * that starts there (so "فلاديمير بوتين" is one mention, not two). The cost per word is bounded by
 * the longest alias, so the scan is linear in the text whatever the catalog's size.
 */

interface Candidate {
  entity: number;
  /** Listed under `contextual`: names the entity only if the article also names it in full. */
  contextual: boolean;
}

/** How a word of an alias must be written in the text, taken from how the catalog spells it. */
const enum Case {
  Any = 0,
  /** Starts with a capital: "Poutine" the president, not "poutine" the dish; "Trump", not "trump card". */
  Initial = 1,
  /** All capitals: "UN", not the French article "Un"; "WHO", not "Who". */
  Upper = 2,
}

interface Terminal {
  /** Empty for a stop phrase: the words are consumed and name nobody. */
  candidates: Candidate[];
  /** Per word of the alias. */
  cases: Case[];
}

interface TrieNode {
  next: Map<string, TrieNode> | undefined;
  terminal: Terminal | undefined;
}

export interface MatcherEntity {
  id: string;
  type: EntityType;
  names: Record<string, string>;
}

/** One mention of a catalog entity in the matched text. */
export interface Mention {
  id: string;
  type: EntityType;
  /** Offsets (UTF-16 code units) into the matched text; end is exclusive. */
  start: number;
  end: number;
  /** The text as written, e.g. "وبوتين". */
  surface: string;
}

export interface Matcher {
  readonly entities: readonly MatcherEntity[];
  /** Distinct normalised spellings in the trie. */
  readonly aliasCount: number;
  findMentions(text: string): Mention[];
}

function caseOf(word: string): Case {
  const first = word.charAt(0);
  if (first === first.toLowerCase()) return Case.Any;
  if (word.length >= 2 && word === word.toUpperCase()) return Case.Upper;
  return Case.Initial;
}

function caseAgrees(required: Case, word: string): boolean {
  if (required === Case.Any) return true;
  const first = word.charAt(0);
  if (first === first.toLowerCase()) return false;
  return required === Case.Initial || word === word.toUpperCase();
}

export function buildMatcher(catalog: readonly CatalogEntity[], stopPhrases: readonly string[] = []): Matcher {
  const root = new Map<string, TrieNode>();
  let aliasCount = 0;
  const entities: MatcherEntity[] = catalog.map((e) => ({ id: e.id, type: e.type, names: e.names as Record<string, string> }));

  const addSpelling = (spelling: string, entity: number | undefined, contextual: boolean) => {
    const words = tokenize(spelling);
    if (words.length === 0) return;
    const cases = words.map((w) => (w.arabic ? Case.Any : caseOf(spelling.slice(w.start, w.end))));
    let level = root;
    let node: TrieNode | undefined;
    for (const [i, word] of words.entries()) {
      node = level.get(word.norm);
      if (!node) {
        node = { next: undefined, terminal: undefined };
        level.set(word.norm, node);
      }
      if (i < words.length - 1) {
        node.next ??= new Map();
        level = node.next;
      }
    }
    if (!node) return;
    if (!node.terminal) {
      node.terminal = { candidates: [], cases };
      aliasCount++;
    } else {
      // Two spellings with one normalised form: require only what both require.
      node.terminal.cases = node.terminal.cases.map((c, i) => Math.min(c, cases[i] ?? Case.Any) as Case);
    }
    if (entity === undefined) return;
    const existing = node.terminal.candidates.find((c) => c.entity === entity);
    if (existing) existing.contextual &&= contextual;
    else node.terminal.candidates.push({ entity, contextual });
  };

  catalog.forEach((e, index) => {
    // A spelling listed as contextual stays contextual even when it is also a name ("عمان" is both
    // Oman's name and Amman's: neither may claim it alone).
    const contextual = new Set(e.contextual.map(normalise));
    for (const spelling of new Set([...Object.values(e.names as Record<string, string>), ...e.aliases])) {
      if (!contextual.has(normalise(spelling))) addSpelling(spelling, index, false);
    }
    for (const spelling of e.contextual) addSpelling(spelling, index, true);
  });
  for (const phrase of stopPhrases) addSpelling(phrase, undefined, false);

  return {
    entities,
    aliasCount,
    findMentions: (text) => resolve(scan(root, tokenize(text), text), entities, text),
  };
}

interface RawMatch {
  firstWord: number;
  /** Index of the word after the match. */
  endWord: number;
  start: number;
  end: number;
  terminal: Terminal;
}

function scan(root: Map<string, TrieNode>, words: Token[], text: string): RawMatch[] {
  const matches: RawMatch[] = [];
  const n = words.length;
  let bestLength = 0;
  let bestTerminal: Terminal | undefined;

  const walk = (first: TrieNode | undefined, i: number) => {
    let node = first;
    let j = i;
    while (node) {
      const terminal = node.terminal;
      if (terminal && j - i + 1 > bestLength && capitalsAgree(terminal, words, i, text)) {
        bestLength = j - i + 1;
        bestTerminal = terminal;
      }
      j++;
      if (j >= n || !node.next) break;
      node = node.next.get(words[j]!.norm);
    }
  };

  let i = 0;
  while (i < n) {
    const word = words[i]!;
    bestLength = 0;
    bestTerminal = undefined;
    walk(root.get(word.norm), i);
    if (word.arabic && mayHaveProclitic(word.norm)) {
      for (const reading of procliticReadings(word.norm)) {
        const node = root.get(reading);
        if (node) walk(node, i);
      }
    }
    if (bestTerminal) {
      const endWord = i + bestLength;
      matches.push({ firstWord: i, endWord, start: word.start, end: words[endWord - 1]!.end, terminal: bestTerminal });
      i = endWord;
    } else {
      i++;
    }
  }
  return matches;
}

function capitalsAgree(terminal: Terminal, words: Token[], first: number, text: string): boolean {
  const cases = terminal.cases;
  for (let k = 0; k < cases.length; k++) {
    const required = cases[k]!;
    if (required === Case.Any) continue;
    const word = words[first + k]!;
    if (!caseAgrees(required, text.slice(word.start, word.end))) return false;
  }
  return true;
}

/**
 * Turns raw matches into mentions. A spelling with one non-contextual candidate is a mention of it.
 * A shared or contextual spelling goes to the candidate the article names unambiguously (the nearest
 * such mention before it when several are named); with none named, to its only non-contextual
 * candidate; otherwise it is dropped rather than guessed. A title right before a name of the same
 * entity ("الرئيس الروسي فلاديمير بوتين") is one mention.
 */
function resolve(matches: RawMatch[], entities: MatcherEntity[], text: string): Mention[] {
  const sure: Array<number | undefined> = matches.map((m) => {
    const c = m.terminal.candidates;
    return c.length === 1 && !c[0]!.contextual ? c[0]!.entity : undefined;
  });
  const namedInFull = new Set(sure.filter((e) => e !== undefined));
  const resolved: Array<number | undefined> = matches.map((m, k) => {
    if (sure[k] !== undefined) return sure[k];
    const candidates = m.terminal.candidates;
    if (candidates.length === 0) return undefined;
    const named = candidates.filter((c) => namedInFull.has(c.entity));
    if (named.length === 1) return named[0]!.entity;
    if (named.length > 1) {
      for (let back = k - 1; back >= 0; back--) {
        const e = sure[back];
        if (e !== undefined && named.some((c) => c.entity === e)) return e;
      }
      return undefined;
    }
    const standalone = candidates.filter((c) => !c.contextual);
    return standalone.length === 1 ? standalone[0]!.entity : undefined;
  });

  const mentions: Mention[] = [];
  let previous: { entity: number; mention: Mention } | undefined;
  matches.forEach((m, k) => {
    const entity = resolved[k];
    if (entity === undefined) return;
    if (previous && previous.entity === entity && /^\s*$/.test(text.slice(previous.mention.end, m.start))) {
      previous.mention.end = m.end;
      previous.mention.surface = text.slice(previous.mention.start, m.end);
      return;
    }
    const e = entities[entity]!;
    const mention: Mention = { id: e.id, type: e.type, start: m.start, end: m.end, surface: text.slice(m.start, m.end) };
    mentions.push(mention);
    previous = { entity, mention };
  });
  return mentions;
}
