import { describeDuration, parseRfc3339 } from './durations';
import { formatAgo, formatFreshness, formatTimeRange } from './timeText';

const NOW = Date.parse('2026-11-24T10:00:00Z');

describe('time formatting', () => {
  it('words durations the way a status page does', () => {
    expect(describeDuration(45_000)).toBe('45 seconds');
    expect(describeDuration(60_000)).toBe('1 minute');
    expect(describeDuration(12 * 60_000)).toBe('12 minutes');
    expect(describeDuration(5 * 3_600_000)).toBe('5 hours');
    expect(describeDuration(3 * 86_400_000)).toBe('3 days');
  });

  it("reads Thanos' nanosecond timestamps and treats Go's zero time as never", () => {
    expect(parseRfc3339('2026-11-24T09:59:58.413090112Z')).toBe(NOW - 1587);
    expect(parseRfc3339('0001-01-01T00:00:00Z')).toBeNull();
    expect(formatAgo(parseRfc3339('0001-01-01T00:00:00Z'), NOW)).toBe('never');
  });

  it('says how long ago something happened', () => {
    expect(formatAgo(NOW - 12 * 60_000, NOW)).toBe('12 minutes ago');
  });

  it('shows unbounded store ranges as "no limit" and "live"', () => {
    expect(formatTimeRange(null, null)).toBe('no limit → live');
    expect(formatTimeRange(NOW - 86_400_000, NOW)).toBe(
      '2026-11-23 10:00 UTC → 2026-11-24 10:00 UTC',
    );
    expect(formatFreshness(null, NOW)).toBe('live');
    expect(formatFreshness(NOW - 2 * 3_600_000, NOW)).toBe('2 hours old');
  });
});
