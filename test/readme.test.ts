import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configTable } from '../scripts/config-table.js';

const readme = readFileSync(resolve(import.meta.dirname, '..', 'README.md'), 'utf8');

test('the README configuration reference matches the config schema', () => {
  const embedded = readme.split('<!-- config-table:start -->\n')[1]?.split('\n<!-- config-table:end -->')[0];
  assert.equal(embedded, configTable(), 'regenerate it with: node --import tsx scripts/config-table.ts');
});

test('the README names the command that runs the pipeline and the one that runs the tests', () => {
  const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  assert.match(readme, /npm run stack/);
  assert.match(readme, /npm test/);
  assert.ok(pkg.scripts.stack && pkg.scripts.test);
});
