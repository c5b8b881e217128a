import type { Redis } from 'ioredis';
import { redisKey, stableId } from '@khabar/core';
import type { ValidatorStore } from './fetch-page.js';
import type { Validators } from './http.js';

/** ETag / Last-Modified per URL in Redis, so a re-fetch of an unchanged page costs a 304. */
export class RedisValidatorStore implements ValidatorStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  private key(url: string): string {
    return redisKey(this.prefix, 'validators', stableId(url));
  }

  async get(url: string): Promise<Validators | undefined> {
    const fields = await this.redis.hgetall(this.key(url));
    if (!fields.etag && !fields.lastModified) return undefined;
    return { ...(fields.etag ? { etag: fields.etag } : {}), ...(fields.lastModified ? { lastModified: fields.lastModified } : {}) };
  }

  async set(url: string, validators: Validators): Promise<void> {
    const key = this.key(url);
    await this.redis
      .multi()
      .del(key)
      .hset(key, validators as Record<string, string>)
      .expire(key, this.ttlSeconds)
      .exec();
  }

  async forget(url: string): Promise<void> {
    await this.redis.del(this.key(url));
  }
}
