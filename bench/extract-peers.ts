/**
 * The extractors compared in `npm run bench:extract`, each as html + url → body text. Peers return
 * HTML; turning it into text (block elements on their own lines) happens outside the timed call.
 */
import { Readability } from '@mozilla/readability';
import { extractFromHtml } from '@extractus/article-extractor';
import { load } from 'cheerio/slim';
import { parseHTML } from 'linkedom';
import { extractArticle } from '@khabar/extract';

export interface Extractor {
  name: string;
  /** The timed part: parse and extract. */
  run: (html: string, url: string) => unknown | Promise<unknown>;
  /** Untimed: the body text of what `run` returned. */
  text: (result: unknown) => string;
}

const BLOCK = /^(?:p|div|section|article|li|ul|ol|h[1-6]|blockquote|pre|table|tr|td|th|br|figure|header|footer|dd|dt)$/;

/** Text of an HTML fragment with block boundaries kept as newlines (so words do not merge). */
export function htmlToText(html: string): string {
  const $ = load(html);
  let out = '';
  const walk = (nodes: ReturnType<typeof $.root>['0']['children']): void => {
    for (const n of nodes) {
      if (n.type === 'text') out += (n as unknown as { data: string }).data;
      else if (n.type === 'tag') {
        const block = BLOCK.test(n.name);
        if (block) out += '\n';
        walk(n.children);
        if (block) out += '\n';
      }
    }
  };
  walk($.root()[0]!.children);
  return out.replace(/[ \t\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
}

export const khabar: Extractor = {
  name: 'khabar',
  run: (html, url) => extractArticle(html, url),
  text: (r) => (r as { text: string }).text,
};

export const readability: Extractor = {
  name: 'readability (linkedom)',
  run: (html) => {
    const { document } = parseHTML(html);
    return new Readability(document as never).parse();
  },
  text: (r) => htmlToText((r as { content?: string } | null)?.content ?? ''),
};

export const articleExtractor: Extractor = {
  name: 'article-extractor',
  run: (html, url) => extractFromHtml(html, url).catch(() => null),
  text: (r) => htmlToText((r as { content?: string } | null)?.content ?? ''),
};

/** The floor: what parsing alone costs with cheerio/slim (htmlparser2). */
export const bareParse: Extractor = {
  name: 'cheerio/slim parse only',
  run: (html) => load(html),
  text: () => '',
};
