/**
 * Which part of the page is the article: paragraph-like blocks vote for their ancestors
 * (Readability's scheme: parent full weight, grandparent half, then a third per level), the votes
 * are discounted by each container's link density, and the best container plus its siblings that
 * score like it make the article.
 */
import type { Block } from './blocks.js';
import { classSignal, EXEMPT_TAGS } from './boilerplate.js';
import type { AnyNode, Element } from './dom.js';
import { ALL_RULES, type RuleSet } from './rules.js';
import { countCommas } from './text.js';

/**
 * Tags whose own text is one paragraph: their container is the parent. Table cells are not among
 * them: in table layouts the cell is the container of <br>-separated paragraphs.
 */
const LEAF_TAGS = new Set(['p', 'li', 'dd', 'dt', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const MAX_LEVELS = 5;
/** Shortest block (characters) whose vote counts; shorter ones are labels and links. */
const MIN_VOTING_CHARS = 25;

export interface Totals {
  chars: number;
  linkChars: number;
}

export interface MainContent {
  /** Elements whose subtrees hold the article. Empty when no block voted. */
  roots: Set<AnyNode>;
  top?: Element;
  score: number;
  totals: Map<AnyNode, Totals>;
}

export function linkDensity(block: Pick<Block, 'linkChars' | 'rawChars'>): number {
  return block.rawChars === 0 ? 0 : block.linkChars / block.rawChars;
}

function parentOf(node: AnyNode): AnyNode | null {
  return node.parent as AnyNode | null;
}

function classBonus(el: AnyNode): number {
  if (el.type !== 'tag') return 0;
  const e = el as Element;
  let bonus = 0;
  const signal = EXEMPT_TAGS.has(e.name) ? 'neutral' : classSignal(e);
  if (signal === 'positive') bonus += 25;
  else if (signal !== 'neutral') bonus -= 25;
  if (e.name === 'article' || e.name === 'main' || e.attribs.role === 'main') bonus += 25;
  // schema.org markup is the page saying where its article body is: worth more than any guess.
  if (e.attribs.itemprop === 'articleBody') bonus += 50;
  if (e.name === 'div' || e.name === 'section' || e.name === 'main') bonus += 5;
  else if (e.name === 'td' || e.name === 'blockquote' || e.name === 'pre') bonus += 3;
  else if (e.name === 'form' || e.name === 'ul' || e.name === 'ol' || e.name === 'dl') bonus -= 3;
  return bonus;
}

export function findMainContent(blocks: Block[], rules: RuleSet = ALL_RULES): MainContent {
  const totals = new Map<AnyNode, Totals>();
  for (const b of blocks) {
    let node: AnyNode | null = b.owner;
    let guard = 0;
    while (node && guard++ < 300) {
      let t = totals.get(node);
      if (!t) totals.set(node, (t = { chars: 0, linkChars: 0 }));
      t.chars += b.rawChars;
      t.linkChars += b.linkChars;
      node = parentOf(node);
    }
  }

  const scores = new Map<AnyNode, number>();
  for (const b of blocks) {
    if (b.kind === 'heading' || b.text.length < MIN_VOTING_CHARS || linkDensity(b) > 0.5) continue;
    const vote = 1 + countCommas(b.text) + Math.min(Math.floor(b.text.length / 100), 3);
    let node: AnyNode | null = LEAF_TAGS.has(b.owner.name) ? parentOf(b.owner) : b.owner;
    for (let level = 0; node && level < MAX_LEVELS; level++) {
      if (!scores.has(node)) scores.set(node, classBonus(node));
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(node, scores.get(node)! + vote / divider);
      node = parentOf(node);
    }
  }

  const ranked = [...scores.entries()]
    .map(([node, raw]) => {
      const t = totals.get(node);
      const density = t && t.chars > 0 ? t.linkChars / t.chars : 0;
      return { node, score: raw * (1 - density) };
    })
    .sort((a, b) => b.score - a.score);
  for (const r of ranked) scores.set(r.node, r.score);
  const first = ranked[0];
  if (!first || first.score <= 0) return { roots: new Set(), score: 0, totals };
  let top: AnyNode = first.node;
  let best = first.score;

  // Paragraphs each wrapped in their own box ("card") split the vote: when several of the best
  // candidates share an ancestor, that ancestor is the article (Readability's rule of three).
  const rivals = ranked.slice(1, 5).filter((r) => r.score >= best * 0.75);
  if (rules.refineCandidate && rivals.length >= 3) {
    const rivalAncestors = rivals.map((r) => ancestorsOf(r.node));
    for (let a = parentOf(top); a && !isBody(a); a = parentOf(a)) {
      if (rivalAncestors.filter((set) => set.has(a!)).length >= 3) {
        top = a;
        best = Math.max(best, scores.get(a) ?? 0);
        break;
      }
    }
  }
  // Climb while the parent scores higher: the article's paragraphs may sit in sibling wrappers.
  let lastScore = scores.get(top) ?? best;
  for (let a = parentOf(top); rules.refineCandidate && a && !isBody(a); a = parentOf(a)) {
    const s = scores.get(a);
    if (s === undefined) continue;
    if (s < lastScore / 3) break;
    if (s > lastScore) {
      top = a;
      best = s;
      break;
    }
    lastScore = s;
  }
  // A wrapper with a single child says nothing more than its child; widen to the wrapper.
  for (let p = parentOf(top); rules.refineCandidate && p && !isBody(p) && elementChildren(p) === 1; p = parentOf(p)) top = p;

  const roots = new Set<AnyNode>([top]);
  const parent = parentOf(top);
  if (rules.siblings && parent && 'children' in parent) {
    const threshold = Math.max(10, best * 0.2);
    for (const sibling of (parent as Element).children) {
      if (sibling === top || sibling.type !== 'tag') continue;
      const s = scores.get(sibling) ?? 0;
      if (s >= threshold) {
        roots.add(sibling);
        continue;
      }
      const sib = sibling as Element;
      if (sib.name === 'p') {
        const t = totals.get(sib);
        if (!t || t.chars === 0) continue;
        const density = t.linkChars / t.chars;
        if ((t.chars > 80 && density < 0.25) || (t.chars > 0 && density === 0 && t.chars > 40)) roots.add(sib);
      }
    }
  }
  return { roots, top: top as Element, score: best, totals };
}

function isBody(node: AnyNode): boolean {
  return node.type !== 'tag' || (node as Element).name === 'body' || (node as Element).name === 'html';
}

function ancestorsOf(node: AnyNode): Set<AnyNode> {
  const out = new Set<AnyNode>();
  let guard = 0;
  for (let a = parentOf(node); a && guard++ < 300; a = parentOf(a)) out.add(a);
  return out;
}

function elementChildren(node: AnyNode): number {
  let n = 0;
  for (const c of (node as Element).children) if (c.type === 'tag') n++;
  return n;
}

/** True when `node` lies inside one of `roots`. */
export function inside(node: AnyNode, roots: Set<AnyNode>): boolean {
  let n: AnyNode | null = node;
  let guard = 0;
  while (n && guard++ < 300) {
    if (roots.has(n)) return true;
    n = parentOf(n);
  }
  return false;
}
