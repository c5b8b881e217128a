import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stableId } from '@khabar/core';
import { DedupeIndex } from '@khabar/dedupe';
import { run as similar } from '../services/cli/src/commands/similar.js';
import { run as dedupe } from '../services/cli/src/commands/dedupe.js';
import { ENGLISH_OTHER_STORY, ENGLISH_REPORT } from '../packages/dedupe/test/texts.js';
import { connect, dropPrefix, testPrefix } from './dedupe-support.js';
import { captureOutput } from './support/capture.js';

const dir = mkdtempSync(join(tmpdir(), 'khabar-similar-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A news page: the article inside navigation, a ticker, related links and a footer. */
function page(site: string, title: string, text: string, furniture: string[]): string {
  const links = furniture.map((f, i) => `<li><a href="/n/${i}">${f}</a></li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | ${site}</title></head><body>
<header><a href="/">${site}</a><nav><ul>${links}</ul></nav></header>
<main><article><h1>${title}</h1><div class="body">${text.split('\n\n').map((p) => `<p>${p}</p>`).join('\n')}</div></article>
<aside><h3>Related</h3><ul>${links}</ul></aside></main>
<footer><p>${site} gathers news from many sources every hour and links back to every publisher; the views expressed belong to their authors.</p></footer></body></html>`;
}

const FURNITURE = ['Markets slide as oil rises', 'Local team wins the cup', 'New museum wing opens', 'Storm closes mountain roads', 'Elections set for May'];

function save(name: string, html: string): string {
  const path = join(dir, name);
  writeFileSync(path, html);
  return path;
}

test('khabar similar calls a copy in another template with a paragraph added a near-duplicate', async () => {
  const a = save('a.html', page('Daily Courier', 'Tram line to reach the north', ENGLISH_REPORT, FURNITURE));
  const added = `${ENGLISH_REPORT}\n\nA spokesperson said detailed timetables would be published once the contracts are signed.`;
  const b = save('b.html', page('News Digest', 'Council backs tram extension', added, FURNITURE.slice().reverse()));
  const { code, out } = await captureOutput(() => similar([a, b, '--json']));
  assert.equal(code, 0);
  const result = JSON.parse(out);
  assert.equal(result.decision.kind, 'duplicate');
  assert.equal(result.decision.reason, 'near-duplicate');
  assert.ok(result.jaccard > 0.7 && result.jaccard < 1, `jaccard ${result.jaccard}`);
});

test('khabar similar keeps two articles of one site template apart, and prints a human summary', async () => {
  const a = save('c.html', page('Daily Courier', 'Tram line to reach the north', ENGLISH_REPORT, FURNITURE));
  const b = save('d.html', page('Daily Courier', 'Museum reopens its archaeology wing', ENGLISH_OTHER_STORY, FURNITURE));
  const { code, out } = await captureOutput(() => similar([a, b]));
  assert.equal(code, 0);
  assert.match(out, /similarity \(shingle Jaccard\)\s+0\.0/);
  assert.match(out, /decision: different articles/);
});

test('khabar similar refuses a wrong number of files and a bad threshold', async () => {
  await assert.rejects(similar(['only-one.html']), /expected two files/);
  await assert.rejects(similar(['a.html', 'b.html', '--threshold', '2']), /--threshold/);
});

test('khabar dedupe stats reports the index of the configured prefix', async () => {
  const redis = connect();
  const prefix = testPrefix();
  try {
    const index = new DedupeIndex(redis, { prefix });
    await index.claim({ docId: stableId('https://a.example/1'), url: 'https://a.example/1', canonicalUrl: 'https://a.example/1', title: 't', text: ENGLISH_REPORT, seenAt: new Date().toISOString() });
    await index.claim({ docId: stableId('https://b.example/1'), url: 'https://b.example/1', canonicalUrl: 'https://b.example/1', title: 't', text: ENGLISH_REPORT, seenAt: new Date().toISOString() });
    process.env.KHABAR_PREFIX = prefix;
    const { code, out } = await captureOutput(() => dedupe(['stats', '--json']));
    assert.equal(code, 0);
    const stats = JSON.parse(out);
    assert.equal(stats.originals, 1);
    assert.equal(stats.copies, 1);
    assert.equal(stats['claims.same-text'], 1);
    const human = await captureOutput(() => dedupe(['stats']));
    assert.match(human.out, /originals\s+1/);
    await assert.rejects(dedupe(['sizes']), /unknown or missing subcommand/);
  } finally {
    delete process.env.KHABAR_PREFIX;
    await dropPrefix(redis, prefix);
    await redis.quit();
  }
});
