/**
 * The page body flattened into text blocks in reading order: every run of text between two
 * block-level boundaries becomes one block owned by its nearest block-level element. Boilerplate
 * subtrees (boilerplate.ts) are not entered. This is the only full walk of the body.
 */
import { judgeElement } from './boilerplate.js';
import { MAX_DEPTH, type AnyNode, type Element } from './dom.js';
import { squash } from './text.js';

export type BlockKind = 'paragraph' | 'heading' | 'item' | 'quote' | 'pre' | 'cell' | 'text';

export interface Block {
  text: string;
  /** Characters of the raw text inside links (before whitespace was squashed). */
  linkChars: number;
  rawChars: number;
  owner: Element;
  kind: BlockKind;
  /** Heading level 1-6 for headings. */
  level?: number;
  /** Position in reading order. */
  index: number;
  /** Inside a <blockquote> (quotes, embedded posts). */
  quoted: boolean;
  /** Inside an element marked itemprop="articleBody" (schema.org). */
  marked: boolean;
}

const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'blockquote', 'pre', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'form', 'center', 'figure', 'address',
  'hr', 'fieldset', 'details', 'summary', 'body', 'html', 'caption', 'hgroup', 'output',
]);

function kindOf(el: Element): { kind: BlockKind; level?: number } {
  switch (el.name) {
    case 'p':
      return { kind: 'paragraph' };
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
      return { kind: 'heading', level: Number(el.name[1]) };
    case 'li': case 'dd': case 'dt':
      return { kind: 'item' };
    case 'blockquote':
      return { kind: 'quote' };
    case 'pre':
      return { kind: 'pre' };
    case 'td': case 'th':
      return { kind: 'cell' };
    default:
      return { kind: 'text' };
  }
}

export interface BlockTree {
  blocks: Block[];
}

export interface CollectOptions {
  /**
   * Drop subtrees whose class/id words say chrome unless they hold running text (default). Off,
   * class names are ignored: the retry for pages whose whole article sits under a careless name.
   */
  trustClassNames?: boolean;
}

export function collectBlocks(root: AnyNode, options: CollectOptions = {}): BlockTree {
  const trustClassNames = options.trustClassNames ?? true;
  const blocks: Block[] = [];
  let buffer = '';
  let linkChars = 0;
  let quoteDepth = 0;
  let markedDepth = 0;

  let hasText = false;

  const flush = (owner: Element): void => {
    if (!hasText) {
      // Whitespace between tags: most flushes on a real page, and squash() would allocate.
      buffer = '';
      linkChars = 0;
      return;
    }
    hasText = false;
    const text = squash(buffer);
    if (text.length > 0) {
      const { kind, level } = kindOf(owner);
      blocks.push({ text, linkChars, rawChars: buffer.length, owner, kind, level, index: blocks.length, quoted: quoteDepth > 0, marked: markedDepth > 0 });
    }
    buffer = '';
    linkChars = 0;
  };

  const walk = (node: AnyNode, owner: Element, depth: number, inLink: boolean): void => {
    if (depth > MAX_DEPTH) return;
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      buffer += data;
      if (!hasText && NON_SPACE.test(data)) hasText = true;
      if (inLink) linkChars += data.length;
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    if (node.type === 'tag') {
      const el = node as Element;
      const verdict = judgeElement(el);
      if (verdict === 'skip') return;
      if (el.name === 'tr' && isDataRow(el)) {
        // A row of short cells is one line of a data table ("1 Kyle Busch 5040"), not a column
        // of a page layout: its cells join into one block.
        flush(owner);
        for (const cell of el.children) {
          if (cell.type !== 'tag') continue;
          for (const child of (cell as Element).children) walk(child, el, depth + 2, inLink);
          buffer += ' ';
        }
        flush(el);
        return;
      }
      if (verdict === 'doubt' && trustClassNames && BLOCK_TAGS.has(el.name) && markedDepth === 0) {
        // Read it, then drop what it added unless it holds running text (an article wrapper
        // with a careless name) rather than labels and links.
        flush(owner);
        const start = blocks.length;
        for (const child of el.children) walk(child, el, depth + 1, inLink);
        flush(el);
        if (!holdsProse(blocks, start)) blocks.length = start;
        return;
      }
      if (el.name === 'br') {
        flush(owner);
        return;
      }
      if (BLOCK_TAGS.has(el.name)) {
        flush(owner);
        const quote = el.name === 'blockquote';
        const marked = el.attribs.itemprop === 'articleBody';
        if (quote) quoteDepth++;
        if (marked) markedDepth++;
        for (const child of el.children) walk(child, el, depth + 1, inLink);
        flush(el);
        if (quote) quoteDepth--;
        if (marked) markedDepth--;
        return;
      }
      const link = inLink || (el.name === 'a' && el.attribs.href !== undefined);
      for (const child of el.children) walk(child, owner, depth + 1, link);
      return;
    }
    for (const child of (node as unknown as { children: AnyNode[] }).children) walk(child, owner, depth + 1, inLink);
  };

  const body = findBody(root);
  walk(body, body as Element, 0, false);
  flush(body as Element);
  return { blocks };
}

const NON_SPACE = /[^\s\u00a0\u200b-\u200f\ufeff]/;

/** Cells holding only inline content, each short: a data row, not a layout row. */
function isDataRow(tr: Element): boolean {
  let cells = 0;
  for (const cell of tr.children) {
    if (cell.type !== 'tag') continue;
    const c = cell as Element;
    if (c.name !== 'td' && c.name !== 'th') return false;
    cells++;
    let chars = 0;
    const stack: AnyNode[] = [...c.children];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === 'text') {
        chars += (n as unknown as { data: string }).data.length;
        if (chars > 200) return false;
      } else if (n.type === 'tag') {
        const name = (n as Element).name;
        if (BLOCK_TAGS.has(name) || name === 'br') return false;
        stack.push(...(n as Element).children);
      }
    }
  }
  return cells >= 2;
}

/** Enough low-link-density paragraph text to be (part of) an article. */
const PROSE_CHARS = 500;

function holdsProse(blocks: Block[], start: number): boolean {
  let prose = 0;
  for (let i = start; i < blocks.length; i++) {
    const b = blocks[i]!;
    // The page's own schema.org markup says this is the article body, whatever the class says.
    if (b.marked) return true;
    if (b.text.length >= 80 && b.linkChars < b.rawChars * 0.3) prose += b.text.length;
    if (prose >= PROSE_CHARS) return true;
  }
  return false;
}

function findBody(root: AnyNode): AnyNode {
  const stack: AnyNode[] = [root];
  let steps = 0;
  while (stack.length > 0 && steps++ < 2000) {
    const n = stack.pop()!;
    if (n.type === 'tag' && (n as Element).name === 'body') return n;
    if (n.type === 'tag' && (n as Element).name !== 'html') continue;
    if ('children' in n) for (const c of (n as unknown as { children: AnyNode[] }).children) stack.push(c);
  }
  return root;
}
