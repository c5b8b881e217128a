const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
export const MIN_EVERY_MS = 1_000;
export const MAX_EVERY_MS = 30 * 86_400_000;

/** "15m", "1h", "90s", "1d" to milliseconds; throws a message that says what is accepted. */
export function parseEvery(value: string | number): number {
  const ms =
    typeof value === 'number'
      ? value
      : (() => {
          const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/i.exec(value);
          if (!match) throw new RangeError(`poll interval ${JSON.stringify(value)} is not like 30s, 15m, 1h or 1d`);
          return Math.round(Number(match[1]) * UNITS[match[2]!.toLowerCase()]!);
        })();
  if (!Number.isFinite(ms) || ms < MIN_EVERY_MS || ms > MAX_EVERY_MS) {
    throw new RangeError(`poll interval must be between 1s and 30d, not ${JSON.stringify(value)}`);
  }
  return ms;
}

/** 900000 → "15m": the largest unit that divides the interval. */
export function formatEvery(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms % UNITS[unit]! === 0) return `${ms / UNITS[unit]!}${unit}`;
  }
  return `${ms}ms`;
}
