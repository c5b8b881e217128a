/**
 * The offline page commands (`khabar extract`, `khabar entities`) on saved pages as people have
 * them: a windows-1256 page that names its charset only in a meta tag, gzip-compressed or not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { buildAggregatorPage } from './support/seed-pages.js';

const khabar = resolve(import.meta.dirname, '..', 'services', 'cli', 'bin', 'khabar.js');
const dir = mkdtempSync(join(tmpdir(), 'khabar-cli-'));
const html = buildAggregatorPage().replace(/<meta charset="[^"]*">|<meta[^>]*charset=[^>]*>/i, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">');
const page1256 = join(dir, 'page-1256.html');
writeFileSync(page1256, iconv.encode(html, 'windows-1256'));
const pageGz = join(dir, 'page.html.gz');
writeFileSync(pageGz, gzipSync(iconv.encode(html, 'windows-1256')));

function run(args: string[]) {
  return spawnSync(process.execPath, [khabar, ...args], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } });
}

test('khabar extract reads a windows-1256 page and prints the Arabic article as JSON', () => {
  for (const file of [page1256, pageGz]) {
    const out = run(['extract', file, '--json']);
    assert.equal(out.status, 0, out.stderr);
    const article = JSON.parse(out.stdout) as { title: string; language: string; publishedAt: string };
    assert.equal(article.title, 'ما الذي جرى في المكالمة الهاتفية بين بوتين وترامب؟');
    assert.equal(article.language, 'ar');
    assert.match(article.publishedAt, /^2025-03-19/);
  }
});

test('khabar entities finds the leaders in the extracted article only', () => {
  const out = run(['entities', page1256, '--json']);
  assert.equal(out.status, 0, out.stderr);
  const ids = (JSON.parse(out.stdout) as { entities: Array<{ id: string }> }).entities.map((e) => e.id);
  for (const id of ['Q7747', 'Q22686', 'Q3874799']) assert.ok(ids.includes(id), `${id} in ${ids.join(',')}`);
});

test('a missing file is a usage error with exit status 2, not a stack trace', () => {
  const out = run(['extract', join(dir, 'nope.html')]);
  assert.equal(out.status, 2);
  assert.match(out.stderr, /cannot read .*no such file/);
});
