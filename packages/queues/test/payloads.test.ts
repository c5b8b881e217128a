import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decodePage, encodePage, encodePageAsync, pageJobSchema } from '../src/payloads.js';

const page = {
  url: 'https://www.hespress.com/a.html',
  finalUrl: 'https://www.hespress.com/a.html',
  status: 200,
  headers: { 'content-type': 'text/html; charset=windows-1256' },
  html: `<html dir="rtl"><body>${'<p>رفض الرئيس الروسي فلاديمير بوتين وقف إطلاق النار</p>'.repeat(200)}</body></html>`,
  fetchedAt: '2025-03-19T10:00:00Z',
  origin: 'fetch' as const,
};

test('a page survives the round trip through the queue payload unchanged', () => {
  const job = encodePage(page, '2025-03-19T10:00:01Z');
  assert.equal(pageJobSchema.safeParse(job).success, true);
  assert.deepEqual(decodePage(job), { ...page, enqueuedAt: '2025-03-19T10:00:01Z' });
});

test('a real page body costs the queue less than 1.5x its gzip size', () => {
  const seed = readFileSync(resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seed', 'maghress-putin-trump-call.txt'), 'utf8');
  const html = `<html dir="rtl"><body>${seed.split('\n').map((line) => `<p>${line}</p>`).join('\n')}</body></html>`;
  const body = encodePage({ ...page, html }).htmlBrotli.length;
  const gzip = gzipSync(html, { level: 6 }).length;
  assert.ok(body < gzip * 1.5, `queued body ${body} bytes, gzip ${gzip} bytes`);
});

test('the asynchronous encoder gives the same payload as the synchronous one', async () => {
  assert.deepEqual(await encodePageAsync(page, 't'), encodePage(page, 't'));
});
