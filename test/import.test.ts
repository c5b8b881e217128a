import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { Worker } from 'bullmq';
import { WARCRecord, WARCSerializer } from 'warcio';
import { createRedis, type Config, type Redis } from '@khabar/core';
import { importPages, openImport, producerSink, type ImportSink } from '@khabar/fetch';
import { decodePage, Producers, QUEUE } from '@khabar/queues';
import { dropPrefix, sleep, testConfig } from '../packages/fetch/test/support/redis.js';

const ARABIC = 'أجرى الرئيس الروسي فلاديمير بوتين اتصالا هاتفيا مع نظيره الأمريكي دونالد ترامب';
const page = (text: string, head = '') => `<!doctype html><html><head>${head}<title>${text.slice(0, 20)}</title></head><body><p>${text}</p></body></html>`;

async function warcResponse(url: string, status: string, headers: Record<string, string>, body: Uint8Array): Promise<Uint8Array> {
  const record = WARCRecord.create(
    { url, date: '2025-03-19T10:00:00Z', type: 'response', warcVersion: 'WARC/1.1', statusline: `HTTP/1.1 ${status}`, httpHeaders: headers },
    (async function* () {
      yield body;
    })(),
  );
  return WARCSerializer.serialize(record, { gzip: true });
}

async function writeWarc(path: string): Promise<void> {
  const info = WARCRecord.createWARCInfo({ filename: 'test.warc.gz', warcVersion: 'WARC/1.1' }, { software: 'khabar-test' });
  const request = WARCRecord.create({ url: 'https://news.example/ar/1', type: 'request', warcVersion: 'WARC/1.1', statusline: 'GET /ar/1 HTTP/1.1', httpHeaders: { Host: 'news.example' } }, []);
  const parts = [
    await WARCSerializer.serialize(info, { gzip: true }),
    await WARCSerializer.serialize(request, { gzip: true }),
    await warcResponse('https://news.example/ar/1', '200 OK', { 'Content-Type': 'text/html; charset=windows-1256' }, iconv.encode(page(ARABIC), 'windows-1256')),
    await warcResponse('https://news.example/en/2?utm_source=cc', '200 OK', { 'Content-Type': 'text/html; charset=utf-8', 'Content-Encoding': 'gzip' }, gzipSync(page('Putin and Trump spoke by phone'))),
    await warcResponse('https://news.example/logo.png', '200 OK', { 'Content-Type': 'image/png' }, new Uint8Array([0x89, 0x50, 0x4e, 0x47])),
    await warcResponse('https://news.example/gone', '404 Not Found', { 'Content-Type': 'text/html' }, Buffer.from(page('missing'))),
    await warcResponse('https://news.example/old', '301 Moved Permanently', { Location: 'https://news.example/new' }, new Uint8Array()),
  ];
  writeFileSync(path, Buffer.concat(parts));
}

let dir: string;
let config: Config;
let connection: Redis;
let producers: Producers;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'khabar-import-'));
  config = testConfig();
  connection = createRedis(config, 'producer');
  producers = new Producers(config, connection);
});

after(async () => {
  await producers.close();
  await connection.quit();
  await dropPrefix(config);
  rmSync(dir, { recursive: true, force: true });
});

async function queuedPages() {
  const jobs = await producers.pages.getJobs(['waiting', 'delayed', 'prioritized']);
  return jobs.map((j) => decodePage(j.data)).sort((a, b) => a.url.localeCompare(b.url));
}

describe('import', () => {
  test('a WARC.gz import queues its HTML responses, decoded, and says what it skipped and why', async () => {
    const path = join(dir, 'crawl.warc.gz');
    await writeWarc(path);
    const reader = await openImport(path, { maxBytes: config.FETCH_MAX_BYTES });
    assert.equal(reader.kind, 'warc');
    const summary = await importPages(reader, producerSink(producers), { maxWaiting: 1000 });
    assert.deepEqual(
      { pages: summary.pages, taken: summary.taken, skippedBy: summary.skippedBy },
      { pages: 2, taken: 2, skippedBy: { 'not-html': 1, 'http-error': 1, redirect: 1 } },
    );
    assert.deepEqual(reader.progress().done, reader.progress().total, 'the progress reaches the end of the file');
    const pages = await queuedPages();
    assert.deepEqual(pages.map((p) => p.url), ['https://news.example/ar/1', 'https://news.example/en/2']);
    assert.ok(pages[0]!.html.includes(ARABIC), 'the windows-1256 page is decoded to UTF-8');
    assert.ok(pages[1]!.html.includes('Putin and Trump spoke by phone'), 'the gzip-encoded payload is decoded');
    assert.equal(pages[0]!.origin, 'import');
    assert.equal(pages[0]!.fetchedAt, '2025-03-19T10:00:00.000Z');

    const again = await importPages(await openImport(path, { maxBytes: config.FETCH_MAX_BYTES }), producerSink(producers), { maxWaiting: 1000 });
    assert.deepEqual([again.taken, again.alreadyQueued], [0, 2], 'importing the same file twice queues nothing new');
    await producers.pages.obliterate({ force: true });
  });

  test('a JSON Lines import takes valid rows and reports bad ones by line', async () => {
    const path = join(dir, 'pages.jsonl');
    const rows = [
      JSON.stringify({ url: 'https://j.example/1', html: page('one'), fetchedAt: '2025-03-19T00:00:00Z' }),
      '{not json',
      JSON.stringify({ url: 'ftp://j.example/2', html: page('two') }),
      '',
      JSON.stringify({ url: 'https://j.example/3', html: '' }),
      JSON.stringify({ url: 'https://j.example/4', html: page('four') }),
    ];
    writeFileSync(path, rows.join('\n'));
    const summary = await importPages(await openImport(path, { maxBytes: 65536 }), producerSink(producers), { maxWaiting: 1000 });
    assert.equal(summary.taken, 2);
    assert.deepEqual(summary.skippedBy, { 'invalid-json': 1, 'no-http-url': 1, 'no-html': 1 });
    assert.ok(summary.examples.some((e) => e.where.endsWith('pages.jsonl:2') && e.reason === 'invalid-json'));
    await producers.pages.obliterate({ force: true });
  });

  test('a directory of .html files takes each page URL from its canonical link, else from the base URL', async () => {
    const root = join(dir, 'site');
    mkdirSync(join(root, 'ar'), { recursive: true });
    writeFileSync(join(root, 'ar', 'story.html'), page('canonical', '<link rel="canonical" href="https://site.example/ar/story-1">'));
    writeFileSync(join(root, 'plain.htm'), iconv.encode(page(ARABIC, '<meta charset="windows-1256">'), 'windows-1256'));
    writeFileSync(join(root, 'notes.txt'), 'not a page');
    const without = await importPages(await openImport(root, { maxBytes: 65536 }), producerSink(producers), { maxWaiting: 1000 });
    assert.deepEqual([without.taken, without.skippedBy], [1, { 'no-url (give --base-url)': 1 }]);
    await producers.pages.obliterate({ force: true });

    const reader = await openImport(root, { maxBytes: 65536, baseUrl: 'https://site.example/archive/' });
    const summary = await importPages(reader, producerSink(producers), { maxWaiting: 1000 });
    assert.equal(summary.taken, 2);
    assert.deepEqual(reader.progress(), { done: 2, total: 2, unit: 'files' });
    const pages = await queuedPages();
    assert.deepEqual(pages.map((p) => p.url), ['https://site.example/ar/story-1', 'https://site.example/archive/plain.htm']);
    assert.ok(pages[1]!.html.includes(ARABIC));
    await producers.pages.obliterate({ force: true });
  });

  test('the import pauses while the pages queue is deeper than allowed, and resumes as it drains', async () => {
    const path = join(dir, 'many.jsonl');
    writeFileSync(path, Array.from({ length: 15 }, (_, i) => JSON.stringify({ url: `https://many.example/${i}`, html: page(`page ${i}`) })).join('\n'));
    const worker = new Worker(QUEUE.pages, async () => sleep(15), { connection: createRedis(config, 'worker'), prefix: config.KHABAR_PREFIX, concurrency: 1 });
    const base = producerSink(producers);
    let deepest = 0;
    const sink: ImportSink = {
      enqueuePage: base.enqueuePage,
      waiting: async () => {
        const n = await base.waiting();
        deepest = Math.max(deepest, n);
        return n;
      },
    };
    try {
      const summary = await importPages(await openImport(path, { maxBytes: 65536 }), sink, { maxWaiting: 3, checkEvery: 1, pauseMs: 10, concurrency: 2 });
      assert.equal(summary.taken, 15);
      assert.ok(summary.pauses > 0, 'the import waited for the processor at least once');
      assert.ok(deepest <= 3 + 2, `the queue never grew past the limit plus the pages in flight (deepest ${deepest})`);
    } finally {
      await worker.close();
      await (worker.opts.connection as Redis).quit();
    }
  });
});
