import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createTestApi, failJob, type TestApi } from '@khabar/api/testing';

const CHROMIUM = '/usr/bin/chromium';
const WRITE_KEY = 'board-write-key';
const READ_KEY = 'board-read-key';
const screenshots = resolve(import.meta.dirname, '..', 'test-results');
const FAILURE = 'http-error: 503 Service Unavailable from example.com';

const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium): the queue board browser test needs it`;

describe('queue board in a browser', { skip }, () => {
  let api: TestApi;
  let base: string;
  let browser: Browser;
  let failedId: string;

  before(async () => {
    api = await createTestApi({ API_KEYS: WRITE_KEY, API_READ_KEYS: READ_KEY });
    failedId = await failJob(api, 'fetch', { url: 'https://example.com/broken', enqueuedAt: new Date().toISOString() }, FAILURE, 'ubroken1');
    await api.deps.producers.enqueueUrls(['https://example.com/waiting-1', 'https://example.com/waiting-2']);
    base = await api.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    await api?.close();
  });

  test('without credentials the board is refused', async () => {
    const context = await browser.newContext();
    try {
      // A browser page would stop at the Basic-auth prompt; the context's request API shows the answer.
      const response = await context.request.get(`${base}/admin/queues`);
      assert.equal(response.status(), 401);
      assert.match(response.headers()['www-authenticate'] ?? '', /^Basic/);
    } finally {
      await context.close();
    }
  });

  test('with a read key the board shows every queue and the failed job with its reason', async () => {
    const context = await browser.newContext({ httpCredentials: { username: 'khabar', password: READ_KEY }, viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${base}/admin/queues`);
      assert.equal(response?.status(), 200);
      for (const queue of ['fetch', 'pages', 'sources']) {
        await page.getByRole('link', { name: new RegExp(`^${queue}`, 'i') }).first().waitFor({ timeout: 15_000 });
      }
      await page.goto(`${base}/admin/queues/queue/fetch?status=failed`);
      await page.getByText(FAILURE).first().waitFor({ timeout: 15_000 });
      await page.getByText(failedId).first().waitFor({ timeout: 5_000 });
      mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: resolve(screenshots, 'queue-board-failed-job.png'), fullPage: true });
      // A read key would be refused anyway: the board does not offer the actions.
      assert.equal(await page.getByRole('button', { name: /retry all/i }).count(), 0);
    } finally {
      await context.close();
    }
  });

  test('with a write key the board offers retry and clean actions', async () => {
    const context = await browser.newContext({ httpCredentials: { username: 'khabar', password: WRITE_KEY }, viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/admin/queues/queue/fetch?status=failed`);
      await page.getByText(FAILURE).first().waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: /retry all/i }).first().waitFor({ timeout: 5_000 });
      await page.getByRole('button', { name: /clean all/i }).first().waitFor({ timeout: 5_000 });
      await page.screenshot({ path: resolve(screenshots, 'queue-board-write-key.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  test('a read key cannot retry jobs; a write key can', async () => {
    const retry = (key: string) =>
      fetch(`${base}/admin/queues/api/queues/fetch/retry/failed`, { method: 'PUT', headers: { authorization: `Bearer ${key}` } });
    assert.equal((await retry(READ_KEY)).status, 403);
    assert.equal(await (await api.deps.queues.fetch.getJob(failedId))?.getState(), 'failed');
    assert.equal((await retry(WRITE_KEY)).status, 200);
    assert.equal(await (await api.deps.queues.fetch.getJob(failedId))?.getState(), 'waiting');
  });
});

describe('queue board read-only mode', () => {
  test('BOARD_READ_ONLY marks every queue read-only and refuses actions', async () => {
    const api = await createTestApi({ BOARD_READ_ONLY: 'true' });
    try {
      const id = await failJob(api, 'fetch', { url: 'https://example.com/x', enqueuedAt: new Date().toISOString() }, 'boom');
      const res = await api.app.inject({ method: 'GET', url: '/admin/queues/api/queues' });
      assert.equal(res.statusCode, 200);
      const queues = res.json().queues as Array<{ name: string; readOnlyMode: boolean }>;
      assert.deepEqual(queues.map((q) => q.name).sort(), ['fetch', 'pages', 'sources']);
      assert.ok(queues.every((q) => q.readOnlyMode));
      const retry = await api.app.inject({ method: 'PUT', url: '/admin/queues/api/queues/fetch/retry/failed' });
      assert.ok(retry.statusCode >= 400, `retry answered ${retry.statusCode}`);
      assert.equal(await (await api.deps.queues.fetch.getJob(id))?.getState(), 'failed');
    } finally {
      await api.close();
    }
  });
});
