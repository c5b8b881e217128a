/**
 * The parsed page as a plain htmlparser2 tree (cheerio/slim's parser: about 7x faster than
 * parse5 here), and the few tree helpers the rules share. Walks are depth-capped so a
 * hostile page nested 100,000 levels deep cannot overflow the stack.
 */
import { load } from 'cheerio/slim';
import type { AnyNode, Document, Element } from 'domhandler';

export type { AnyNode, Document, Element };

/** Deeper than any real layout; below it the tree is treated as absent. */
export const MAX_DEPTH = 256;

export function parseHtml(html: string): Document {
  const $ = load(html, { xml: false });
  return $.root()[0] as unknown as Document;
}

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function attr(el: Element, name: string): string | undefined {
  const v = el.attribs[name];
  return v === undefined ? undefined : v;
}

/** Visit every element in document order (iterative: no recursion limit to hit). */
export function forEachElement(root: AnyNode, visit: (el: Element) => boolean | void): void {
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    let descend = true;
    if (isElement(node)) descend = visit(node) !== false;
    if (descend && 'children' in node) {
      const children = node.children;
      // Only elements: text nodes outnumber them and have nothing to visit.
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i]!;
        if (child.type === 'tag' || child.type === 'script' || child.type === 'style') stack.push(child);
      }
    }
  }
}

/** Text content of a subtree (iterative), script and style excluded. */
export function textOf(node: AnyNode): string {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') out += (n as unknown as { data: string }).data;
    else if (n.type === 'tag' && 'children' in n) {
      const children = n.children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      if (n.name === 'br' || n.name === 'p' || n.name === 'div' || n.name === 'li') out += ' ';
    } else if (n.type === 'root') {
      const children = (n as Document).children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return out;
}

/**
 * Text content of a subtree when it is at most `max` characters long, else undefined; stops
 * reading as soon as it is too long (class-matched elements can be whole-page wrappers).
 */
export function shortTextOf(node: AnyNode, max: number): string | undefined {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') {
      out += (n as unknown as { data: string }).data;
      if (out.length > max * 4) return undefined;
    } else if (n.type === 'tag') {
      const children = (n as Element).children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      if ((n as Element).name === 'br' || (n as Element).name === 'p' || (n as Element).name === 'div') out += ' ';
    }
  }
  return out;
}
