/** JSON schemas shared by several routes (also what the OpenAPI document shows). */
export const errorSchema = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string' },
    error: { type: 'string' },
    message: { type: 'string' },
  },
} as const;

export const QUEUE_NAMES = ['fetch', 'pages', 'sources'] as const;
