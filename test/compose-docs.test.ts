import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { configShape } from '@khabar/core';
import { DOC_PATH, renderDocument } from '../docs/configuration.gen.js';

test('the configuration reference lists every variable with its current default', () => {
  const doc = readFileSync(DOC_PATH, 'utf8');
  const missing = Object.keys(configShape.shape).filter((name) => !doc.includes(`| \`${name}\` |`));
  assert.deepEqual(missing, [], 'docs/configuration.md is out of date: run `node --import tsx docs/configuration.gen.ts` (npm run docs:config)');
  assert.equal(doc, renderDocument(doc), 'docs/configuration.md is out of date: run `node --import tsx docs/configuration.gen.ts` (npm run docs:config)');
});
