import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { articleMapping } from '@khabar/search';
import { importSavedObjects, readSavedObjects, SAVED_OBJECTS_DIR } from '../packages/search/src/dashboards.js';

interface SavedObject {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  references: Array<{ name: string; type: string; id: string }>;
}

const objects: SavedObject[] = readSavedObjects()
  .ndjson.split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as SavedObject);

type MappingNode = { type?: string; properties?: Record<string, MappingNode>; fields?: Record<string, MappingNode> };

/** The mapping entry of a dotted field path (object properties and multi-fields), if any. */
function fieldType(path: string): string | undefined {
  const parts = path.split('.');
  let node: MappingNode | undefined = { properties: articleMapping.properties as unknown as Record<string, MappingNode> };
  for (const part of parts) {
    node = node?.properties?.[part] ?? node?.fields?.[part];
    if (!node) return undefined;
  }
  return node.type ?? (node.properties ? 'object' : undefined);
}

/** Field names in a KQL query ("entity_ids:\"Q7747\" and copy_count > 0"). */
function kqlFields(query: string): string[] {
  return [...query.matchAll(/([a-z_][a-z0-9_.]*)\s*(?::|<=|>=|<|>)/gi)].map((m) => m[1]!);
}

function searchSource(object: SavedObject): { query: { query: string; language: string }; indexRefName?: string } {
  const meta = object.attributes.kibanaSavedObjectMeta as { searchSourceJSON: string };
  return JSON.parse(meta.searchSourceJSON);
}

/** Every field an object reads, with what it is used for. */
function referencedFields(object: SavedObject): Array<{ field: string; use: 'aggregation' | 'display' | 'query' | 'time' }> {
  const out: Array<{ field: string; use: 'aggregation' | 'display' | 'query' | 'time' }> = [];
  if (object.type === 'index-pattern') {
    out.push({ field: String(object.attributes.timeFieldName), use: 'time' });
    for (const field of Object.keys(JSON.parse(String(object.attributes.fieldFormatMap ?? '{}')))) out.push({ field, use: 'display' });
  }
  if (object.type === 'search') {
    for (const field of object.attributes.columns as string[]) out.push({ field, use: 'display' });
    for (const [field] of object.attributes.sort as Array<[string, string]>) out.push({ field, use: 'aggregation' });
  }
  if (object.type === 'visualization') {
    const visState = JSON.parse(String(object.attributes.visState)) as { aggs: Array<{ params: { field?: string } }> };
    for (const agg of visState.aggs) if (agg.params.field) out.push({ field: agg.params.field, use: 'aggregation' });
  }
  if (object.type === 'search' || object.type === 'visualization') {
    for (const field of kqlFields(searchSource(object).query.query)) out.push({ field, use: 'query' });
  }
  return out;
}

describe('OpenSearch Dashboards saved objects', () => {
  test('every line is a saved object with a unique id', () => {
    assert.ok(objects.length > 0);
    const ids = objects.map((o) => `${o.type}/${o.id}`);
    assert.equal(new Set(ids).size, ids.length);
  });

  test('the index pattern covers the articles alias and its versioned indices', () => {
    const patterns = objects.filter((o) => o.type === 'index-pattern');
    assert.equal(patterns.length, 1);
    assert.equal(patterns[0]!.attributes.title, 'articles*');
    assert.equal(patterns[0]!.attributes.timeFieldName, 'published_at');
  });

  test('there is one saved search per headline entity', () => {
    const queries = objects.filter((o) => o.type === 'search').map((o) => searchSource(o).query.query);
    for (const id of ['Q7747', 'Q22686', 'Q3874799']) assert.ok(queries.includes(`entity_ids:"${id}"`), id);
  });

  test('the visualisations the issue lists are all there', () => {
    const titles = objects.filter((o) => o.type === 'visualization').map((o) => String(o.attributes.title));
    for (const title of ['Mentions per day per entity', 'Top sources', 'Languages', 'Co-mentioned entities', 'Story copy counts', 'Pipeline outcomes']) {
      assert.ok(titles.includes(title), title);
    }
  });

  test('every field the saved objects reference exists in the index mapping', () => {
    const missing: string[] = [];
    for (const object of objects) {
      for (const { field } of referencedFields(object)) if (!fieldType(field)) missing.push(`${object.id}: ${field}`);
    }
    assert.deepEqual(missing, []);
  });

  test('aggregations, sorts and the time field use aggregatable (not full-text) fields', () => {
    const wrong: string[] = [];
    for (const object of objects) {
      for (const { field, use } of referencedFields(object)) {
        const type = fieldType(field);
        if ((use === 'aggregation' || use === 'time') && (type === 'text' || type === 'object')) wrong.push(`${object.id}: ${field} is ${type}`);
        if (use === 'time' && type !== 'date') wrong.push(`${object.id}: time field ${field} is ${type}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('every reference points at an object shipped in the same import', () => {
    const known = new Set(objects.map((o) => `${o.type}/${o.id}`));
    for (const object of objects) {
      for (const ref of object.references) assert.ok(known.has(`${ref.type}/${ref.id}`), `${object.id} → ${ref.type}/${ref.id}`);
      if (object.type === 'search' || object.type === 'visualization') {
        const refName = searchSource(object).indexRefName;
        assert.ok(object.references.some((r) => r.name === refName && r.type === 'index-pattern'), `${object.id} has its index reference`);
      }
    }
  });

  test('the overview dashboard shows every visualisation and saved search', () => {
    const dashboard = objects.find((o) => o.type === 'dashboard');
    assert.ok(dashboard);
    const panels = JSON.parse(String(dashboard.attributes.panelsJSON)) as Array<{ panelRefName: string; gridData: { x: number; w: number } }>;
    const refNames = new Set(dashboard.references.map((r) => r.name));
    for (const panel of panels) {
      assert.ok(refNames.has(panel.panelRefName), panel.panelRefName);
      assert.ok(panel.gridData.x + panel.gridData.w <= 48, 'panels fit the 48-column grid');
    }
    const shown = new Set(dashboard.references.map((r) => r.id));
    for (const object of objects.filter((o) => o.type === 'visualization' || o.type === 'search')) assert.ok(shown.has(object.id), object.id);
  });
});

describe('importing saved objects into Dashboards', () => {
  /** A loopback HTTP server standing in for Dashboards' import endpoint, recording what it got. */
  async function fakeDashboards(answer: (req: IncomingMessage, body: string) => [number, unknown]) {
    const seen: Array<{ url: string; headers: IncomingMessage['headers']; body: string }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ url: req.url ?? '', headers: req.headers, body });
        const [status, payload] = answer(req, body);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      });
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, seen, close: () => new Promise<void>((done) => server.close(() => done())) };
  }

  test('the NDJSON is posted as multipart with osd-xsrf, overwrite and credentials', async () => {
    const dashboards = await fakeDashboards(() => [200, { success: true, successCount: objects.length }]);
    try {
      const result = await importSavedObjects(`${dashboards.url}/`, { OPENSEARCH_USERNAME: 'admin', OPENSEARCH_PASSWORD: 'S3cret!pass' });
      assert.equal(result.successCount, objects.length);
      assert.deepEqual(result.files, ['khabar.ndjson']);
      const [req] = dashboards.seen;
      assert.ok(req);
      assert.equal(req.url, '/api/saved_objects/_import?overwrite=true');
      assert.equal(req.headers['osd-xsrf'], 'true');
      assert.match(String(req.headers['content-type']), /^multipart\/form-data; boundary=/);
      assert.equal(req.headers.authorization, `Basic ${Buffer.from('admin:S3cret!pass').toString('base64')}`);
      assert.match(req.body, /name="file"; filename="khabar\.ndjson"/);
      assert.ok(req.body.includes('"id":"khabar-overview"'));
    } finally {
      await dashboards.close();
    }
  });

  test('objects Dashboards refuses make the import fail with their ids', async () => {
    const dashboards = await fakeDashboards(() => [
      200,
      { success: false, successCount: 1, errors: [{ type: 'visualization', id: 'khabar-vis-languages', error: { type: 'missing_references' } }] },
    ]);
    try {
      await assert.rejects(importSavedObjects(dashboards.url), /refused 1: visualization\/khabar-vis-languages/);
    } finally {
      await dashboards.close();
    }
  });

  test('an HTTP error from Dashboards is reported with its status', async () => {
    const dashboards = await fakeDashboards(() => [400, { message: 'Request must contain a osd-xsrf header.' }]);
    try {
      await assert.rejects(importSavedObjects(dashboards.url), /HTTP 400.*osd-xsrf/);
    } finally {
      await dashboards.close();
    }
  });

  test('while Dashboards answers 503 (starting up) the import waits and retries', async () => {
    let calls = 0;
    const dashboards = await fakeDashboards(() => (++calls < 2 ? [503, { message: 'not ready' }] : [200, { success: true, successCount: 3 }]));
    try {
      const result = await importSavedObjects(dashboards.url, { waitMs: 10_000 });
      assert.equal(result.successCount, 3);
      assert.equal(calls, 2);
    } finally {
      await dashboards.close();
    }
  });

  test('an unreachable Dashboards is reported once the wait is over', async () => {
    await assert.rejects(importSavedObjects('http://127.0.0.1:9', { waitMs: 0 }), /Dashboards at http:\/\/127\.0\.0\.1:9 is unreachable/);
  });

  test('a directory without saved objects is an error, not an empty import', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-so-'));
    try {
      writeFileSync(join(dir, 'readme.txt'), 'nothing here');
      await assert.rejects(importSavedObjects('http://127.0.0.1:9', { dir }), /no \.ndjson saved objects/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the default directory is infra/dashboards', () => {
    assert.match(SAVED_OBJECTS_DIR, /infra[\\/]dashboards$/);
  });
});
