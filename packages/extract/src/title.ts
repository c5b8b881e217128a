/**
 * The headline: the page's h1 when it agrees with what the page declares (og:title, JSON-LD
 * headline, <title>), else the declared title without the site-name suffix.
 */
import { textOf, type Element } from './dom.js';
import { isBoilerplateElement } from './boilerplate.js';
import { squash, tokenContainment } from './text.js';

const SEPARATORS = /\s+(?:[|\-–—:•·»«/\\]|::|-{2,})\s+|\s*[|•·»«]\s*|\s*::\s*/;

/** "Headline - Site" / "Site | Headline": keep the longest part. */
export function stripSiteName(title: string, siteName?: string): string {
  const parts = title.split(SEPARATORS).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return title.trim();
  const site = siteName?.toLowerCase();
  const candidates = parts.filter((p) => p.toLowerCase() !== site);
  const longest = candidates.sort((a, b) => b.length - a.length)[0] ?? title;
  // A headline that itself contains " - " must not be cut to a fragment.
  return longest.split(/\s+/).length >= 3 ? longest : title.trim();
}

function inBoilerplate(el: Element): boolean {
  let n: Element | null = el;
  let guard = 0;
  while (n && n.type === 'tag' && guard++ < 100) {
    if (n.name !== 'header' && isBoilerplateElement(n)) return true;
    n = n.parent as Element | null;
  }
  return false;
}

export interface TitleChoice {
  title: string;
  h1?: Element;
}

export function chooseTitle(h1s: Element[], declared: string | undefined, titleTag: string | undefined, siteName?: string): TitleChoice {
  const reference = declared ?? titleTag;
  const site = siteName?.toLowerCase();
  const candidates = h1s
    .filter((h) => !inBoilerplate(h))
    .map((h) => ({ el: h, text: squash(textOf(h)) }))
    // A logo in an h1 names the site, not the story.
    .filter((c) => c.text.length > 0 && c.text.length < 400 && c.text.toLowerCase() !== site);
  if (reference) {
    const headline = reference;
    const headlineWords = headline.split(/\s+/).length;
    let best: { el: Element; text: string } | undefined;
    let bestScore = 0;
    for (const c of candidates) {
      const covered = tokenContainment(headline, c.text);
      // The h1 and the declared headline say the same thing, or the h1 completes a shortened one.
      const mutual = Math.min(tokenContainment(c.text, headline), covered + 0.3);
      const completes = covered >= 0.8 && c.text.split(/\s+/).length <= headlineWords * 3 ? 0.8 : 0;
      const score = Math.max(mutual, completes);
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    if (best && bestScore >= 0.6) return { title: best.text, h1: best.el };
    const cleaned = stripSiteName(declared ?? titleTag ?? '', siteName);
    if (cleaned) return { title: cleaned };
  }
  const first = candidates[0];
  if (first) return { title: first.text, h1: first.el };
  return { title: '' };
}
