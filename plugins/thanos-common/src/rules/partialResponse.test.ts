import { partialResponseFinding } from './partialResponse';

/**
 * A warning in the shape Thanos Query puts into the `warnings` of a partial response (a store that
 * failed while the query ran: querier `storeset` error text).
 */
const STORE_FAILED =
  'receive series from Addr: 10.0.102.57:10901 MinTime: 1795341600009 MaxTime: 9223372036854775807: rpc error: code = Unavailable desc = error reading from server: EOF';

describe('partialResponseFinding', () => {
  it('says nothing about a complete answer', () => {
    expect(partialResponseFinding([])).toEqual([]);
  });

  it('names the failing store in an informational finding', () => {
    const [finding] = partialResponseFinding([STORE_FAILED]);
    expect(finding).toMatchObject({
      id: 'promql.partial-response',
      severity: 'info',
      source: 'promql',
    });
    expect(finding.detail).toContain('with 1 warning: receive series from');
    expect(finding.detail).toContain('10.0.102.57:10901');
  });

  it('shows five warnings at most, and says there were more', () => {
    const warnings = Array.from({ length: 7 }, (_, i) => `store ${i} failed`);
    const [finding] = partialResponseFinding(warnings);
    expect(finding.detail).toContain('with 7 warnings');
    expect(finding.detail).toContain('store 4 failed | …');
    expect(finding.detail).not.toContain('store 5 failed');
  });
});
