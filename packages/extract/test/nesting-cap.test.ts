import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capNesting, MAX_NESTING } from '../src/nesting-cap.js';

test('ordinary pages pass through the nesting cap untouched (same string)', () => {
  const html = `<html><body>${'<div><p>text</p><img src="x"><br></div>'.repeat(2000)}</body></html>`;
  assert.equal(capNesting(html), html);
});

test('opening tags beyond the cap are dropped with their closing tags, and text is kept', () => {
  const depth = MAX_NESTING * 10;
  const html = `<body>${'<div>'.repeat(depth)}deep text${'</div>'.repeat(depth)}<p>after</p></body>`;
  const capped = capNesting(html);
  assert.equal((capped.match(/<div>/g) ?? []).length, MAX_NESTING);
  assert.equal((capped.match(/<\/div>/g) ?? []).length, MAX_NESTING);
  assert.ok(capped.includes('deep text') && capped.includes('<p>after</p>'));
});

test('tags inside scripts do not count as nesting', () => {
  const script = `<script>var s = "${'<div>'.repeat(MAX_NESTING * 6)}";</script>`;
  const html = `<body>${script}<div><p>body</p></div></body>`;
  assert.ok(capNesting(html).includes(script));
});
