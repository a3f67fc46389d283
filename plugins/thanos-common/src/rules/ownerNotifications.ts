import type { ClusterStatus, HealthState } from '../types';
import { worstState } from './healthState';

/**
 * The states an owner can ask to be told about: `warning` announces warnings and errors, `error`
 * only errors.
 *
 * @public
 */
export type NotificationThreshold = 'warning' | 'error';

/**
 * What was last announced to an entity's owners, and the state that is waiting to be announced.
 * Kept between refreshes (and across restarts and replicas) by the backend.
 *
 * @public
 */
export interface NotificationMemory {
  /** The state the owners were last told, as they were told it (below the threshold is `ok`). */
  announced: HealthState;
  /** A state seen at the latest refreshes that differs from `announced`, not yet announced. */
  pending?: HealthState;
  /** How many refreshes in a row have seen `pending`. */
  pendingRefreshes?: number;
}

/**
 * A change the owners are told about: `problem` when the entity got worse or changed between
 * warning and error, `recovery` when it is back below the threshold.
 *
 * @public
 */
export interface OwnerNotice {
  /** `problem` when the entity got worse or changed between warning and error, else `recovery`. */
  kind: 'problem' | 'recovery';
  /** The state announced before. */
  from: HealthState;
  /** The state announced now (below the threshold it reads `ok`). */
  to: HealthState;
}

/** What to do at one refresh for one entity. @public */
export interface NotificationDecision {
  /** What to remember until the next refresh; undefined while the entity has never been judged. */
  memory: NotificationMemory | undefined;
  /** Present when the owners are to be told now. */
  notice?: OwnerNotice;
}

/** The owners' settings of the notification rules. @public */
export interface NotificationRules {
  /** The least severe state announced. */
  threshold: NotificationThreshold;
  /** How many refreshes in a row a new state must be seen before it is announced (at least 1). */
  holdRefreshes: number;
}

/**
 * The default rules: errors only, and a state must hold for two refreshes, so a cluster that
 * flaps between two states within one refresh interval does not notify at all.
 *
 * @public
 */
export const DEFAULT_NOTIFICATION_RULES: NotificationRules = {
  threshold: 'error',
  holdRefreshes: 2,
};

/**
 * One entity's overall state: the worse of its sidecar's and its compactor's.
 *
 * @public
 */
export function overallState(
  status: Pick<ClusterStatus, 'sidecar' | 'compactor'>,
): HealthState {
  return worstState([status.sidecar.state, status.compactor.state]);
}

/**
 * The state as the owners see it under `threshold`: states below it read as `ok`, and `unknown`
 * (nothing could be judged) stays `unknown`.
 */
function announceable(
  state: HealthState,
  threshold: NotificationThreshold,
): HealthState {
  if (state === 'error' || state === 'unknown') return state;
  if (state === 'warning' && threshold === 'warning') return state;
  return 'ok';
}

const RANK: Record<HealthState, number> = {
  ok: 0,
  unknown: 1,
  warning: 2,
  error: 3,
};

/**
 * The state of an entity whose parts (sidecar, compactor) were judged `parts`, as far as it can be
 * told against what was announced. A part that could not be judged (`unknown`) hides nothing
 * worse than what the other parts show, but it may hide a problem that was announced: while the
 * judged parts look better than the announced state, the entity reads as `unknown`, so a
 * compactor whose metrics went missing is not announced as recovered.
 */
function stateToAnnounce(
  parts: HealthState[],
  announced: HealthState | undefined,
  threshold: NotificationThreshold,
): HealthState {
  const judged = parts.filter(part => part !== 'unknown');
  if (judged.length === 0) return 'unknown';
  const seen = announceable(worstState(judged), threshold);
  const partial = judged.length < parts.length;
  if (partial && announced !== undefined && RANK[seen] < RANK[announced]) {
    return 'unknown';
  }
  return seen;
}

/**
 * Decides, at one refresh, whether an entity's owners are told about its state (docs/notifications.md).
 * `parts` are the states of the entity's parts at this refresh (sidecar, compactor); one state
 * stands for an entity judged as a whole.
 *
 * - The first state judged for an entity is remembered without a notice: notices tell changes,
 *   the Thanos tab tells the current state.
 * - A state that differs from the announced one is announced once it has been seen at
 *   `holdRefreshes` refreshes in a row; a return to the announced state before that cancels it.
 * - `unknown` (the facts could not be read) is never announced and never ends an announced
 *   state, so an unreachable Thanos does not page every owner twice. It interrupts a pending run.
 *   A part that is unknown while the other is judged counts as described at `stateToAnnounce`.
 *
 * @public
 */
export function decideOwnerNotification(
  memory: NotificationMemory | undefined,
  parts: HealthState | HealthState[],
  rules: NotificationRules = DEFAULT_NOTIFICATION_RULES,
): NotificationDecision {
  if (!Number.isInteger(rules.holdRefreshes) || rules.holdRefreshes < 1) {
    throw new RangeError(
      `holdRefreshes must be a whole number of refreshes, at least 1; got ${rules.holdRefreshes}`,
    );
  }
  // A stored `unknown` cannot come from these rules; read as ok, it cannot block a notice forever.
  const stored = memory
    ? announceable(memory.announced, rules.threshold)
    : undefined;
  const from = stored === 'unknown' ? 'ok' : stored;
  const seen = stateToAnnounce(
    Array.isArray(parts) ? parts : [parts],
    from,
    rules.threshold,
  );
  if (seen === 'unknown') {
    return { memory: from === undefined ? undefined : { announced: from } };
  }
  if (from === undefined) return { memory: { announced: seen } };
  if (seen === from) return { memory: { announced: from } };

  const run = memory?.pending === seen ? (memory.pendingRefreshes ?? 0) + 1 : 1;
  if (run < rules.holdRefreshes) {
    return {
      memory: { announced: from, pending: seen, pendingRefreshes: run },
    };
  }
  return {
    memory: { announced: seen },
    notice: { kind: seen === 'ok' ? 'recovery' : 'problem', from, to: seen },
  };
}
