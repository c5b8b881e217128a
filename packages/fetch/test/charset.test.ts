import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { decodeHtml, headerCharset } from '@khabar/fetch';

const ARABIC = 'قال الكرملين إن بوتين وترامب تحدثا لأكثر من ساعتين عن أوكرانيا';
const FRENCH = 'Poutine et Trump ont parlé de l’Ukraine pendant deux heures, a précisé le Kremlin.';
const doc = (text: string, head = '') => `<html><head>${head}</head><body><p>${text}</p></body></html>`;

test('the header charset is read with quotes and any case', () => {
  assert.equal(headerCharset('text/html; Charset="Windows-1256"'), 'windows-1256');
  assert.equal(headerCharset('text/html'), undefined);
});

test('a byte-order mark wins over a contradicting header', () => {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc(ARABIC))]);
  const decoded = decodeHtml(bytes, 'text/html; charset=windows-1256');
  assert.equal(decoded.source, 'bom');
  assert.ok(decoded.text.includes(ARABIC));
});

test('a UTF-8 header over windows-1256 bytes falls back to the meta tag', () => {
  const bytes = iconv.encode(doc(ARABIC, '<meta http-equiv="content-type" content="text/html; charset=windows-1256">'), 'windows-1256');
  const decoded = decodeHtml(bytes, 'text/html; charset=utf-8');
  assert.equal(decoded.charset, 'windows-1256');
  assert.ok(decoded.text.includes(ARABIC));
});

test('a meta tag placed after 1 KiB of scripts is still found', () => {
  const head = `<script>${'var x = 1;'.repeat(200)}</script><meta charset="iso-8859-6">`;
  const bytes = iconv.encode(doc('بوتين وترامب', head), 'iso-8859-6');
  const decoded = decodeHtml(bytes, 'text/html');
  assert.equal(decoded.source, 'meta');
  assert.ok(decoded.text.includes('بوتين وترامب'));
});

test('undeclared pages are detected: UTF-8, windows-1256 Arabic, and Latin-1 French', () => {
  assert.equal(decodeHtml(Buffer.from(doc(ARABIC))).charset, 'utf-8');
  const arabic = decodeHtml(iconv.encode(doc(ARABIC), 'windows-1256'));
  assert.equal(arabic.charset, 'windows-1256');
  assert.ok(arabic.text.includes(ARABIC));
  const french = decodeHtml(iconv.encode(doc(FRENCH.repeat(3)), 'windows-1252'));
  assert.equal(french.charset, 'windows-1252');
  assert.ok(french.text.includes(FRENCH));
});

test('a header charset iconv does not know is ignored rather than fatal', () => {
  const decoded = decodeHtml(Buffer.from(doc(ARABIC)), 'text/html; charset=x-unknown-thing');
  assert.ok(decoded.text.includes(ARABIC));
});
