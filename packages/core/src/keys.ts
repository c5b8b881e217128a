/**
 * Every Redis key Khabar writes outside BullMQ starts with the configured prefix
 * (default "{khabar}", a Redis Cluster hash tag), then an area, then parts.
 * One place builds them so a prefix change or a cluster migration touches one file.
 */
export function redisKey(prefix: string, area: string, ...parts: Array<string | number>): string {
  return [prefix, area, ...parts].join(':');
}
