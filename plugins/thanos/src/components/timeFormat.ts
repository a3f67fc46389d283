/**
 * How times read on the Thanos surfaces. Pure, with "now" passed in, so the same answer renders
 * the same way in tests and in the browser.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** "45 seconds", "12 minutes", "5 hours", "3 days" — rounded down, never negative. */
export function formatDuration(ms: number): string {
  const clamped = Math.max(0, ms);
  if (clamped < MINUTE) return plural(Math.floor(clamped / SECOND), 'second');
  if (clamped < 2 * HOUR) return plural(Math.floor(clamped / MINUTE), 'minute');
  if (clamped < 2 * DAY) return plural(Math.floor(clamped / HOUR), 'hour');
  return plural(Math.floor(clamped / DAY), 'day');
}

/** Epoch ms of an RFC 3339 time as Thanos writes it (nanosecond fractions), null when unusable. */
export function parseTime(timestamp: string | null | undefined): number | null {
  if (!timestamp) return null;
  const ms = Date.parse(timestamp.replace(/(\.\d{3})\d+/, '$1'));
  // Go's zero time (0001-01-01T00:00:00Z) means "never".
  return Number.isNaN(ms) || ms <= 0 ? null : ms;
}

/** "12 minutes ago"; "never" for a missing time. */
export function formatAgo(time: number | null, now: number): string {
  if (time === null) return 'never';
  if (time > now + MINUTE) return `in ${formatDuration(time - now)}`;
  return `${formatDuration(now - time)} ago`;
}

/** "2026-11-24 09:58 UTC": absolute, in one time zone for everyone reading the same page. */
export function formatTimestamp(time: number): string {
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A store's time range: `null` bounds are Thanos' int64 sentinels, i.e. no limit. */
export function formatTimeRange(
  minTime: number | null,
  maxTime: number | null,
): string {
  const from = minTime === null ? 'no limit' : formatTimestamp(minTime);
  const to = maxTime === null ? 'live' : formatTimestamp(maxTime);
  return `${from} → ${to}`;
}

/** How old the newest sample is: "live" when the store has no upper bound. */
export function formatFreshness(maxTime: number | null, now: number): string {
  if (maxTime === null) return 'live';
  return `${formatDuration(now - maxTime)} old`;
}
