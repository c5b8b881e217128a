import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { compareTexts, DEFAULT_THRESHOLD } from '@khabar/dedupe';
import { extractArticle } from '@khabar/extract';
import { printJson, readPage, UsageError } from '../io.js';

const HELP = `usage: khabar similar <a.html> <b.html> [--threshold 0.5] [--text] [--json]

Extracts the article from two saved pages (.html or .html.gz) and compares their body texts the way
the near-duplicate index does: the exact Jaccard similarity of word shingles, the index's estimate
of it from the MinHash sketches, the share of text they have in common, and the decision for b
claimed after a under another URL. Templates around the article do not count: only extracted text
is compared. --text reads both files as plain text instead of HTML. --threshold overrides the
near-duplicate threshold (default ${DEFAULT_THRESHOLD}).`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      threshold: { type: 'string' },
      text: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError(`expected two files\n\n${HELP}`);
  const threshold = values.threshold === undefined ? DEFAULT_THRESHOLD : Number(values.threshold);
  if (!Number.isFinite(threshold) || threshold <= 0 || threshold > 1) throw new UsageError(`--threshold must be a number in (0, 1], got ${values.threshold}`);
  const pages = await Promise.all(positionals.map(async (path) => ({ path, content: await readPage(path) })));
  const [a, b] = pages.map(({ path, content }) => {
    if (values.text) return { path, title: '', text: content };
    const article = extractArticle(content, `file:///${encodeURIComponent(basename(path))}`);
    return { path, title: article.title, text: article.text };
  }) as [{ path: string; title: string; text: string }, { path: string; title: string; text: string }];
  const result = compareTexts(a.text, b.text, { threshold });
  if (values.json) {
    printJson({ a: { path: a.path, title: a.title }, b: { path: b.path, title: b.title }, threshold, ...result });
    return 0;
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const decision =
    result.decision.kind === 'original'
      ? 'different articles: b would be indexed as an original'
      : `b is a ${result.decision.reason} duplicate of a (similarity ${result.decision.similarity.toFixed(3)})`;
  console.log(
    [
      `a  ${a.path}${a.title ? `  "${a.title}"` : ''}  (${result.words[0]} words)`,
      `b  ${b.path}${b.title ? `  "${b.title}"` : ''}  (${result.words[1]} words)`,
      '',
      `similarity (shingle Jaccard)   ${result.jaccard.toFixed(3)}`,
      `index estimate (MinHash)       ${result.estimated.toFixed(3)}   threshold ${threshold}`,
      `text in common                 ${pct(result.shared)} of the longer text`,
      `index keys shared              ${result.sharedKeys}`,
      `SimHash distance               ${result.simhashDistance} bits of 64`,
      '',
      `decision: ${decision}`,
    ].join('\n'),
  );
  return 0;
}
