/**
 * Starts a local redis-server and OpenSearch node and prints their URLs; stops them on Ctrl-C.
 * Handy for developing against real services: `npm run services`.
 */
import { startOpenSearch, startRedis, removeData } from './lib/local-services.js';

const redis = await startRedis({ port: process.env.REDIS_PORT ? Number(process.env.REDIS_PORT) : undefined });
console.log(`REDIS_URL=${redis.url}`);
const opensearch = await startOpenSearch({ port: process.env.OPENSEARCH_PORT ? Number(process.env.OPENSEARCH_PORT) : undefined });
console.log(`OPENSEARCH_URL=${opensearch.url}`);
const stop = async () => {
  await Promise.all([redis.stop(), opensearch.stop()]);
  removeData(redis);
  removeData(opensearch);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
