import { worstState } from '@thanos-backstage/plugin-thanos-common';
import type {
  ClusterStatus,
  HealthState,
} from '@thanos-backstage/plugin-thanos-common';

/** One observee of the fleet table, with the state that decides where it is counted. */
export interface FleetRow {
  id: string;
  status: ClusterStatus;
  /** The worse of sidecar and compactor: one broken part makes the cluster need attention. */
  state: HealthState;
}

/** Worst first, so sorting by state puts what needs attention at the top. */
export const STATE_ORDER: HealthState[] = ['error', 'warning', 'unknown', 'ok'];

export function stateRank(state: HealthState): number {
  return STATE_ORDER.indexOf(state);
}

export function toFleetRows(statuses: ClusterStatus[]): FleetRow[] {
  return statuses.map(status => ({
    id: status.entityRef,
    status,
    state: worstState([status.sidecar.state, status.compactor.state]),
  }));
}

export function countByState(rows: FleetRow[]): Record<HealthState, number> {
  const counts: Record<HealthState, number> = {
    ok: 0,
    warning: 0,
    error: 0,
    unknown: 0,
  };
  for (const row of rows) counts[row.state] += 1;
  return counts;
}

/**
 * Rows whose state is among `states` (all when empty) and whose entity, observee key or either
 * summary contains every word of `search`, ignoring case.
 */
export function filterFleetRows(
  rows: FleetRow[],
  search: string,
  states: HealthState[],
): FleetRow[] {
  const words = search.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter(row => {
    if (states.length > 0 && !states.includes(row.state)) return false;
    const haystack = [
      row.status.entityRef,
      row.status.observeeKey,
      row.status.sidecar.summary,
      row.status.compactor.summary,
    ]
      .join(' ')
      .toLocaleLowerCase();
    return words.every(word => haystack.includes(word));
  });
}

/** Columns the fleet table sorts by. */
export type FleetSortKey =
  | 'entity'
  | 'state'
  | 'sidecar'
  | 'compactor'
  | 'checked';

const SORT_VALUE: Record<FleetSortKey, (row: FleetRow) => string | number> = {
  entity: row => row.id,
  state: row => stateRank(row.state),
  sidecar: row => stateRank(row.status.sidecar.state),
  compactor: row => stateRank(row.status.compactor.state),
  checked: row => row.status.checkedAt,
};

/**
 * Rows ordered by one column; ties keep entity order so the table does not shuffle on refresh.
 * Ascending state means worst first.
 */
export function sortFleetRows(
  rows: FleetRow[],
  by: FleetSortKey,
  direction: 'asc' | 'desc',
): FleetRow[] {
  const value = SORT_VALUE[by];
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const order =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y));
    return sign * order || a.id.localeCompare(b.id);
  });
}
