/**
 * Thanos encodes `minTime`/`maxTime` as int64 milliseconds and uses ±2^63 as "no limit"
 * (docs/thanos.md, "Time ranges and the int64 sentinels"). `JSON.parse` would round those to
 * ±9223372036854775808, so integers beyond `Number.MAX_SAFE_INTEGER` are kept as their exact
 * decimal text (Node 22's reviver `context.source`); {@link epochMillis} then reads any such value
 * as "no limit".
 */
export function parseThanosJson(text: string): unknown {
  return JSON.parse(text, function revive(
    this: unknown,
    _key,
    value,
    context?: { source?: string },
  ) {
    if (
      typeof value === 'number' &&
      !Number.isSafeInteger(value) &&
      Math.abs(value) > Number.MAX_SAFE_INTEGER &&
      context?.source !== undefined &&
      /^-?\d+$/.test(context.source)
    ) {
      return context.source;
    }
    return value;
  } as (this: unknown, key: string, value: unknown) => unknown);
}

/**
 * An int64 millisecond timestamp from Thanos as a number, or null for the sentinels: any value
 * whose magnitude exceeds `Number.MAX_SAFE_INTEGER` (it cannot be a real time: 2^53 ms is the
 * year 287396), also when a JSON parser without source access has rounded it.
 */
export function epochMillis(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER
      ? value
      : null;
  }
  return null;
}
