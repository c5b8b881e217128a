import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from './deps.js';

/**
 * Bull Board at `path`, in its own plugin scope (its view and static plugins stay inside).
 * The app's auth hook covers it: any key may look, only write keys may retry/clean/remove,
 * and BOARD_READ_ONLY hides those actions altogether.
 */
export async function registerBoard(app: FastifyInstance, deps: ApiDeps, path: string): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(path);
  createBullBoard({
    queues: Object.values(deps.queues).map(
      (queue) => new BullMQAdapter(queue, { readOnlyMode: deps.config.BOARD_READ_ONLY, allowRetries: !deps.config.BOARD_READ_ONLY }),
    ),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Khabar queues' } },
  });
  await app.register(
    async (scope) => {
      // The UI hides retry/clean/remove for queues the list marks read-only: mark them so for
      // read keys, who would only be refused (403) if they clicked.
      scope.addHook('onSend', async (request, _reply, payload) => {
        if (request.grant === 'write' || request.method !== 'GET' || typeof payload !== 'string') return payload;
        if (request.routeOptions.url !== `${path}/api/queues`) return payload;
        const body = JSON.parse(payload) as { queues?: Array<Record<string, unknown>> };
        for (const queue of body.queues ?? []) Object.assign(queue, { readOnlyMode: true, allowRetries: false, allowCompletedRetries: false });
        return JSON.stringify(body);
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: path },
  );
}
