import type { HealthState } from '../types';
import {
  NotificationMemory,
  NotificationRules,
  NotificationThreshold,
  OwnerNotice,
  decideOwnerNotification,
  overallState,
} from './ownerNotifications';

/** Feeds one state per refresh and returns the notices, one entry per refresh (null: none). */
function run(
  states: HealthState[],
  rules: NotificationRules,
  start?: NotificationMemory,
): Array<OwnerNotice | null> {
  let memory = start;
  return states.map(state => {
    const decision = decideOwnerNotification(memory, state, rules);
    memory = decision.memory;
    return decision.notice ?? null;
  });
}

const once = (threshold: NotificationThreshold): NotificationRules => ({
  threshold,
  holdRefreshes: 1,
});

describe('decideOwnerNotification: which transitions notify', () => {
  // [threshold, announced before, seen now, notice]
  const table: Array<
    [NotificationThreshold, HealthState, HealthState, OwnerNotice | null]
  > = [
    ['error', 'ok', 'ok', null],
    ['error', 'ok', 'warning', null],
    ['error', 'ok', 'error', { kind: 'problem', from: 'ok', to: 'error' }],
    ['error', 'warning', 'error', { kind: 'problem', from: 'ok', to: 'error' }],
    ['error', 'error', 'error', null],
    [
      'error',
      'error',
      'warning',
      { kind: 'recovery', from: 'error', to: 'ok' },
    ],
    ['error', 'error', 'ok', { kind: 'recovery', from: 'error', to: 'ok' }],
    ['error', 'ok', 'unknown', null],
    ['error', 'error', 'unknown', null],
    ['warning', 'ok', 'ok', null],
    [
      'warning',
      'ok',
      'warning',
      { kind: 'problem', from: 'ok', to: 'warning' },
    ],
    ['warning', 'ok', 'error', { kind: 'problem', from: 'ok', to: 'error' }],
    [
      'warning',
      'warning',
      'error',
      { kind: 'problem', from: 'warning', to: 'error' },
    ],
    [
      'warning',
      'error',
      'warning',
      { kind: 'problem', from: 'error', to: 'warning' },
    ],
    ['warning', 'warning', 'warning', null],
    [
      'warning',
      'warning',
      'ok',
      { kind: 'recovery', from: 'warning', to: 'ok' },
    ],
    ['warning', 'error', 'ok', { kind: 'recovery', from: 'error', to: 'ok' }],
    ['warning', 'warning', 'unknown', null],
  ];

  it.each(table)(
    'threshold %s: announced %s, seen %s',
    (threshold, announced, seen, notice) => {
      expect(
        decideOwnerNotification({ announced }, seen, once(threshold)).notice ??
          null,
      ).toEqual(notice);
    },
  );

  it('remembers the first state judged for an entity without notifying, even an error', () => {
    const decision = decideOwnerNotification(undefined, 'error', once('error'));
    expect(decision.notice).toBeUndefined();
    expect(decision.memory).toEqual({ announced: 'error' });
  });

  it('remembers nothing for an entity only ever seen as unknown', () => {
    expect(decideOwnerNotification(undefined, 'unknown')).toEqual({
      memory: undefined,
    });
  });
});

describe('decideOwnerNotification: damping', () => {
  const rules: NotificationRules = { threshold: 'error', holdRefreshes: 2 };
  const start: NotificationMemory = { announced: 'ok' };

  it('announces a new state at the second refresh in a row that sees it, and once', () => {
    expect(run(['error', 'error', 'error', 'error'], rules, start)).toEqual([
      null,
      { kind: 'problem', from: 'ok', to: 'error' },
      null,
      null,
    ]);
  });

  it('never announces a state that flaps at every refresh', () => {
    expect(
      run(['error', 'ok', 'error', 'ok', 'error', 'ok'], rules, start),
    ).toEqual([null, null, null, null, null, null]);
  });

  it('announces the recovery after it too has held', () => {
    expect(run(['error', 'error', 'ok', 'ok'], rules, start)).toEqual([
      null,
      { kind: 'problem', from: 'ok', to: 'error' },
      null,
      { kind: 'recovery', from: 'error', to: 'ok' },
    ]);
  });

  it('counts an unknown refresh as breaking the run, and announces nothing for it', () => {
    expect(
      run(['error', 'unknown', 'error', 'unknown', 'unknown'], rules, start),
    ).toEqual([null, null, null, null, null]);
    expect(run(['error', 'unknown', 'error', 'error'], rules, start)).toEqual([
      null,
      null,
      null,
      { kind: 'problem', from: 'ok', to: 'error' },
    ]);
  });

  it('restarts the count when the pending state changes', () => {
    const warningToo: NotificationRules = {
      threshold: 'warning',
      holdRefreshes: 2,
    };
    expect(run(['warning', 'error', 'error'], warningToo, start)).toEqual([
      null,
      null,
      { kind: 'problem', from: 'ok', to: 'error' },
    ]);
  });

  it('continues a run from memory kept across a restart', () => {
    expect(
      run(['error'], rules, {
        announced: 'ok',
        pending: 'error',
        pendingRefreshes: 1,
      }),
    ).toEqual([{ kind: 'problem', from: 'ok', to: 'error' }]);
  });

  it('rejects a hold that is not a whole number of refreshes, naming it', () => {
    expect(() =>
      decideOwnerNotification(start, 'error', {
        threshold: 'error',
        holdRefreshes: 0,
      }),
    ).toThrow(/holdRefreshes must be a whole number of refreshes, at least 1/);
  });
});

describe('decideOwnerNotification: one part unknown', () => {
  const rules: NotificationRules = { threshold: 'error', holdRefreshes: 1 };

  it('judges the entity by the part that was judged', () => {
    expect(
      decideOwnerNotification({ announced: 'ok' }, ['error', 'unknown'], rules)
        .notice,
    ).toEqual({ kind: 'problem', from: 'ok', to: 'error' });
    expect(
      decideOwnerNotification(undefined, ['ok', 'unknown'], rules),
    ).toEqual({ memory: { announced: 'ok' } });
  });

  it('does not announce a recovery while the part that may still be broken cannot be judged', () => {
    expect(
      decideOwnerNotification({ announced: 'error' }, ['ok', 'unknown'], rules),
    ).toEqual({ memory: { announced: 'error' } });
    expect(
      decideOwnerNotification({ announced: 'error' }, ['ok', 'ok'], rules)
        .notice,
    ).toEqual({ kind: 'recovery', from: 'error', to: 'ok' });
  });
});

describe('overallState', () => {
  it('is the worse of the sidecar and the compactor', () => {
    expect(
      overallState({
        sidecar: { state: 'ok' },
        compactor: { state: 'error' },
      } as any),
    ).toBe('error');
    expect(
      overallState({
        sidecar: { state: 'warning' },
        compactor: { state: 'unknown' },
      } as any),
    ).toBe('warning');
  });
});
