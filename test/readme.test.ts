import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { README_PATH, renderDocument } from '../docs/configuration.gen.js';

const readme = readFileSync(README_PATH, 'utf8');

test('the README configuration reference matches the config schema', () => {
  assert.equal(readme, renderDocument(readme), 'README.md is out of date: run `npm run docs:config`');
});

test('the README names the command that runs the pipeline and the one that runs the tests', () => {
  const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  assert.match(readme, /npm run stack/);
  assert.match(readme, /npm test/);
  assert.ok(pkg.scripts.stack && pkg.scripts.test);
});
