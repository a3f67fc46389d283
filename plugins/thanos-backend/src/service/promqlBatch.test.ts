import {
  buildBatchQuery,
  groupingLabels,
  splitBatchResult,
  valueForCluster,
} from './promqlBatch';
import {
  compactorMetrics,
  compactorVersion,
  sidecarMetrics,
} from './clusterMetrics';

const cluster = (value: string) => [
  { name: 'cluster', op: '=' as const, value },
];

describe('promqlBatch', () => {
  it('groups by every label name the entities use, sorted and once', () => {
    expect(
      groupingLabels([
        cluster('a'),
        [
          { name: 'env', op: '=~', value: 'prod|stg' },
          { name: 'cluster', op: '=', value: 'b' },
        ],
      ]),
    ).toEqual(['cluster', 'env']);
  });

  it('builds one query with a tagged term per check, mirroring the mixin', () => {
    const query = buildBatchQuery(['cluster']);
    const terms = query.split(' or ');
    expect(terms).toHaveLength(15);
    expect(terms[0]).toBe(
      'label_replace(min by (cluster) (thanos_sidecar_prometheus_up), "__thanos_check", "sidecarPrometheusUp", "", "")',
    );
    expect(query).toContain(
      'label_replace(max by (cluster) (thanos_compact_halted), "__thanos_check", "compactHalted", "", "")',
    );
    expect(query).toContain(
      'max by (cluster) (max_over_time(thanos_objstore_bucket_last_successful_upload_time{job=~".*thanos-compact.*"}[24h]))',
    );
    expect(query).toContain(
      '(sum by (cluster) (rate(thanos_compact_group_compactions_failures_total{job=~".*thanos-compact.*"}[5m])) / sum by (cluster) (rate(thanos_compact_group_compactions_total{job=~".*thanos-compact.*"}[5m])) * 100)',
    );
    expect(query).toContain(
      'count by (cluster, version) (thanos_build_info{job=~".*thanos-compact.*"})',
    );
  });

  it('groups by several labels', () => {
    expect(buildBatchQuery(['cluster', 'env'])).toContain(
      'sum by (cluster, env) (up{job=~".*thanos-compact.*"})',
    );
  });

  it('does not ask for the version label when an entity groups by it', () => {
    expect(buildBatchQuery(['version'])).not.toContain('thanos_build_info');
  });

  it('refuses to build a query without grouping labels', () => {
    expect(() => buildBatchQuery([])).toThrow(/at least one grouping label/);
  });

  it('splits the answer per check and picks each cluster by its matchers', () => {
    const series = splitBatchResult([
      { labels: { __thanos_check: 'compactHalted', cluster: 'a' }, value: 1 },
      { labels: { __thanos_check: 'compactHalted', cluster: 'b' }, value: 0 },
      { labels: { __thanos_check: 'compactUp', cluster: 'a' }, value: 1 },
      {
        labels: { __thanos_check: 'sidecarPrometheusUp', cluster: 'a' },
        value: 0,
      },
      {
        labels: {
          __thanos_check: 'compactVersion',
          cluster: 'a',
          version: '0.42.4',
        },
        value: 1,
      },
      {
        labels: { __thanos_check: 'sidecarNewestSample', cluster: 'a' },
        value: 1795582830000,
      },
      { labels: { __thanos_check: 'unknownCheck', cluster: 'a' }, value: 5 },
      { labels: { cluster: 'a' }, value: 5 },
    ]);
    expect(valueForCluster(series, 'compactHalted', cluster('a'))).toBe(1);
    expect(valueForCluster(series, 'compactHalted', cluster('b'))).toBe(0);
    expect(valueForCluster(series, 'compactHalted', cluster('c'))).toBeNull();
    expect(compactorMetrics(series, cluster('a'))).toMatchObject({
      halted: true,
      instancesUp: 1,
      lastSuccessfulRunTime: null,
    });
    // Answered, but no compactor target scraped for b: the mixin's ThanosCompactIsDown.
    expect(compactorMetrics(series, cluster('b'))).toMatchObject({
      halted: false,
      instancesUp: 0,
    });
    expect(sidecarMetrics(series, cluster('a'))).toEqual({
      prometheusUp: 0,
      shipperUploadFailures: null,
      lastSuccessfulUploadTime: null,
      newestSampleTime: 1795582830000,
    });
    expect(compactorVersion(series, cluster('a'))).toBe('0.42.4');
    expect(compactorVersion(series, cluster('b'))).toBeNull();
  });

  it('combines several groups a regex matcher selects the way the check aggregates', () => {
    const series = splitBatchResult([
      {
        labels: { __thanos_check: 'sidecarPrometheusUp', cluster: 'a1' },
        value: 1,
      },
      {
        labels: { __thanos_check: 'sidecarPrometheusUp', cluster: 'a2' },
        value: 0,
      },
      { labels: { __thanos_check: 'compactUp', cluster: 'a1' }, value: 1 },
      { labels: { __thanos_check: 'compactUp', cluster: 'a2' }, value: 1 },
    ]);
    const both = [{ name: 'cluster', op: '=~' as const, value: 'a.' }];
    expect(valueForCluster(series, 'sidecarPrometheusUp', both)).toBe(0);
    expect(valueForCluster(series, 'compactUp', both)).toBe(2);
  });
});
