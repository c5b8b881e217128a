import { after, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRedis, type Config } from '@khabar/core';
import { decodePage, Producers } from '@khabar/queues';
import { parseFetchSettings } from '@khabar/fetch';
import { startFetcher, type Fetcher } from '@khabar/fetcher';
import { registry } from '@khabar/telemetry';
import { html, startTestServer, type TestServer } from '../packages/fetch/test/support/http-server.js';
import { dropPrefix, sleep, testConfig, testLogger, waitForJob } from '../packages/fetch/test/support/redis.js';

const settings = parseFetchSettings({});
const page = (text: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${text}</title></head><body><p>${text}</p></body></html>`;

interface Rig {
  config: Config;
  producers: Producers;
  fetchers: Fetcher[];
  close(): Promise<void>;
}

const rigs: Rig[] = [];
const servers: TestServer[] = [];

async function rig(overrides: Record<string, string> = {}, workers = 1, concurrency = 4): Promise<Rig> {
  const config = testConfig({ FETCH_TIMEOUT_MS: '3000', JOB_BACKOFF_MS: '50', ...overrides });
  const connection = createRedis(config, 'producer');
  const producers = new Producers(config, connection);
  const fetchers = Array.from({ length: workers }, () => startFetcher(config, testLogger(config), { settings, concurrency }));
  const created: Rig = {
    config,
    producers,
    fetchers,
    async close() {
      await Promise.all(fetchers.map((f) => f.close()));
      await producers.close();
      await connection.quit();
      await dropPrefix(config);
    },
  };
  rigs.push(created);
  return created;
}

async function server(routes: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer({ '/robots.txt': (_q, r) => void r.writeHead(404).end(), ...routes });
  servers.push(s);
  return s;
}

async function fetchAll(r: Rig, urls: string[], timeoutMs = 15_000) {
  const queued = await r.producers.enqueueUrls(urls);
  return Promise.all(queued.map((q) => waitForJob(r.producers.fetch, q.jobId!, timeoutMs)));
}

afterEach(async () => {
  await Promise.all(rigs.splice(0).map((r) => r.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

after(async () => {
  await Promise.all(rigs.splice(0).map((r) => r.close()));
});

describe('the fetch worker', () => {
  test('a URL on the fetch queue ends as a decoded page on the pages queue', async () => {
    const s = await server({ '/news/1': html(page('بوتين وترامب')) });
    const r = await rig();
    const [job] = await fetchAll(r, [`${s.origin}/news/1?utm_source=x`]);
    assert.equal(job!.returnvalue.outcome, 'fetched');
    const pageJob = await r.producers.pages.getJob(String(job!.returnvalue.pageJobId));
    assert.ok(pageJob, 'the page job exists');
    const raw = decodePage(pageJob.data);
    assert.equal(raw.url, `${s.origin}/news/1`);
    assert.equal(raw.origin, 'fetch');
    assert.ok(raw.html.includes('بوتين وترامب'));
    const responses = await registry.getSingleMetricAsString('khabar_fetch_responses_total');
    assert.match(responses, new RegExp(`host="127.0.0.1:${s.port}",status_class="2xx"\\} [1-9]`), 'responses are counted per host and status class');
    assert.match(await registry.getSingleMetricAsString('khabar_job_outcomes_total'), /queue="fetch",outcome="fetched"\} [1-9]/);
  });

  test('permanent outcomes are recorded as the job result, not thrown', async () => {
    const s = await server({ '/doc.pdf': (_q, res) => void res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF') });
    const r = await rig();
    const [pdf, missing] = await fetchAll(r, [`${s.origin}/doc.pdf`, `${s.origin}/gone`]);
    assert.equal(pdf!.returnvalue.outcome, 'not-html');
    assert.equal(missing!.returnvalue.outcome, 'http-error');
    assert.match(String(missing!.returnvalue.reason), /404/);
    assert.equal(await r.producers.pages.count(), 0);
  });

  test('robots.txt disallow ends the job as robots-disallowed without requesting the page', async () => {
    const s = await server({
      '/robots.txt': (_q, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: KhabarBot\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n'),
      '/private/secret': html(page('secret')),
      '/public': html(page('public')),
    });
    const r = await rig();
    const [secret, open] = await fetchAll(r, [`${s.origin}/private/secret`, `${s.origin}/public`]);
    assert.equal(secret!.returnvalue.outcome, 'robots-disallowed');
    assert.equal(open!.returnvalue.outcome, 'fetched', 'our own group allows the rest, although * disallows everything');
    assert.ok(!s.log.some((entry) => entry.path.startsWith('/private')), 'the disallowed page was never requested');
    assert.equal(s.log.filter((entry) => entry.path === '/robots.txt').length, 1, 'robots.txt is fetched once and cached');
  });

  test('an unreachable robots.txt holds the site back until it answers, without using up attempts', async () => {
    let robotsCalls = 0;
    const s = await server({
      '/robots.txt': (_q, res) => {
        robotsCalls++;
        if (robotsCalls === 1) return void res.writeHead(503).end();
        res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      },
      '/page': html(page('after the outage')),
    });
    const r = await rig({ ROBOTS_CACHE_TTL_S: '1', JOB_ATTEMPTS: '3' });
    const [job] = await fetchAll(r, [`${s.origin}/page`]);
    assert.equal(job!.returnvalue.outcome, 'fetched');
    assert.equal(robotsCalls, 2);
    assert.equal(job!.attemptsMade, 1, 'one attempt, the one that fetched: waiting for robots.txt cost none');
    const robotsTimes = s.log.filter((e) => e.path === '/robots.txt').map((e) => e.at);
    assert.ok(robotsTimes[1]! - robotsTimes[0]! >= 900, 'robots.txt was asked again only after its recheck time');
  });

  test('a robots.txt Crawl-delay spaces the requests to its host', async () => {
    const paths = ['/a', '/b', '/c'];
    const s = await server({
      '/robots.txt': (_q, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nCrawl-delay: 0.5\n'),
      ...Object.fromEntries(paths.map((p) => [p, html(page(p))])),
    });
    const r = await rig();
    const jobs = await fetchAll(r, paths.map((p) => s.origin + p));
    assert.deepEqual(jobs.map((j) => j.returnvalue.outcome), ['fetched', 'fetched', 'fetched']);
    const starts = s.log.filter((e) => paths.includes(e.path)).map((e) => e.at).sort((a, b) => a - b);
    // Spacing is enforced between request starts at the fetcher; arrival at the server lags by
    // however busy the machine is, hence a wide margin (unspaced requests arrive ~0-20 ms apart).
    for (let i = 1; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 1]! >= 300, `gap ${starts[i]! - starts[i - 1]!} ms`);
  });

  test('two workers share one host budget: requests keep the minimum delay between them', async () => {
    const paths = ['/1', '/2', '/3', '/4', '/5', '/6'];
    const s = await server(Object.fromEntries(paths.map((p) => [p, html(page(p))])));
    const r = await rig({ FETCH_HOST_DELAY_MS: '250', FETCH_HOST_CONCURRENCY: '4' }, 2, 4);
    const jobs = await fetchAll(r, paths.map((p) => s.origin + p));
    assert.ok(jobs.every((j) => j.returnvalue.outcome === 'fetched'));
    const starts = s.log.filter((e) => paths.includes(e.path)).map((e) => e.at).sort((a, b) => a - b);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    assert.ok(gaps.every((gap) => gap >= 150), `gaps ${gaps.map(Math.round).join(', ')} ms`);
  });

  test('two workers share one host budget: no more requests in flight than allowed', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = async (_q: unknown, res: import('node:http').ServerResponse) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await sleep(200);
      inFlight--;
      res.writeHead(200, { 'content-type': 'text/html' }).end(page('slow'));
    };
    const paths = ['/s1', '/s2', '/s3', '/s4', '/s5', '/s6'];
    const s = await server(Object.fromEntries(paths.map((p) => [p, slow])));
    const r = await rig({ FETCH_HOST_CONCURRENCY: '2' }, 2, 4);
    const jobs = await fetchAll(r, paths.map((p) => s.origin + p));
    assert.ok(jobs.every((j) => j.returnvalue.outcome === 'fetched'));
    assert.ok(peak >= 1 && peak <= 2, `peak concurrency ${peak}, allowed 2`);
  });

  test('a slow host does not stall fetching from another host', async () => {
    const slowPaths = ['/x1', '/x2', '/x3', '/x4'];
    const slowServer = await server(
      Object.fromEntries(slowPaths.map((p) => [p, async (_q: unknown, res: import('node:http').ServerResponse) => {
        await sleep(300);
        res.writeHead(200, { 'content-type': 'text/html' }).end(page('slow'));
      }])),
    );
    const fastServer = await server({ '/quick': html(page('quick')) });
    const r = await rig({ FETCH_HOST_CONCURRENCY: '1' }, 1, 2);
    const slowJobs = fetchAll(r, slowPaths.map((p) => slowServer.origin + p));
    await sleep(50);
    const [quick] = await fetchAll(r, [`${fastServer.origin}/quick`]);
    const quickDoneAt = performance.now();
    assert.equal(quick!.returnvalue.outcome, 'fetched');
    await slowJobs;
    // The slow host takes its pages one at a time, 300 ms each; the quick host must not wait for them.
    const slowStarts = slowServer.log.filter((e) => slowPaths.includes(e.path)).map((e) => e.at).sort((a, b) => a - b);
    assert.equal(slowStarts.length, 4);
    assert.ok(quickDoneAt < slowStarts[2]!, `the quick page finished before the slow host's third page started`);
  });

  test('a redirect to another host waits for that host\'s turn too', async () => {
    const target = await server({ '/b1': html(page('b1')), '/b2': html(page('b2')) });
    const origin = await server({ '/go': (_q, res) => void res.writeHead(302, { location: `${target.origin}/b2` }).end() });
    const r = await rig({ FETCH_HOST_DELAY_MS: '500' }, 1, 4);
    // robots.txt of both hosts first, so the page requests below race for the target's turn.
    await fetchAll(r, [`${target.origin}/b1`]);
    const jobs = await fetchAll(r, [`${origin.origin}/go`, `${target.origin}/b1?again=1`]);
    assert.ok(jobs.every((j) => j.returnvalue.outcome === 'fetched'));
    const hits = target.log.filter((e) => e.path === '/b2' || e.path === '/b1?again=1').map((e) => e.at).sort((a, b) => a - b);
    assert.equal(hits.length, 2);
    assert.ok(hits[1]! - hits[0]! >= 300, `the target host was hit twice ${Math.round(hits[1]! - hits[0]!)} ms apart`);
  });

  test('a 429 with Retry-After is retried after the delay it asks for', async () => {
    let calls = 0;
    const s = await server({
      '/limited': (_q, res) => {
        calls++;
        if (calls === 1) return void res.writeHead(429, { 'retry-after': '1' }).end();
        res.writeHead(200, { 'content-type': 'text/html' }).end(page('finally'));
      },
    });
    const r = await rig();
    const [job] = await fetchAll(r, [`${s.origin}/limited`]);
    assert.equal(job!.returnvalue.outcome, 'fetched');
    const times = s.log.filter((e) => e.path === '/limited').map((e) => e.at);
    assert.equal(times.length, 2);
    assert.ok(times[1]! - times[0]! >= 950, `retried after ${Math.round(times[1]! - times[0]!)} ms`);
  });

  test('a 5xx is retried with backoff and the job fails with a clear reason once attempts run out', async () => {
    const s = await server({ '/broken': (_q, res) => void res.writeHead(502).end() });
    const r = await rig({ JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '20' });
    const [job] = await fetchAll(r, [`${s.origin}/broken`]);
    assert.equal(await job!.getState(), 'failed');
    assert.equal(job!.attemptsMade, 3);
    assert.match(job!.failedReason, /HTTP 502/);
  });

  test('re-fetching an unchanged page costs a 304 and ends as not-modified', async () => {
    const s = await server({
      '/same': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
        res.writeHead(200, { 'content-type': 'text/html', etag: '"v1"' }).end(page('same'));
      },
    });
    const r = await rig();
    const [first] = await fetchAll(r, [`${s.origin}/same`]);
    assert.equal(first!.returnvalue.outcome, 'fetched');
    await first!.remove();
    const [second] = await fetchAll(r, [`${s.origin}/same`]);
    assert.equal(second!.returnvalue.outcome, 'not-modified');
  });

  test('a URL that resolves to a refused address ends as blocked-address', async () => {
    const r = await rig();
    const [job] = await fetchAll(r, ['http://10.9.8.7/internal']);
    assert.equal(job!.returnvalue.outcome, 'blocked-address');
  });
});
