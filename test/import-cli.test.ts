import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { dropPrefix, testConfig } from '../packages/fetch/test/support/redis.js';

const run = promisify(execFile);
const khabar = resolve(import.meta.dirname, '..', 'services', 'cli', 'bin', 'khabar.js');
const config = testConfig();
const dir = mkdtempSync(join(tmpdir(), 'khabar-cli-'));
const env = { ...process.env, REDIS_URL: config.REDIS_URL, KHABAR_PREFIX: config.KHABAR_PREFIX, LOG_LEVEL: 'warn' };

after(async () => {
  await dropPrefix(config);
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [khabar, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

test('khabar import reads a JSON Lines file and prints its summary as JSON', async () => {
  const path = join(dir, 'pages.jsonl');
  writeFileSync(path, [JSON.stringify({ url: 'https://cli.example/1', html: '<html><body><p>one</p></body></html>' }), '{broken'].join('\n'));
  const result = await cli(['import', path, '--json']);
  assert.equal(result.code, 0, result.stderr);
  const summary = JSON.parse(result.stdout) as { taken: number; skippedBy: Record<string, number> };
  assert.equal(summary.taken, 1);
  assert.deepEqual(summary.skippedBy, { 'invalid-json': 1 });
});

test('khabar import and khabar sources refuse bad input with exit code 2 and a message', async () => {
  const missing = await cli(['import', join(dir, 'nope.warc')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file/);
  const badEvery = await cli(['sources', 'add', 'https://cli.example/feed.xml', '--every', 'sometimes']);
  assert.equal(badEvery.code, 2);
  assert.match(badEvery.stderr, /"sometimes"/);
  const listed = await cli(['sources', 'list', '--json']);
  assert.equal(listed.code, 0, listed.stderr);
  assert.deepEqual(JSON.parse(listed.stdout), []);
});
