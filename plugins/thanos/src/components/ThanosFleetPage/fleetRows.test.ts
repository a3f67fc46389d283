import { fleet } from '../../__fixtures__/clusterStatus';
import {
  countByState,
  filterFleetRows,
  sortFleetRows,
  toFleetRows,
} from './fleetRows';

describe('fleet rows', () => {
  const rows = toFleetRows(fleet);

  it('counts each observee once, by the worse of its two states', () => {
    expect(rows.map(r => r.state)).toEqual(['ok', 'error', 'error']);
    expect(countByState(rows)).toEqual({
      ok: 1,
      warning: 0,
      error: 2,
      unknown: 0,
    });
  });

  it('filters by state and by every word of the search, ignoring case', () => {
    expect(filterFleetRows(rows, '', ['ok']).map(r => r.id)).toEqual([
      'resource:default/pio-thanos-observee',
    ]);
    expect(
      filterFleetRows(rows, 'PARIS unreachable', []).map(r => r.id),
    ).toEqual(['resource:default/pio-thanos-observee-paris']);
    expect(filterFleetRows(rows, 'halted', ['ok'])).toEqual([]);
  });

  it('sorts worst state first, ties by entity, and reverses on demand', () => {
    expect(sortFleetRows(rows, 'state', 'asc').map(r => r.id)).toEqual([
      'resource:default/pio-thanos-observee-frankfurt',
      'resource:default/pio-thanos-observee-paris',
      'resource:default/pio-thanos-observee',
    ]);
    expect(sortFleetRows(rows, 'sidecar', 'desc')[0].id).toBe(
      'resource:default/pio-thanos-observee',
    );
  });
});
