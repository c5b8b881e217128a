import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { loadConfig, type RetryableError } from '@khabar/core';
import { createFetchOptions, fetchPage, parseFetchSettings, type FetchOptions, type LookupFunction } from '@khabar/fetch';
import { html, startTestServer, type TestServer } from '../packages/fetch/test/support/http-server.js';

const ARABIC = 'أجرى الرئيس الروسي فلاديمير بوتين اتصالا هاتفيا مع نظيره الأمريكي دونالد ترامب';
const page = (body: string, head = '') => `<!doctype html><html><head>${head}<title>t</title></head><body><p>${body}</p></body></html>`;

/** Names resolved by the test's own DNS: lets the guard be tested on hostnames without touching /etc/hosts. */
const fakeDns: LookupFunction = (hostname, options, callback) => {
  const table: Record<string, string> = { 'metadata.test': '169.254.169.254', 'intranet.test': '10.1.2.3', 'ok.test': '127.0.0.1' };
  const address = table[hostname];
  if (!address) return callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), [], 0);
  if (options.all) callback(null, [{ address, family: 4 }]);
  else callback(null, address, 4);
};

let server: TestServer;
let options: FetchOptions;

before(async () => {
  server = await startTestServer();
  const config = loadConfig({ FETCH_ALLOW_HOSTS: '127.0.0.1', FETCH_TIMEOUT_MS: '1500', FETCH_MAX_BYTES: '65536', FETCH_MAX_REDIRECTS: '3' });
  const settings = parseFetchSettings({ FETCH_BODY_TIMEOUT_MS: '5000' });
  options = createFetchOptions(config, settings, { resolve: fakeDns });
});

after(async () => {
  await options.dispatcher.close();
  await server.close();
});

async function expectRetryable(promise: Promise<unknown>, reason: RegExp): Promise<RetryableError> {
  try {
    await promise;
  } catch (error) {
    assert.equal((error as Error).name, 'RetryableError', String(error));
    assert.match((error as RetryableError).reason, reason);
    return error as RetryableError;
  }
  assert.fail('expected a RetryableError');
}

describe('fetchPage', () => {
  test('a UTF-8 HTML page comes back as a raw page with its final URL and selected headers', async () => {
    server.route('/utf8', html(page(ARABIC), { 'content-language': 'ar', etag: '"v1"' }));
    const result = await fetchPage(`${server.origin}/utf8`, options);
    assert.equal(result.kind, 'page');
    if (result.kind !== 'page') return;
    assert.equal(result.page.origin, 'fetch');
    assert.equal(result.page.status, 200);
    assert.equal(result.page.finalUrl, `${server.origin}/utf8`);
    assert.equal(result.page.headers['content-language'], 'ar');
    assert.ok(result.page.html.includes(ARABIC));
    assert.equal(server.log.at(-1)?.headers['user-agent'], options.userAgent);
  });

  test('a windows-1256 page declared in the Content-Type header decodes to correct Arabic', async () => {
    server.route('/cp1256', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1256' }).end(iconv.encode(page(ARABIC), 'windows-1256'));
    });
    const result = await fetchPage(`${server.origin}/cp1256`, options);
    assert.ok(result.kind === 'page' && result.page.html.includes(ARABIC));
  });

  test('a windows-1256 page declared only in a meta tag wins over a server-default Latin-1 header', async () => {
    server.route('/cp1256-meta', (_req, res) => {
      const body = iconv.encode(page(ARABIC, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'), 'windows-1256');
      res.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' }).end(body);
    });
    const result = await fetchPage(`${server.origin}/cp1256-meta`, options);
    assert.ok(result.kind === 'page' && result.page.html.includes(ARABIC));
  });

  test('an ISO-8859-6 page with only <meta charset> decodes to correct Arabic', async () => {
    const text = 'اتصال هاتفي بين بوتين وترامب';
    server.route('/iso-8859-6', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end(iconv.encode(page(text, '<meta charset="ISO-8859-6">'), 'iso-8859-6'));
    });
    const result = await fetchPage(`${server.origin}/iso-8859-6`, options);
    assert.ok(result.kind === 'page' && result.page.html.includes(text));
  });

  test('an undeclared windows-1256 page is detected as Arabic rather than read as Latin-1', async () => {
    server.route('/cp1256-bare', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end(iconv.encode(page(ARABIC), 'windows-1256'));
    });
    const result = await fetchPage(`${server.origin}/cp1256-bare`, options);
    assert.ok(result.kind === 'page' && result.page.html.includes(ARABIC));
  });

  test('gzip and brotli bodies are decompressed', async () => {
    server.route('/gzip', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }).end(gzipSync(page(ARABIC)));
    });
    server.route('/br', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'br' }).end(brotliCompressSync(page('brotli ' + ARABIC)));
    });
    const gz = await fetchPage(`${server.origin}/gzip`, options);
    assert.ok(gz.kind === 'page' && gz.page.html.includes(ARABIC));
    assert.match(String(server.log.at(-1)?.headers['accept-encoding']), /gzip/);
    const br = await fetchPage(`${server.origin}/br`, options);
    assert.ok(br.kind === 'page' && br.page.html.includes('brotli ' + ARABIC));
  });

  test('deflate bodies are decompressed whether zlib-wrapped or raw', async () => {
    server.route('/deflate', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'deflate' }).end(deflateSync(page('zlib ' + ARABIC)));
    });
    server.route('/deflate-raw', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'deflate' }).end(deflateRawSync(page('raw ' + ARABIC)));
    });
    const wrapped = await fetchPage(`${server.origin}/deflate`, options);
    assert.ok(wrapped.kind === 'page' && wrapped.page.html.includes('zlib ' + ARABIC));
    const raw = await fetchPage(`${server.origin}/deflate-raw`, options);
    assert.ok(raw.kind === 'page' && raw.page.html.includes('raw ' + ARABIC));
  });

  test('a gzip bomb stops at the size cap rather than filling memory', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
    server.route('/bomb', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(bomb));
    const result = await fetchPage(`${server.origin}/bomb`, options);
    assert.equal(result.kind === 'skipped' && result.outcome, 'too-large');
  });

  test('a PDF is skipped as not-html without reading its body', async () => {
    server.route('/file.pdf', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.alloc(1000));
    });
    const result = await fetchPage(`${server.origin}/file.pdf`, options);
    assert.deepEqual(result.kind === 'skipped' && result.outcome, 'not-html');
  });

  test('a body that streams past the size cap is aborted as too-large', async () => {
    let sent = 0;
    server.route('/huge', async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      for (let i = 0; i < 4000 && !res.destroyed; i++) {
        await new Promise<void>((done) => res.write('<p>' + 'x'.repeat(4096) + '</p>', () => done()));
        sent += 4100;
      }
      res.end();
    });
    const result = await fetchPage(`${server.origin}/huge`, options);
    assert.equal(result.kind === 'skipped' && result.outcome, 'too-large');
    assert.ok(sent < 4000 * 4100, 'the server was cut off before sending everything');
  });

  test('a declared Content-Length over the cap is refused before reading', async () => {
    server.route('/declared-huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(10 * 65536) });
      res.write('<html>');
      setTimeout(() => res.destroy(), 200);
    });
    const result = await fetchPage(`${server.origin}/declared-huge`, options);
    assert.equal(result.kind === 'skipped' && result.outcome, 'too-large');
  });

  test('a body that trickles in past the deadline fails as a retryable timeout', async () => {
    server.route('/slow', async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      for (let i = 0; i < 40 && !res.destroyed; i++) {
        res.write('<p>.</p>');
        await new Promise((done) => setTimeout(done, 100));
      }
      res.end();
    });
    const started = Date.now();
    await expectRetryable(fetchPage(`${server.origin}/slow`, options), /timeout/);
    assert.ok(Date.now() - started < 3000, 'the deadline cut the request short');
  });

  test('redirects are followed up to the limit and the final URL is kept', async () => {
    server.route('/r1', (_req, res) => void res.writeHead(301, { location: '/r2' }).end());
    server.route('/r2', (_req, res) => void res.writeHead(302, { location: `${server.origin}/utf8` }).end());
    const result = await fetchPage(`${server.origin}/r1`, options);
    assert.ok(result.kind === 'page');
    assert.equal(result.page.url, `${server.origin}/r1`);
    assert.equal(result.page.finalUrl, `${server.origin}/utf8`);
  });

  test('a redirect loop ends as too-many-redirects', async () => {
    server.route('/loop-a', (_req, res) => void res.writeHead(302, { location: '/loop-b' }).end());
    server.route('/loop-b', (_req, res) => void res.writeHead(302, { location: '/loop-a' }).end());
    const result = await fetchPage(`${server.origin}/loop-a`, options);
    assert.equal(result.kind === 'skipped' && result.outcome, 'too-many-redirects');
  });

  test('a redirect chain longer than the limit ends as too-many-redirects', async () => {
    for (let i = 0; i < 6; i++) server.route(`/chain${i}`, (_req, res) => void res.writeHead(302, { location: `/chain${i + 1}` }).end());
    const result = await fetchPage(`${server.origin}/chain0`, options);
    assert.equal(result.kind === 'skipped' && result.outcome, 'too-many-redirects');
  });

  test('a 404 is a permanent http-error and a 500 is retryable', async () => {
    const missing = await fetchPage(`${server.origin}/nothing-here`, options);
    assert.equal(missing.kind === 'skipped' && missing.outcome, 'http-error');
    server.route('/boom', (_req, res) => void res.writeHead(500).end('boom'));
    await expectRetryable(fetchPage(`${server.origin}/boom`, options), /http-500/);
  });

  test('429 and 503 are retryable and carry the Retry-After delay', async () => {
    server.route('/busy', (_req, res) => void res.writeHead(429, { 'retry-after': '7' }).end());
    const error = await expectRetryable(fetchPage(`${server.origin}/busy`, options), /http-429/);
    assert.equal(error.retryAfterMs, 7000);
    const when = new Date(Date.now() + 60_000).toUTCString();
    server.route('/down', (_req, res) => void res.writeHead(503, { 'retry-after': when }).end());
    const down = await expectRetryable(fetchPage(`${server.origin}/down`, options), /http-503/);
    assert.ok(down.retryAfterMs! > 55_000 && down.retryAfterMs! <= 60_000);
  });

  test('a remembered ETag turns an unchanged page into not-modified', async () => {
    server.route('/cond', (req, res) => {
      if (req.headers['if-none-match'] === '"abc"') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'text/html', etag: '"abc"', 'last-modified': 'Wed, 19 Mar 2025 10:00:00 GMT' }).end(page('x'));
    });
    const memory = new Map<string, { etag?: string; lastModified?: string }>();
    const withMemory: FetchOptions = { ...options, validators: { get: async (u) => memory.get(u), set: async (u, v) => void memory.set(u, v) } };
    const first = await fetchPage(`${server.origin}/cond`, withMemory);
    assert.equal(first.kind, 'page');
    assert.deepEqual(memory.get(`${server.origin}/cond`), { etag: '"abc"', lastModified: 'Wed, 19 Mar 2025 10:00:00 GMT' });
    const second = await fetchPage(`${server.origin}/cond`, withMemory);
    assert.equal(second.kind === 'skipped' && second.outcome, 'not-modified');
  });
});

describe('the SSRF guard', () => {
  test('refuses loopback addresses that are not allow-listed, without connecting', async () => {
    const result = await fetchPage(`http://127.0.0.2:${server.port}/utf8`, options);
    assert.equal(result.kind === 'skipped' && result.outcome, 'blocked-address');
    assert.match(result.kind === 'skipped' ? result.reason : '', /loopback/);
  });

  test('refuses private, link-local and IPv6 loopback literals', async () => {
    for (const url of ['http://10.0.0.1/', 'http://192.168.1.1/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://[::ffff:10.0.0.1]/', 'http://0.0.0.0/']) {
      const result = await fetchPage(url, options);
      assert.equal(result.kind === 'skipped' && result.outcome, 'blocked-address', url);
    }
  });

  test('refuses a hostname whose DNS answer is a private or metadata address', async () => {
    for (const host of ['metadata.test', 'intranet.test']) {
      const result = await fetchPage(`http://${host}:${server.port}/utf8`, options);
      assert.equal(result.kind === 'skipped' && result.outcome, 'blocked-address', host);
    }
    const allowed = await fetchPage(`http://ok.test:${server.port}/utf8`, options);
    assert.equal(allowed.kind, 'page', 'the allow-listed address is reachable by name too');
  });

  test('refuses a redirect to a private address', async () => {
    server.route('/to-private', (_req, res) => void res.writeHead(302, { location: 'http://10.20.30.40/admin' }).end());
    server.route('/to-loopback', (_req, res) => void res.writeHead(302, { location: `http://127.0.0.2:${server.port}/utf8` }).end());
    server.route('/to-metadata-name', (_req, res) => void res.writeHead(302, { location: `http://metadata.test:${server.port}/` }).end());
    for (const path of ['/to-private', '/to-loopback', '/to-metadata-name']) {
      const result = await fetchPage(`${server.origin}${path}`, options);
      assert.equal(result.kind === 'skipped' && result.outcome, 'blocked-address', path);
    }
  });

  test('refuses non-http schemes, also as a redirect target', async () => {
    server.route('/to-file', (_req, res) => void res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    const result = await fetchPage(`${server.origin}/to-file`, options);
    assert.equal(result.kind === 'skipped' && result.outcome, 'blocked-address');
    const direct = await fetchPage('ftp://example.com/', options);
    assert.equal(direct.kind === 'skipped' && direct.outcome, 'blocked-address');
  });
});
