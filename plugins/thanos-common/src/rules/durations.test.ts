import { describeDuration, parseRfc3339 } from './durations';

describe('describeDuration', () => {
  it.each([
    [45_000, '45 seconds'],
    [60_000, '1 minute'],
    [42 * 60_000 + 59_000, '42 minutes'],
    [119 * 60_000, '119 minutes'],
    [5 * 3600_000, '5 hours'],
    [30 * 3600_000, '30 hours'],
    [3 * 86400_000, '3 days'],
  ])('says %i ms is %s', (ms, words) => {
    expect(describeDuration(ms)).toBe(words);
  });
});

describe('parseRfc3339', () => {
  it('reads the nanosecond timestamps Thanos writes', () => {
    expect(parseRfc3339('2026-11-24T09:59:58.413090112Z')).toBe(
      Date.parse('2026-11-24T09:59:58.413Z'),
    );
  });

  it("treats Go's zero time and garbage as unknown", () => {
    expect(parseRfc3339('0001-01-01T00:00:00Z')).toBeNull();
    expect(parseRfc3339('yesterday')).toBeNull();
    expect(parseRfc3339(null)).toBeNull();
  });
});
