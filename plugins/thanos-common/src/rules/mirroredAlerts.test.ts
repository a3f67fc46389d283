import { MIRRORED_ALERTS, alertFires, mirroredAlert } from './mirroredAlerts';

/**
 * The thanos-mixin alerts as upstream renders them (`examples/alerts/alerts.yaml` of Thanos, built
 * from `mixin/alerts/compact.libsonnet`, `sidecar.libsonnet` and `absent.libsonnet` with the default
 * `mixin/config.libsonnet` selectors), written out here on their own so that a change to the
 * mirrored table shows against the upstream text.
 */
const UPSTREAM: Record<
  string,
  { expr: string; for: string | null; severity: string }
> = {
  ThanosCompactIsDown: {
    expr: 'absent(up{job=~".*thanos-compact.*"} == 1)',
    for: '5m',
    severity: 'critical',
  },
  ThanosCompactHalted: {
    expr: 'thanos_compact_halted{job=~".*thanos-compact.*"} == 1',
    for: '5m',
    severity: 'warning',
  },
  ThanosCompactHighCompactionFailures: {
    expr: '(sum by (job) (rate(thanos_compact_group_compactions_failures_total{job=~".*thanos-compact.*"}[5m])) / sum by (job) (rate(thanos_compact_group_compactions_total{job=~".*thanos-compact.*"}[5m])) * 100 > 5)',
    for: '15m',
    severity: 'warning',
  },
  ThanosCompactBucketHighOperationFailures: {
    expr: '(sum by (job) (rate(thanos_objstore_bucket_operation_failures_total{job=~".*thanos-compact.*"}[5m])) / sum by (job) (rate(thanos_objstore_bucket_operations_total{job=~".*thanos-compact.*"}[5m])) * 100 > 5)',
    for: '15m',
    severity: 'warning',
  },
  ThanosCompactHasNotRun: {
    expr: '(time() - max by (job) (max_over_time(thanos_objstore_bucket_last_successful_upload_time{job=~".*thanos-compact.*"}[24h]))) / 60 / 60 > 24',
    for: null,
    severity: 'warning',
  },
  ThanosCompactMultipleRunning: {
    expr: 'sum by (job) (up{job=~".*thanos-compact.*"}) > 1',
    for: '5m',
    severity: 'warning',
  },
  ThanosSidecarIsDown: {
    expr: 'absent(up{job=~".*thanos-sidecar.*"} == 1)',
    for: '5m',
    severity: 'critical',
  },
  ThanosSidecarBucketOperationsFailed: {
    expr: 'sum by (job, instance) (rate(thanos_objstore_bucket_operation_failures_total{job=~".*thanos-sidecar.*"}[5m])) > 0',
    for: '5m',
    severity: 'critical',
  },
  ThanosSidecarNoConnectionToStartedPrometheus: {
    expr: 'thanos_sidecar_prometheus_up{job=~".*thanos-sidecar.*"} == 0 and on (namespace, pod) prometheus_tsdb_data_replay_duration_seconds != 0',
    for: '5m',
    severity: 'critical',
  },
};

/** Upstream severity as our findings spell it: critical is our error. */
const OURS: Record<string, string> = { critical: 'error', warning: 'warning' };

const minutes = (duration: string | null) =>
  duration === null ? null : Number(duration.replace(/m$/, ''));

describe('MIRRORED_ALERTS', () => {
  it('mirrors exactly the alerts listed upstream here', () => {
    expect(MIRRORED_ALERTS.map(a => a.alert).sort()).toEqual(
      Object.keys(UPSTREAM).sort(),
    );
  });

  it.each(MIRRORED_ALERTS.map(a => [a.alert, a] as const))(
    '%s: upstream expression, for and severity next to ours',
    (name, mirrored) => {
      const upstream = UPSTREAM[name];
      expect(mirrored.upstream).toEqual(upstream);
      // Our window is upstream's `for:`.
      expect(mirrored.forMinutes).toBe(minutes(upstream.for));
      // Our condition keeps the upstream metric names and job selectors.
      for (const metric of upstream.expr.match(/[a-z_]+(?=\{)/g) ?? []) {
        expect(mirrored.condition).toContain(metric);
      }
      expect(mirrored.condition).toContain(
        name.startsWith('ThanosCompact')
          ? 'job=~".*thanos-compact.*"'
          : '.*thanos-sidecar.*',
      );
      // A severity other than upstream's says why, next to the finding.
      const sameSeverity = mirrored.severity === OURS[upstream.severity];
      expect(sameSeverity || /rather than/.test(mirrored.differs ?? '')).toBe(
        true,
      );
    },
  );

  it('keeps the WAL-replay guard of ThanosSidecarNoConnectionToStartedPrometheus', () => {
    expect(
      mirroredAlert('ThanosSidecarNoConnectionToStartedPrometheus').condition,
    ).toContain(
      'and on ($by, namespace, pod) prometheus_tsdb_data_replay_duration_seconds != 0',
    );
  });

  it('fires only when the condition held for the whole window', () => {
    const halted = mirroredAlert('ThanosCompactHalted');
    expect(alertFires(halted, 1)).toBe(false);
    expect(alertFires(halted, 4)).toBe(false);
    expect(alertFires(halted, 5)).toBe(true);
    expect(alertFires(halted, null)).toBe(false);
    const down = mirroredAlert('ThanosCompactIsDown');
    expect(alertFires(down, 4)).toBe(false);
    expect(alertFires(down, null)).toBe(true);
    const hasNotRun = mirroredAlert('ThanosCompactHasNotRun');
    expect(alertFires(hasNotRun, 1)).toBe(true);
  });
});
