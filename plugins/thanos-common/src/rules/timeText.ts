/**
 * How times read on the Thanos surfaces. Pure, with "now" passed in, so the same answer renders
 * the same way in tests and in the browser. Durations read as the status rules word them.
 */
import { MINUTE_MS, describeDuration } from './durations';

/** "12 minutes ago"; "never" for a missing time. @public */
export function formatAgo(time: number | null, now: number): string {
  if (time === null) return 'never';
  if (time > now + MINUTE_MS) return `in ${describeDuration(time - now)}`;
  return `${describeDuration(now - time)} ago`;
}

/** "2026-11-24 09:58 UTC": absolute, in one time zone for everyone reading the same page. @public */
export function formatTimestamp(time: number): string {
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A store's time range: `null` bounds are Thanos' int64 sentinels, i.e. no limit. @public */
export function formatTimeRange(
  minTime: number | null,
  maxTime: number | null,
): string {
  const from = minTime === null ? 'no limit' : formatTimestamp(minTime);
  const to = maxTime === null ? 'live' : formatTimestamp(maxTime);
  return `${from} → ${to}`;
}

/** How old the newest sample is: "live" when the store has no upper bound. @public */
export function formatFreshness(maxTime: number | null, now: number): string {
  if (maxTime === null) return 'live';
  return `${describeDuration(now - maxTime)} old`;
}
