import { Ajv, type Options } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Request validation with two rule sets. Query strings and path parameters arrive as text, so
 * they are coerced ("2" → 2, a lone value → a one-element array). JSON bodies already carry
 * types, so they are checked as sent: `{"urls": "https://…"}` is a 400, not quietly a list.
 * Unknown fields are errors everywhere (fastify's default would silently remove them).
 */
const common: Options = { useDefaults: true, removeAdditional: false, allErrors: false, strict: false };
const textParts = new Ajv({ ...common, coerceTypes: 'array' });
const jsonBody = new Ajv({ ...common, coerceTypes: false });

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? jsonBody : textParts).compile(schema);
