import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatEvery, parseEvery, parseRetryAfter } from '@khabar/fetch';

test('poll intervals read in seconds, minutes, hours and days', () => {
  assert.equal(parseEvery('15m'), 900_000);
  assert.equal(parseEvery('1h'), 3_600_000);
  assert.equal(parseEvery('90s'), 90_000);
  assert.equal(parseEvery('1d'), 86_400_000);
  assert.equal(parseEvery(5000), 5000);
  assert.equal(formatEvery(900_000), '15m');
  assert.equal(formatEvery(90_000), '90s');
});

test('a poll interval out of range or unreadable is refused with the value in the message', () => {
  assert.throws(() => parseEvery('often'), /"often"/);
  assert.throws(() => parseEvery('15'), /"15"/);
  assert.throws(() => parseEvery('500ms'), /between 1s and 30d/);
  assert.throws(() => parseEvery('60d'), /between 1s and 30d/);
});

test('Retry-After reads delta seconds and HTTP dates', () => {
  const now = Date.parse('2025-03-19T10:00:00Z');
  assert.equal(parseRetryAfter('120', now), 120_000);
  assert.equal(parseRetryAfter('Wed, 19 Mar 2025 10:01:00 GMT', now), 60_000);
  assert.equal(parseRetryAfter('Wed, 19 Mar 2025 09:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
});
