import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregate, scorePage, shingles, tokenize } from '../../../bench/extract-metric.js';

test('the benchmark tokenizer keeps Unicode word runs, case and underscores, and drops punctuation', () => {
  assert.deepEqual(tokenize('Hello, World! snake_case — بوتين وترامب؟ 2025'), ['Hello', 'World', 'snake_case', 'بوتين', 'وترامب', '2025']);
});

test('texts under four tokens give one shorter shingle', () => {
  assert.deepEqual([...shingles('a b c').keys()], ['a b c']);
  assert.equal(shingles('a b c d e').size, 2);
});

test('identical texts score 1, disjoint texts 0, and counts are normalised per page', () => {
  const same = scorePage('one two three four five', 'one two three four five');
  assert.deepEqual([same.tp, same.fp, same.fn, same.exact], [1, 0, 0, true]);
  const none = scorePage('one two three four five', 'six seven eight nine ten');
  assert.equal(none.tp, 0);
  assert.ok(Math.abs(none.fp + none.fn - 1) < 1e-12);
});

test('F1 is the harmonic mean of macro-averaged precision and recall, and an empty prediction counts only against recall', () => {
  const truth = 'a b c d e f g h';
  const pages = [scorePage(truth, truth), scorePage(truth, '')];
  const s = aggregate(pages);
  assert.equal(s.precision, 1);
  assert.equal(s.recall, 0.5);
  assert.ok(Math.abs(s.f1 - 2 / 3) < 1e-12);
  assert.equal(s.accuracy, 0.5);
});
