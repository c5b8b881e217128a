/**
 * The extraction rules that can be switched off one at a time, so the benchmark can measure what
 * each one gains (`npm run bench:extract -- --ablation`). Production calls use them all.
 */
export const RULES = [
  /** Class/id words put subtrees in doubt (boilerplate.ts); off: only tags, roles and hiding count. */
  'classNames',
  /** Short bodies are read again with class names ignored. */
  'retry',
  /** Rule of three, climb to a higher-scoring parent, widen single-child wrappers. */
  'refineCandidate',
  /** Siblings of the best container that score like it join the article. */
  'siblings',
  /** Blocks that are mostly link text are dropped. */
  'linkDensity',
  /** Whole-line furniture, bylines, credits, prompts. */
  'furniture',
  /** Short lines holding a date are datelines. */
  'datelines',
  /** A heading naming comments, related or most-read stories takes its box with it. */
  'labelledBoxes',
  /** A short label right above a link list goes with the list. */
  'listLabels',
  /** A subheading with no paragraph after it goes. */
  'trailingHeadings',
] as const;

export type Rule = (typeof RULES)[number];
export type RuleSet = Readonly<Record<Rule, boolean>>;

export const ALL_RULES: RuleSet = Object.freeze(Object.fromEntries(RULES.map((r) => [r, true])) as Record<Rule, boolean>);

export function ruleSet(disabled: readonly Rule[] | undefined): RuleSet {
  if (!disabled || disabled.length === 0) return ALL_RULES;
  const set = { ...ALL_RULES } as Record<Rule, boolean>;
  for (const r of disabled) set[r] = false;
  return set;
}
