import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decidePair, decodeClaimReply, type DedupeDecision } from '../src/decision.js';

const doc = (docId: string, url: string, textHash = 'h1', eligible = true) => ({ docId, url, textHash, eligible });

const RULES: Array<[string, ReturnType<typeof doc>, ReturnType<typeof doc>, number, DedupeDecision]> = [
  ['the same page URL claimed again stays the original', doc('D', 'u1'), doc('D', 'u1'), 0, { kind: 'original' }],
  ['another URL of the same document is a same-url duplicate', doc('D', 'u1'), doc('D', 'u2', 'h2'), 0, { kind: 'duplicate', originalId: 'D', reason: 'same-url', similarity: 1 }],
  ['the same text under another document is a same-text duplicate', doc('D', 'u1'), doc('E', 'u2'), 1, { kind: 'duplicate', originalId: 'D', reason: 'same-text', similarity: 1 }],
  ['similarity at the threshold is a near-duplicate', doc('D', 'u1'), doc('E', 'u2', 'h2'), 0.5, { kind: 'duplicate', originalId: 'D', reason: 'near-duplicate', similarity: 0.5 }],
  ['similarity under the threshold is another original', doc('D', 'u1'), doc('E', 'u2', 'h2'), 0.49, { kind: 'original' }],
  ['a short text never matches on content, even when equal', doc('D', 'u1', 'h1', false), doc('E', 'u2', 'h1', false), 1, { kind: 'original' }],
  ['a short text still matches by document id', doc('D', 'u1', 'h1', false), doc('D', 'u2', 'h9', false), 0, { kind: 'duplicate', originalId: 'D', reason: 'same-url', similarity: 1 }],
];

for (const [name, earlier, later, similarity, expected] of RULES) {
  test(`decision rule: ${name}`, () => {
    assert.deepEqual(decidePair(earlier, later, similarity, 0.5), expected);
  });
}

test('the claim script reply decodes into a decision with a hex original id', () => {
  const id = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
  assert.deepEqual(decodeClaimReply([Buffer.from('o'), id, Buffer.from(''), 0]), { kind: 'original' });
  assert.deepEqual(decodeClaimReply([Buffer.from('d'), id, Buffer.from('n'), 8125]), {
    kind: 'duplicate',
    originalId: '00112233445566778899aabbccddeeff',
    reason: 'near-duplicate',
    similarity: 0.8125,
  });
  assert.throws(() => decodeClaimReply('OK'), /unexpected reply/);
  assert.throws(() => decodeClaimReply([Buffer.from('d'), id, Buffer.from('x'), 0]), /unknown duplicate reason/);
});
