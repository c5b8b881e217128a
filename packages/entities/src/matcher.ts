import type { EntityType } from '@khabar/core';
import { standaloneSpellings, type CatalogEntity } from './catalog.js';
import { normalise, tokenize, type Token } from './normalise.js';
import { mayHaveProclitic, procliticReadingsOf } from './proclitics.js';

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
  /** The catalog entry behind an id, for names in other languages. */
  entity(id: string): MatcherEntity | undefined;
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
    for (const spelling of standaloneSpellings(e)) addSpelling(spelling, index, false);
    for (const spelling of e.contextual) addSpelling(spelling, index, true);
  });
  for (const phrase of stopPhrases) addSpelling(phrase, undefined, false);
  const entityTypes = entities.map((e) => e.type);

  const byId = new Map(entities.map((e) => [e.id, e]));
  return {
    entities,
    aliasCount,
    entity: (id) => byId.get(id),
    findMentions: (text) => {
      const shadowed = new Map<Terminal, number[]>();
      return resolve(scan(root, entityTypes, tokenize(text), text, shadowed), entities, text, shadowed);
    },
  };
}

interface RawMatch {
  /** A title of high office stands right before it ("President Medvedev", "الرئيس عباس"). */
  titled: boolean;
  /** An everyday description of a person stands before it ("المهندس عباس", "اللاعب ميدفيديف"). */
  described: boolean;
  firstWord: number;
  /** Index of the word after the match. */
  endWord: number;
  start: number;
  end: number;
  terminal: Terminal;
}

/** `shadowed` collects where family names follow someone else's given name ("Jonathan P. Blair"). */
function scan(root: Map<string, TrieNode>, entityTypes: readonly EntityType[], words: Token[], text: string, shadowed: Map<Terminal, number[]>): RawMatch[] {
  const startsAlias = (norm: string) => root.has(norm);
  const matches: RawMatch[] = [];
  const n = words.length;
  const best: { length: number; terminal: Terminal | undefined; dropsArticle: boolean } = { length: 0, terminal: undefined, dropsArticle: false };

  const walk = (first: TrieNode | undefined, i: number, dropsArticle: boolean) => {
    let node = first;
    let j = i;
    while (node) {
      const terminal = node.terminal;
      if (terminal && j - i + 1 > best.length && capitalsAgree(terminal, words, i, text)) {
        best.length = j - i + 1;
        best.terminal = terminal;
        best.dropsArticle = dropsArticle;
      }
      j++;
      if (j >= n || !node.next || !joinable(text, words[j - 1]!.end, words[j]!.start)) break;
      node = node.next.get(words[j]!.norm);
    }
  };

  let lowerCase: Set<string> | undefined;
  const lowerCaseWords = () => {
    lowerCase ??= new Set(words.filter((w) => !w.arabic && text.charAt(w.start) !== text.charAt(w.start).toUpperCase()).map((w) => w.norm));
    return lowerCase;
  };

  let i = 0;
  while (i < n) {
    const word = words[i]!;
    best.length = 0;
    best.terminal = undefined;
    const direct = root.get(word.norm);
    walk(direct, i, false);
    // A word that itself begins a name is read as written (لبنان is not ل + بنان).
    if (!direct && word.arabic && mayHaveProclitic(word.norm)) {
      for (const reading of procliticReadingsOf(word.norm)) {
        const node = root.get(reading.rest);
        if (node) walk(node, i, reading.dropsArticle);
      }
    }
    const terminal = best.terminal as Terminal | undefined; // set inside walk(), which the compiler cannot see
    let keep = terminal !== undefined;
    if (terminal && best.dropsArticle && terminal.candidates.length > 0 && terminal.candidates.every((c) => entityTypes[c.entity] === 'person')) keep = false;
    if (terminal && keep && best.length > 1 && isSomeoneElsesPatronymic(words, i, text)) keep = false;
    if (terminal && best.length === 1 && !word.arabic && terminal.candidates.length > 0) {
      const isPlace = terminal.candidates.every((c) => entityTypes[c.entity] === 'place');
      const verdict = familyNameVerdict(words, i, text, terminal, lowerCaseWords, isPlace, startsAlias);
      if (verdict === Verdict.SomeoneElse) shadowed.set(terminal, [...(shadowed.get(terminal) ?? []), word.start]);
      keep = verdict === Verdict.Stands;
    }
    if (terminal && keep) {
      const endWord = i + best.length;
      matches.push({ titled: afterTitle(words, i, text), described: afterDescription(words, i, text), firstWord: i, endWord, start: word.start, end: words[endWord - 1]!.end, terminal });
      i = endWord;
    } else {
      i++;
    }
  }
  return matches;
}

/** Arabic given names (normalised), and the second halves of compound ones (عبد العزيز). */
const GIVEN_NAMES = new Set(
  (
    'محمد احمد علي حسن حسين عمر عثمان خالد فيصل سلطان تركي نايف فهد منصور طحنون هزاع سيف حمدان مكتوم راشد سعود سعد ' +
    'بندر طلال الوليد وليد نواف ماجد متعب مقرن حمد جاسم تميم خليفه عيسى سلمان ناصر زايد ثامر هيثم قابوس شهاب اسعد ' +
    'بدر عادل يوسف ابراهيم مصطفى محمود عبدالله عبدالعزيز عبدالرحمن عبدالمجيد عبدالكريم عبدالاله عبداللطيف ' +
    'العزيز الرحمن الله الكريم المجيد الاله اللطيف الحميد الرزاق'
  )
    .split(' ')
    .map(normalise),
);

/**
 * "خالد بن سلمان", "Khalid bin Salman": a name that starts with بن/ابن/bin/ben right after a given name
 * is that person's patronymic (the son of Salman), not the catalog person usually called so.
 */
function isSomeoneElsesPatronymic(words: Token[], i: number, text: string): boolean {
  const word = words[i]!;
  const previous = words[i - 1];
  if (!previous || !/^[ \u00a0]{1,2}$/.test(text.slice(previous.end, word.start))) return false;
  if (word.arabic) {
    if (word.norm !== 'بن' && word.norm !== 'ابن') return false;
    const given = previous.norm;
    return GIVEN_NAMES.has(given) || (/^[وف]/.test(given) && GIVEN_NAMES.has(given.slice(1)));
  }
  if (word.norm !== 'bin' && word.norm !== 'ben' && word.norm !== 'ibn') return false;
  const before = text.slice(previous.start, previous.end);
  return before.length > 1 && before.charAt(0) !== before.charAt(0).toLowerCase() && !TITLES.has(previous.norm) && !CAPITALISED_WORDS.has(previous.norm);
}

/** Capitalised words that may stand before a family name without making it someone else's. */
const TITLES = new Set(
  (
    'president presidente prime premier minister ministre chancellor chancelier king queen roi reine pope pape prince princess ' +
    'sheikh cheikh emir sultan ayatollah mr mrs ms miss dr sen senator gov governor rep secretary general gen lt col adm ' +
    'former ex late sir dame lord lady madame monsieur m mme mlle leader chairman chief vice deputy speaker ambassador envoy ' +
    'foreign defense defence state interior finance supreme crown mister herr frau'
  ).split(' '),
);

/** Words capitalised for a reason other than being a name: sentence starts, days, months. */
const CAPITALISED_WORDS = new Set(
  (
    'the a an and but or nor so yet when while as if after before then also both now today yesterday tomorrow meanwhile ' +
    'however still even although though since because with without for in on at by from to of under over during despite ' +
    'unlike like here there this that these those it he she they we i what why how where who whom whose which only ' +
    'later earlier first finally again instead indeed perhaps last next previously recently currently initially eventually ' +
    'ultimately separately similarly likewise additionally furthermore moreover nevertheless nonetheless otherwise therefore ' +
    'thus hence overall once twice soon already ' +
    'mais et ou quand alors pour avec dans selon pendant depuis apres avant lors puis ainsi enfin hier demain le la les ' +
    'un une des du de ce cette ces il elle ils elles nous on ou si comme contre sans sous sur vers chez entre donc car ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
    'september october november december lundi mardi mercredi jeudi vendredi samedi dimanche'
  ).split(' '),
);

/** Whether a one-word Latin alias names the catalog entity here (see familyNameVerdict). */
const enum Verdict {
  Stands = 0,
  /** Not this time ("Brigitte Macron"), but say nothing about the rest of the article. */
  NotHere = 1,
  /** Someone else's family name ("Jonathan P. Blair"): alone, later in the article, it is still theirs. */
  SomeoneElse = 2,
}

/**
 * A family name alone, in Latin script, belongs to the catalog's person only if no other given name
 * stands right before it: "Jonathan P. Blair" and "arrested Matt Harris" are someone else, "Brigitte
 * Macron" is not Emmanuel. Titles ("President Trump", "Mr. Xi"), acronyms ("PM Netanyahu"), words
 * capitalised by position ("But Trump", "On Monday Trump") and, at a sentence start, words the
 * article also writes in lower case ("Make Trump ...") may precede it. Upper-case acronym aliases
 * (WHO, US) are refused inside all-capitals headlines ("WHO IS THE FRONT-RUNNER").
 */
function familyNameVerdict(
  words: Token[],
  i: number,
  text: string,
  terminal: Terminal,
  lowerCaseWords: () => Set<string>,
  isPlace: boolean,
  startsAlias: (norm: string) => boolean,
): Verdict {
  const word = words[i]!;
  const surface = text.slice(word.start, word.end);
  if (terminal.cases[0] === Case.Upper) {
    const shouting = (k: number) => {
      const w = words[k];
      if (!w || w.arabic || !joinable(text, Math.min(w.end, word.end), Math.max(w.start, word.start))) return false;
      const s = text.slice(w.start, w.end);
      return s.length >= 2 && s === s.toUpperCase() && s !== s.toLowerCase();
    };
    return shouting(i - 1) || shouting(i + 1) ? Verdict.NotHere : Verdict.Stands;
  }
  if (terminal.cases[0] !== Case.Initial || surface === surface.toUpperCase()) return Verdict.Stands;
  if (isPlace && startsAnotherName(words, i, text, startsAlias)) return Verdict.NotHere;
  const previous = words[i - 1];
  const gap = previous ? text.slice(previous.end, word.start) : '';
  if (!previous || previous.arabic || !/^[ \u00a0.]{1,2}$/.test(gap)) return Verdict.Stands;
  const before = text.slice(previous.start, previous.end);
  if (before.charAt(0) === before.charAt(0).toLowerCase()) return Verdict.Stands;
  if (before.length >= 2 && before === before.toUpperCase()) return Verdict.Stands;
  if (TITLES.has(previous.norm) || CAPITALISED_WORDS.has(previous.norm)) return Verdict.Stands;
  if (before.length === 1) return Verdict.SomeoneElse;
  // "Trump. Trump said": a full stop after a whole word ends a sentence.
  if (gap.includes('.')) return Verdict.Stands;
  const lead = text.slice(Math.max(0, previous.start - 3), previous.start).trimEnd();
  const sentenceStart = lead === '' || /[.!?:;"“«(\n]$/.test(lead);
  if (!sentenceStart) return Verdict.SomeoneElse;
  return lowerCaseWords().has(previous.norm) ? Verdict.Stands : Verdict.NotHere;
}

/**
 * A one-word place name followed by a capitalised word that begins no catalog name is part of
 * another name: "Jordan Bardella", "Paris Hilton", "Israel Defense Forces" (but "Russia Ukraine war"
 * names both countries).
 */
function startsAnotherName(words: Token[], i: number, text: string, startsAlias: (norm: string) => boolean): boolean {
  const next = words[i + 1];
  if (!next || next.arabic) return false;
  const gap = text.slice(words[i]!.end, next.start);
  if (gap !== ' ' && gap !== '\u00a0') return false;
  const first = text.charAt(next.start);
  if (first === first.toLowerCase()) return false;
  return !startsAlias(next.norm) && !CAPITALISED_WORDS.has(next.norm);
}

/** Titles of office that make a contextual family name count on its own. */
const OFFICE_TITLES = new Set(
  (
    'president président presidente chancellor chancelier king roi queen reine pope pape premier sheikh cheikh emir sultan ' +
    'الرييس الملك العاهل الامير المستشار البابا السلطان الشيخ'
  ).split(' '),
);

/**
 * Everyday descriptions of a person in Arabic news. A name that needs context to count (عباس, ماسك)
 * right after one of these is someone else: the catalog's holder would carry an office title.
 */
const PERSON_DESCRIPTIONS = new Set(
  (
    'المهندس المهندسه الدكتور الدكتوره السيد السيده الشاب الشابه المواطن المواطنه الحارس اللاعب المدرب الفنان الفنانه ' +
    'الطالب الطالبه الكاتب الكاتبه الصحفي الصحفيه الطفل الطفله المحامي المحاميه الاستاذ الاستاذه الحاج الحاجه الممثل الممثله'
  ).split(' '),
);

function afterDescription(words: Token[], i: number, text: string): boolean {
  const previous = words[i - 1];
  if (!previous || !previous.arabic || !/^[ \u00a0]{1,2}$/.test(text.slice(previous.end, words[i]!.start))) return false;
  return PERSON_DESCRIPTIONS.has(previous.norm) || (/^[وف]/.test(previous.norm) && PERSON_DESCRIPTIONS.has(previous.norm.slice(1)));
}

function afterTitle(words: Token[], i: number, text: string): boolean {
  const previous = words[i - 1];
  if (!previous || !/^[ \u00a0]{1,2}$/.test(text.slice(previous.end, words[i]!.start))) return false;
  if (OFFICE_TITLES.has(previous.norm)) return true;
  // و/ف glued to an Arabic title: والرئيس عباس
  return previous.arabic && /^[وف]/.test(previous.norm) && OFFICE_TITLES.has(previous.norm.slice(1));
}

/**
 * Whether two words can belong to one name: only spaces, hyphens, dots and apostrophes may sit
 * between them ("Jean-Noël", "U.N.", "J. D. Vance"), so "United Nations (UN) General Assembly" does
 * not read "UN) General Assembly" and a name never runs across a comma or a line break.
 */
function joinable(text: string, from: number, to: number): boolean {
  if (to - from > 3) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // space, no-break space, '-', '.', apostrophes, hyphen, non-breaking hyphen
    if (c !== 0x20 && c !== 0xa0 && c !== 0x2d && c !== 0x2e && c !== 0x27 && c !== 0x2019 && c !== 0x2010 && c !== 0x2011) return false;
  }
  return true;
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
function resolve(matches: RawMatch[], entities: MatcherEntity[], text: string, shadowed: Map<Terminal, number[]>): Mention[] {
  // A family name shadowed by someone else's given name elsewhere in the article is not sure.
  const sure: Array<number | undefined> = matches.map((m) => {
    const c = m.terminal.candidates;
    if (shadowed.has(m.terminal) && m.endWord - m.firstWord === 1) return undefined;
    return c.length === 1 && !c[0]!.contextual ? c[0]!.entity : undefined;
  });
  const namedInFull = new Set(sure.filter((e) => e !== undefined));
  const resolved: Array<number | undefined> = matches.map((m, k) => {
    if (sure[k] !== undefined) return sure[k];
    const candidates = m.terminal.candidates;
    if (candidates.length === 0) return undefined;
    if (m.described && candidates.every((c) => c.contextual)) return undefined;
    const named = candidates.filter((c) => namedInFull.has(c.entity));
    if (named.length === 1) return named[0]!.entity;
    if (named.length > 1) {
      for (let back = k - 1; back >= 0; back--) {
        const e = sure[back];
        if (e !== undefined && named.some((c) => c.entity === e)) return e;
      }
      // Nobody named yet ("Biden and Hunter Biden"): the one who owns the name alone, if any.
      const owner = named.filter((c) => !c.contextual);
      return owner.length === 1 ? owner[0]!.entity : undefined;
    }
    const standalone = candidates.filter((c) => !c.contextual);
    if (standalone.length === 1) return standalone[0]!.entity;
    // "President Medvedev", "الرئيس عباس": an office title singles out the one catalog holder of the name.
    return m.titled && candidates.length === 1 ? candidates[0]!.entity : undefined;
  });

  // After "Jonathan P. Blair", "Blair" alone is him until Tony Blair is named in full again.
  matches.forEach((m, k) => {
    const entity = resolved[k];
    const others = shadowed.get(m.terminal);
    if (entity === undefined || !others || m.endWord - m.firstWord !== 1) return;
    const lastOther = Math.max(-1, ...others.filter((at) => at < m.start));
    let lastOurs = -1;
    matches.forEach((n, j) => {
      if (sure[j] === entity && n.start < m.start && n.endWord - n.firstWord > 1) lastOurs = Math.max(lastOurs, n.start);
    });
    if (lastOurs < lastOther || (lastOther < 0 && lastOurs < 0)) resolved[k] = undefined;
  });

  const mentions: Mention[] = [];
  let previous: { entity: number; mention: Mention } | undefined;
  matches.forEach((m, k) => {
    const entity = resolved[k];
    if (entity === undefined) return;
    if (previous && previous.entity === entity && /^[ \u00a0]*$/.test(text.slice(previous.mention.end, m.start))) {
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
