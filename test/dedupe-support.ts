/**
 * Copies of one story for the dedupe tests, built at run time from the seed article
 * (../shared/seed, never copied into the repository), and a Redis prefix per test.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRedis, stableId, type Redis } from '@khabar/core';
import type { DedupeCandidate } from '@khabar/dedupe';

const SEED = resolve(import.meta.dirname, '..', '..', 'shared', 'seed', 'maghress-putin-trump-call.txt');

/** The seed article's paragraphs: from its first sentence to the "read at the source" link. */
export function seedParagraphs(): string[] {
  const text = readFileSync(SEED, 'utf8');
  const start = text.indexOf('رفض الرئيس الروسي');
  const end = text.indexOf('انقر هنا لقراءة الخبر');
  if (start < 0 || end < 0) throw new Error(`the seed article moved: ${SEED}`);
  return text
    .slice(start, end)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('*'));
}

export function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL must point at a running redis-server: run the tests with `npm test`');
  return url;
}

export function testPrefix(): string {
  return `{t${randomUUID().slice(0, 8)}}`;
}

export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

export function connect(): Redis {
  return createRedis(redisUrl(), 'producer');
}

export function copyOf(url: string, text: string, canonicalUrl = url): DedupeCandidate {
  return { docId: stableId(canonicalUrl), url, canonicalUrl, title: 'ما الذي جرى في المكالمة الهاتفية بين بوتين وترامب؟', text, seenAt: new Date().toISOString() };
}
