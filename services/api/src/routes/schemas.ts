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

/** One URL's or page's fate in an enqueue batch, in input order. */
export const enqueueResultSchema = {
  type: 'object',
  properties: {
    url: { type: 'string' },
    canonicalUrl: { type: 'string' },
    jobId: { type: 'string' },
    status: { type: 'string', enum: ['queued', 'already-queued', 'invalid'] },
    error: { type: 'string' },
  },
  required: ['url', 'status'],
} as const;

/** The reply of every enqueue route: counts, then one result per input item. */
export const enqueueReplySchema = {
  type: 'object',
  properties: {
    queued: { type: 'integer' },
    alreadyQueued: { type: 'integer' },
    invalid: { type: 'integer' },
    results: { type: 'array', items: enqueueResultSchema },
  },
  required: ['queued', 'alreadyQueued', 'invalid', 'results'],
} as const;
