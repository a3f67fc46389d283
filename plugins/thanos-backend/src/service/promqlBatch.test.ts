import {
  buildBatchQuery,
  queryLabelsFor,
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
  it('answers an entity from the shared query when its matchers use only the grouping labels', () => {
    expect(
      queryLabelsFor(
        [{ name: 'cluster', op: '=~', value: 'a|b' }],
        ['cluster'],
      ),
    ).toEqual({ labels: ['cluster'], shared: true });
  });

  it('gives an entity with other labels a query of its own, from its label names only', () => {
    const matchers = [
      { name: 'env', op: '=~' as const, value: 'prod|stg' },
      { name: 'cluster', op: '=' as const, value: 'b' },
      { name: 'env', op: '!=' as const, value: 'dev' },
    ];
    expect(queryLabelsFor(matchers, ['cluster'])).toEqual({
      labels: ['cluster', 'env'],
      shared: false,
    });
    // The values never reach the query: another entity with the same names shares it.
    const other = matchers.map(matcher => ({ ...matcher, value: 'x' }));
    expect(buildBatchQuery(queryLabelsFor(other, ['cluster']).labels)).toBe(
      buildBatchQuery(queryLabelsFor(matchers, ['cluster']).labels),
    );
  });

  it('caps label values of the answer at the length an annotation value may have', () => {
    const series = splitBatchResult([
      {
        labels: {
          __thanos_check: 'compactVersion',
          cluster: 'a',
          version: 'v'.repeat(5000),
        },
        value: 1,
      },
    ]);
    expect(series.compactVersion?.[0].labels.version).toHaveLength(1024);
  });

  it('builds one query with a tagged term per check, mirroring the mixin', () => {
    const query = buildBatchQuery(['cluster']);
    const terms = query.split(' or ');
    // 16 instant checks and 8 mirrored alerts over their for: windows.
    expect(terms).toHaveLength(24);
    expect(terms[0]).toBe(
      'label_replace(min by (cluster) (thanos_sidecar_prometheus_up{job=~".*thanos-sidecar.*|.*thanos-discovery.*"}), "__thanos_check", "sidecarPrometheusUp", "", "")',
    );
    expect(query).toContain(
      'label_replace(max by (cluster) (thanos_compact_halted{job=~".*thanos-compact.*"}), "__thanos_check", "compactHalted", "", "")',
    );
    expect(query).toContain(
      'label_replace(count_over_time((max by (cluster) (thanos_compact_halted{job=~".*thanos-compact.*"}) == 1)[5m:1m]), "__thanos_check", "alert_ThanosCompactHalted", "", "")',
    );
    expect(query).toContain(
      'count_over_time((count by (cluster) (thanos_sidecar_prometheus_up{job=~".*thanos-sidecar.*|.*thanos-discovery.*"} == 0 and on (cluster, namespace, pod) prometheus_tsdb_data_replay_duration_seconds != 0))[5m:1m])',
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
      bucketOperationFailureRate: null,
      // No series: the conditions held at no step of their windows.
      alertSteps: {
        ThanosSidecarBucketOperationsFailed: 0,
        ThanosSidecarIsDown: 0,
        ThanosSidecarNoConnectionToStartedPrometheus: 0,
      },
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
