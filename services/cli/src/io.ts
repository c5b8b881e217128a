import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decodeHtml } from '@khabar/fetch';

/** Reads a file argument, or standard input for "-". */
export async function readInput(path: string): Promise<string> {
  if (path !== '-') return readFileSync(path, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Thrown for bad arguments: main prints the message and exits with status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A file's bytes, or standard input's for "-"; an unreadable file is a usage error, not a crash. */
export async function readBytes(path: string): Promise<Buffer> {
  if (path !== '-') {
    try {
      return readFileSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}`);
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A saved page (.html or .html.gz) as text. Saved pages keep their charset (windows-1256 is common
 * on Arabic sites), so it is sniffed the way the fetcher does: BOM, meta tag, then detection.
 */
export async function readPage(path: string): Promise<string> {
  const bytes = await readBytes(path);
  return decodeHtml(bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).text;
}
