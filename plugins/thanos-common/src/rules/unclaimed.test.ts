import type { StoreEndpoint } from '../types';
import { parseExternalLabels } from './externalLabels';
import { unclaimedLabelSets } from './unclaimed';

const endpoint = (
  type: string,
  labelSets: Array<Record<string, string>>,
  lastError: string | null = null,
): StoreEndpoint => ({
  name: `${type}-${JSON.stringify(labelSets)}`,
  type,
  lastCheck: '2026-11-24T10:00:00Z',
  lastError,
  labelSets,
  minTime: null,
  maxTime: null,
});

describe('unclaimedLabelSets', () => {
  it('lists each label set no entity selects once, with the store types that serve it', () => {
    const endpoints = [
      endpoint('sidecar', [{ cluster: 'observer' }]),
      endpoint('query', [{ cluster: 'paris' }]),
      endpoint('query', [{ cluster: 'oslo' }]),
      endpoint('store', [{ cluster: 'oslo' }, { cluster: 'paris' }]),
      endpoint('store', [{ cluster: 'athens', replica: '0' }]),
    ];
    const claims = [
      parseExternalLabels('cluster=observer'),
      parseExternalLabels('cluster=~"par.*"'),
    ];
    expect(unclaimedLabelSets(endpoints, claims)).toEqual([
      { labels: { cluster: 'athens', replica: '0' }, types: ['store'] },
      { labels: { cluster: 'oslo' }, types: ['query', 'store'] },
    ]);
  });

  it('leaves out empty label sets and endpoints that currently fail', () => {
    const endpoints = [
      endpoint('query', [{}]),
      endpoint('query', [{ cluster: 'gone' }], 'connection refused'),
    ];
    expect(unclaimedLabelSets(endpoints, [])).toEqual([]);
  });

  it('finds nothing unclaimed when an entity claims every cluster', () => {
    const endpoints = [endpoint('query', [{ cluster: 'a', env: 'prod' }])];
    expect(
      unclaimedLabelSets(endpoints, [parseExternalLabels('cluster=a')]),
    ).toEqual([]);
  });
});
