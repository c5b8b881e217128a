import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join, resolve } from 'node:path';
import type { Config } from '@khabar/core';

/** infra/dashboards in this repository (and in the container image, which copies the repository). */
export const SAVED_OBJECTS_DIR = resolve(import.meta.dirname, '..', '..', '..', 'infra', 'dashboards');

/** A deployment often starts setup and Dashboards together; Dashboards takes ~30 s to come up. */
export const DEFAULT_WAIT_MS = 60_000;

export interface ImportSavedObjectsOptions
  extends Partial<Pick<Config, 'OPENSEARCH_USERNAME' | 'OPENSEARCH_PASSWORD' | 'OPENSEARCH_TLS_INSECURE'>> {
  /** Directory whose *.ndjson files are imported (default: infra/dashboards). */
  dir?: string;
  /** Keep retrying while Dashboards is starting (connection refused, 503) for this long. Default 60 s. */
  waitMs?: number;
  /** Security plugin tenant the objects go to; "global" is shared by every user. */
  tenant?: string;
}

export interface ImportSavedObjectsResult {
  files: string[];
  successCount: number;
  /** Objects Dashboards refused, with its reason: an import with errors throws instead. */
  errors: Array<{ type: string; id: string; error: unknown }>;
}

export class SavedObjectsImportError extends Error {
  override name = 'SavedObjectsImportError';
}

interface HttpAnswer {
  status: number;
  body: string;
}

function send(url: URL, method: string, headers: Record<string, string>, body: Buffer | undefined, insecure: boolean): Promise<HttpAnswer> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((done, fail) => {
    const req = request(url, { method, headers, timeout: 30_000, ...(url.protocol === 'https:' ? { rejectUnauthorized: !insecure } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url.pathname} timed out`)));
    req.on('error', fail);
    req.end(body);
  });
}

/** All *.ndjson files of `dir` joined in name order into one import, so references resolve within it. */
export function readSavedObjects(dir = SAVED_OBJECTS_DIR): { files: string[]; ndjson: string } {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.ndjson'))
    .sort();
  if (files.length === 0) throw new SavedObjectsImportError(`no .ndjson saved objects in ${dir}`);
  const lines = files.flatMap((name) =>
    readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
  return { files, ndjson: `${lines.join('\n')}\n` };
}

/**
 * POSTs infra/dashboards/*.ndjson to `<dashboardsUrl>/api/saved_objects/_import?overwrite=true`
 * (multipart, with the `osd-xsrf` header Dashboards requires). Overwriting makes it idempotent:
 * `khabar setup` can run on every deployment.
 */
export async function importSavedObjects(dashboardsUrl: string, options: ImportSavedObjectsOptions = {}): Promise<ImportSavedObjectsResult> {
  const { files, ndjson } = readSavedObjects(options.dir);
  const boundary = `----khabar${randomUUID().replaceAll('-', '')}`;
  const body = Buffer.from(
    `--${boundary}\r\n` +
      'Content-Disposition: form-data; name="file"; filename="khabar.ndjson"\r\n' +
      'Content-Type: application/ndjson\r\n\r\n' +
      `${ndjson}\r\n--${boundary}--\r\n`,
  );
  const headers: Record<string, string> = {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'content-length': String(body.length),
    'osd-xsrf': 'true',
    securitytenant: options.tenant ?? 'global',
  };
  if (options.OPENSEARCH_USERNAME) {
    headers.authorization = `Basic ${Buffer.from(`${options.OPENSEARCH_USERNAME}:${options.OPENSEARCH_PASSWORD ?? ''}`).toString('base64')}`;
  }
  const url = new URL('api/saved_objects/_import?overwrite=true', dashboardsUrl.endsWith('/') ? dashboardsUrl : `${dashboardsUrl}/`);
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
  let answer: HttpAnswer | undefined;
  for (;;) {
    try {
      answer = await send(url, 'POST', headers, body, options.OPENSEARCH_TLS_INSECURE ?? false);
      // Dashboards answers 503 ("not ready yet") while it starts or while OpenSearch is down.
      if (answer.status !== 503 || Date.now() >= deadline) break;
    } catch (error) {
      if (Date.now() >= deadline) throw new SavedObjectsImportError(`Dashboards at ${dashboardsUrl} is unreachable: ${(error as Error).message}`);
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
  if (answer.status < 200 || answer.status >= 300) {
    throw new SavedObjectsImportError(`Dashboards refused the saved objects import (HTTP ${answer.status}): ${answer.body.slice(0, 500)}`);
  }
  const result = JSON.parse(answer.body) as { success?: boolean; successCount?: number; errors?: ImportSavedObjectsResult['errors'] };
  const errors = result.errors ?? [];
  if (result.success === false || errors.length > 0) {
    const detail = errors.map((e) => `${e.type}/${e.id}: ${JSON.stringify(e.error)}`).join('; ');
    throw new SavedObjectsImportError(`Dashboards imported ${result.successCount ?? 0} saved objects and refused ${errors.length}: ${detail}`);
  }
  return { files, successCount: result.successCount ?? 0, errors };
}
