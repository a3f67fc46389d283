const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * A duration in the words people use on a status page: "45 seconds", "12 minutes", "5 hours",
 * "3 days". Rounds down, so "data is 15 minutes old" never claims more than was measured.
 *
 * @public
 */
export function describeDuration(ms: number): string {
  const clamped = Math.max(0, ms);
  if (clamped < MINUTE_MS) return plural(Math.floor(clamped / 1000), 'second');
  if (clamped < 2 * HOUR_MS)
    return plural(Math.floor(clamped / MINUTE_MS), 'minute');
  if (clamped < 2 * DAY_MS)
    return plural(Math.floor(clamped / HOUR_MS), 'hour');
  return plural(Math.floor(clamped / DAY_MS), 'day');
}

/**
 * Epoch milliseconds of an RFC 3339 timestamp as Thanos writes them (Go `time.Time`, nanosecond
 * fractions such as `2026-11-24T09:59:58.413090112Z`), or null when it cannot be read. The fraction
 * is cut to milliseconds first because `Date.parse` only promises the simplified ISO format.
 *
 * @public
 */
export function parseRfc3339(
  timestamp: string | null | undefined,
): number | null {
  if (!timestamp) return null;
  const normalised = timestamp.replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(normalised);
  // Go's zero time.Time (0001-01-01T00:00:00Z) means "never", not a date.
  return Number.isNaN(ms) || ms <= 0 ? null : ms;
}

export { MINUTE_MS, HOUR_MS, DAY_MS };
