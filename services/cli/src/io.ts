import { readFileSync } from 'node:fs';

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
