/**
 * htmlparser2 keeps its open-element stack with Array#unshift, so parsing is quadratic in nesting
 * depth: 100,000 nested <div>s take seconds. Real pages nest well under a few hundred levels, so
 * before parsing, opening tags beyond MAX_NESTING (and their closing tags) are dropped. One
 * linear scan; the page is copied only when something is dropped.
 */

export const MAX_NESTING = 400;

/** Never nest (void) or are closed implicitly by their next sibling, so they do not deepen. */
const FLAT = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'rb', 'rt', 'rp',
  'html', 'head', 'body', '!doctype',
]);

// [^<>]* rather than [^>]*: an unterminated "<a" must not scan to the end of the page each time.
const TAG = /<(\/?)([a-zA-Z][\w:-]*)[^<>]*>/g;

const SCRIPT_END = /<\/script/gi;
const STYLE_END = /<\/style/gi;

/**
 * The running count of opening minus closing tags, at its highest, bounds the nesting depth from
 * above (void and implied-end tags only inflate it). Counting with indexOf is far cheaper than the
 * tag scan, and almost every page is shallow enough to stop here.
 */
function depthBound(html: string): number {
  let depth = 0;
  let max = 0;
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
    const c = html.charCodeAt(i + 1);
    if (c === 47) depth--;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      depth++;
      if (depth > max) max = depth;
    }
  }
  return max;
}

export function capNesting(html: string, limit = MAX_NESTING): string {
  if (html.length < limit * 4) return html;
  // Parsing cost only turns quadratic thousands of levels down; below that the scan costs more.
  if (depthBound(html) < limit * 5) return html;
  const dropped = new Map<string, number>();
  const pieces: string[] = [];
  let depth = 0;
  let last = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2]!.toLowerCase();
    if (FLAT.has(name)) continue;
    if (name === 'script' || name === 'style') {
      // Skip raw text: tags inside scripts do not open anything.
      if (m[1]) continue;
      const close = name === 'script' ? SCRIPT_END : STYLE_END;
      close.lastIndex = TAG.lastIndex;
      const end = close.exec(html);
      if (!end) break;
      TAG.lastIndex = end.index;
      continue;
    }
    if (m[1]) {
      const owed = dropped.get(name) ?? 0;
      if (owed > 0) {
        dropped.set(name, owed - 1);
        pieces.push(html.slice(last, m.index));
        last = TAG.lastIndex;
      } else if (depth > 0) depth--;
      continue;
    }
    if (m[0].endsWith('/>')) continue;
    if (depth >= limit) {
      dropped.set(name, (dropped.get(name) ?? 0) + 1);
      pieces.push(html.slice(last, m.index));
      last = TAG.lastIndex;
    } else depth++;
  }
  if (pieces.length === 0) return html;
  pieces.push(html.slice(last));
  return pieces.join('');
}
