/**
 * Prints the configuration reference (every environment variable, its default and meaning) as a
 * Markdown table from the one schema in packages/core/src/config.ts. The README embeds its output
 * between the config-table markers; test/readme.test.ts fails when the two drift apart.
 */
import { configShape } from '@khabar/core';

export function configTable(): string {
  const rows = Object.entries(configShape.shape).map(([name, schema]) => {
    const def = (schema as { _zod: { def: { defaultValue?: unknown; type: string } } })._zod.def;
    const fallback = def.type === 'default' ? JSON.stringify(def.defaultValue) : def.type === 'optional' ? '(unset)' : '(required)';
    const description = (schema as { description?: string }).description ?? '';
    return `| \`${name}\` | \`${fallback}\` | ${description.replace(/\|/g, '\\|')} |`;
  });
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(configTable());
