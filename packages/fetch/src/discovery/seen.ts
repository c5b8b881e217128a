import type { Redis } from 'ioredis';
import { redisKey, stableId } from '@khabar/core';

/**
 * Article URLs discovery has already enqueued, in one Redis sorted set scored by the time each
 * was last listed by a source. A BullMQ jobId stops counting once its job is removed, so it cannot
 * be the only guard; this set remembers a URL for as long as sources keep listing it, and for
 * the retention window after they stop.
 */
export class SeenUrls {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly retentionMs: number,
  ) {
    this.key = redisKey(prefix, 'seen', 'urls');
  }

  /** Marks every URL as seen now and returns those that were not seen within the retention window. */
  async claim(urls: string[]): Promise<string[]> {
    if (urls.length === 0) return [];
    const now = Date.now();
    await this.redis.zremrangebyscore(this.key, '-inf', now - this.retentionMs);
    const fresh: string[] = [];
    for (let start = 0; start < urls.length; start += 5_000) {
      const chunk = urls.slice(start, start + 5_000);
      const batch = this.redis.pipeline();
      // ZADD without NX also refreshes the score of known URLs; its reply counts only new members.
      for (const url of chunk) batch.zadd(this.key, now, stableId(url));
      const replies = (await batch.exec()) ?? [];
      chunk.forEach((url, i) => {
        const [error, added] = replies[i] ?? [null, 0];
        if (error) throw error;
        if (added === 1) fresh.push(url);
      });
    }
    return fresh;
  }

  /** Forgets URLs again (their enqueue failed, so the next poll must offer them again). */
  async release(urls: string[]): Promise<void> {
    if (urls.length > 0) await this.redis.zrem(this.key, ...urls.map((url) => stableId(url)));
  }

  async size(): Promise<number> {
    return this.redis.zcard(this.key);
  }
}
