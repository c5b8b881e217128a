import { parseArgs } from 'node:util';
import { CatalogError, DEFAULT_CATALOG_PATH, readCatalogFile, reviewUserCatalog } from '@khabar/entities';
import { printJson, UsageError } from '../io.js';

const HELP = `usage: khabar catalog check <file.json> [--json]

Checks a user entity catalog (the file ENTITIES_USER_CATALOG points at) before the workers load it:
the schema (an error names the entry and the field), which ids it adds and which of ours it extends,
and spellings another entity also claims (they then count only where the article names one of them
in full). Exits 1 when the file would be refused.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals[0] !== 'check' || positionals.length !== 2) throw new UsageError(`expected: check <file.json>\n\n${HELP}`);
  const path = positionals[1]!;
  let review;
  try {
    review = reviewUserCatalog(readCatalogFile(DEFAULT_CATALOG_PATH).catalog, readCatalogFile(path).catalog);
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    if (values.json) printJson({ ok: false, error: error.message });
    else process.stderr.write(`${error.message}\nthe workers would keep their last good catalog\n`);
    return 1;
  }
  if (values.json) {
    printJson({ ok: true, ...review });
    return 0;
  }
  const lines = [
    `ok: ${review.added.length} entities added, ${review.extended.length} extended`,
    ...(review.added.length ? [`added     ${review.added.join(' ')}`] : []),
    ...(review.extended.length ? [`extended  ${review.extended.join(' ')}`] : []),
    ...review.shared.map((s) => `shared    "${s.spelling}" is also ${s.ids.join(', ')}: it counts only where the article names one of them in full`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
