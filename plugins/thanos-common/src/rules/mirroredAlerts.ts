import type { FindingSeverity } from '../types';

/**
 * The thanos-mixin alerts the status rules mirror (`mixin/alerts/compact.libsonnet`,
 * `sidecar.libsonnet`, `absent.libsonnet`, as rendered in Thanos' `examples/alerts/alerts.yaml`),
 * each next to the condition the backend evaluates and the severity its finding carries. The
 * backend evaluates every condition inside its one batched PromQL query as a subquery over the
 * alert's `for:` window at one-minute steps, so an alert is judged as Prometheus would judge it
 * (the condition held at every step of the window) and not from one instant sample
 * (docs/thanos.md, "Mixin alerts mirrored").
 *
 * Every condition is grouped by the instance's grouping labels (`$by`, default `cluster`), where
 * the mixin groups by `job`: the observer sees many clusters through one query, and the mixin's own
 * `targetGroups` setting adds the cluster label the same way.
 */

/**
 * The sidecar's scrape job: the mixin's, plus kube-prometheus-stack's `…-thanos-discovery`.
 *
 * @public
 */
export const SIDECAR_JOB_SELECTOR =
  'job=~".*thanos-sidecar.*|.*thanos-discovery.*"';
/** The compactor's scrape job, as the mixin selects it. @public */
export const COMPACT_JOB_SELECTOR = 'job=~".*thanos-compact.*"';

/** Step of the subqueries that evaluate a `for:` window; one evaluation a minute. @public */
export const ALERT_EVALUATION_STEP_MINUTES = 1;

/** @public */
export interface MirroredAlert {
  alert: string;
  /** The id of the finding that names the alert. */
  findingId: string;
  /** The alert as the thanos-mixin defines it. */
  upstream: {
    expr: string;
    for: string | null;
    severity: 'warning' | 'critical';
  };
  /**
   * The condition the backend evaluates; `$by` stands for the grouping labels. For
   * `held: 'at-no-step'` it is the healthy condition whose absence over the window fires.
   */
  condition: string;
  /** Minutes the condition must hold (`for:`); null when the alert has none. */
  forMinutes: number | null;
  /** `at-every-step`: fires when the condition held at every step; `at-no-step`: when never. */
  held: 'at-every-step' | 'at-no-step';
  /** Severity of our finding; upstream `critical` maps to `error`. */
  severity: FindingSeverity;
  /** Why ours differs from upstream (severity, selector, grouping), where it does. */
  differs?: string;
}

const HALTED_EXPR = `thanos_compact_halted{${COMPACT_JOB_SELECTOR}} == 1`;
const ratio = (failures: string, total: string, job: string, by: string) =>
  `(sum by (${by}) (rate(${failures}{${job}}[5m])) / sum by (${by}) (rate(${total}{${job}}[5m])) * 100 > 5)`;

/**
 * Every mirrored alert, upstream next to ours. @public
 */
export const MIRRORED_ALERTS: readonly MirroredAlert[] = [
  {
    alert: 'ThanosCompactIsDown',
    findingId: 'compactor.down',
    upstream: {
      expr: `absent(up{${COMPACT_JOB_SELECTOR}} == 1)`,
      for: '5m',
      severity: 'critical',
    },
    condition: `count by ($by) (up{${COMPACT_JOB_SELECTOR}} == 1)`,
    forMinutes: 5,
    held: 'at-no-step',
    severity: 'error',
    differs:
      "absent() cannot be grouped by cluster, so the up targets are counted per cluster; a cluster with none at any step of the window is down. Judged only while the cluster's metrics reach the observer: otherwise their absence proves nothing.",
  },
  {
    alert: 'ThanosCompactHalted',
    findingId: 'compactor.halted',
    upstream: { expr: HALTED_EXPR, for: '5m', severity: 'warning' },
    condition: `max by ($by) (thanos_compact_halted{${COMPACT_JOB_SELECTOR}}) == 1`,
    forMinutes: 5,
    held: 'at-every-step',
    severity: 'error',
    differs:
      'Shown as an error rather than a warning: a halted compactor never resumes by itself; compaction, downsampling and retention stay stopped until someone removes the cause and restarts it.',
  },
  {
    alert: 'ThanosCompactHighCompactionFailures',
    findingId: 'compactor.compaction-failures',
    upstream: {
      expr: ratio(
        'thanos_compact_group_compactions_failures_total',
        'thanos_compact_group_compactions_total',
        COMPACT_JOB_SELECTOR,
        'job',
      ),
      for: '15m',
      severity: 'warning',
    },
    condition: ratio(
      'thanos_compact_group_compactions_failures_total',
      'thanos_compact_group_compactions_total',
      COMPACT_JOB_SELECTOR,
      '$by',
    ),
    forMinutes: 15,
    held: 'at-every-step',
    severity: 'warning',
  },
  {
    alert: 'ThanosCompactBucketHighOperationFailures',
    findingId: 'compactor.bucket-failures',
    upstream: {
      expr: ratio(
        'thanos_objstore_bucket_operation_failures_total',
        'thanos_objstore_bucket_operations_total',
        COMPACT_JOB_SELECTOR,
        'job',
      ),
      for: '15m',
      severity: 'warning',
    },
    condition: ratio(
      'thanos_objstore_bucket_operation_failures_total',
      'thanos_objstore_bucket_operations_total',
      COMPACT_JOB_SELECTOR,
      '$by',
    ),
    forMinutes: 15,
    held: 'at-every-step',
    severity: 'warning',
  },
  {
    alert: 'ThanosCompactHasNotRun',
    findingId: 'compactor.has-not-run',
    upstream: {
      expr: `(time() - max by (job) (max_over_time(thanos_objstore_bucket_last_successful_upload_time{${COMPACT_JOB_SELECTOR}}[24h]))) / 60 / 60 > 24`,
      for: null,
      severity: 'warning',
    },
    condition: `(time() - max by ($by) (max_over_time(thanos_objstore_bucket_last_successful_upload_time{${COMPACT_JOB_SELECTOR}}[24h]))) / 60 / 60 > 24`,
    forMinutes: null,
    held: 'at-every-step',
    severity: 'warning',
  },
  {
    alert: 'ThanosCompactMultipleRunning',
    findingId: 'compactor.multiple-running',
    upstream: {
      expr: `sum by (job) (up{${COMPACT_JOB_SELECTOR}}) > 1`,
      for: '5m',
      severity: 'warning',
    },
    condition: `sum by ($by) (up{${COMPACT_JOB_SELECTOR}}) > 1`,
    forMinutes: 5,
    held: 'at-every-step',
    severity: 'error',
    differs:
      'Shown as an error rather than a warning: two compactors on one bucket compact the same blocks into overlaps, which halt both. The Kubernetes inside view, when configured, reports the same without waiting.',
  },
  {
    alert: 'ThanosSidecarIsDown',
    findingId: 'sidecar.down',
    upstream: {
      expr: 'absent(up{job=~".*thanos-sidecar.*"} == 1)',
      for: '5m',
      severity: 'critical',
    },
    condition: `count by ($by) (up{${SIDECAR_JOB_SELECTOR}} == 1)`,
    forMinutes: 5,
    held: 'at-no-step',
    severity: 'warning',
    differs:
      "Shown as a warning rather than critical: it is judged only while the observer reaches the sidecar, which proves the sidecar answers, and the cluster's Prometheus still ingests, so what is missing is its scrape by that Prometheus. The job selector also accepts kube-prometheus-stack's …-thanos-discovery job, which scrapes the sidecar.",
  },
  {
    alert: 'ThanosSidecarBucketOperationsFailed',
    findingId: 'sidecar.bucket-operations-failed',
    upstream: {
      expr: 'sum by (job, instance) (rate(thanos_objstore_bucket_operation_failures_total{job=~".*thanos-sidecar.*"}[5m])) > 0',
      for: '5m',
      severity: 'critical',
    },
    condition: `sum by ($by) (rate(thanos_objstore_bucket_operation_failures_total{${SIDECAR_JOB_SELECTOR}}[5m])) > 0`,
    forMinutes: 5,
    held: 'at-every-step',
    severity: 'error',
    differs:
      "Grouped by cluster instead of by job and instance, so any sidecar of the cluster counts. The job selector also accepts kube-prometheus-stack's …-thanos-discovery job.",
  },
  {
    alert: 'ThanosSidecarNoConnectionToStartedPrometheus',
    findingId: 'sidecar.prometheus-down',
    upstream: {
      expr: 'thanos_sidecar_prometheus_up{job=~".*thanos-sidecar.*"} == 0 and on (namespace, pod) prometheus_tsdb_data_replay_duration_seconds != 0',
      for: '5m',
      severity: 'critical',
    },
    condition: `count by ($by) (thanos_sidecar_prometheus_up{${SIDECAR_JOB_SELECTOR}} == 0 and on ($by, namespace, pod) prometheus_tsdb_data_replay_duration_seconds != 0)`,
    forMinutes: 5,
    held: 'at-every-step',
    severity: 'error',
    differs:
      "The WAL-replay guard is matched on the cluster labels as well as namespace and pod: the observer sees many clusters whose Prometheus pods have the same names. The job selector also accepts kube-prometheus-stack's …-thanos-discovery job.",
  },
];

/** The mirrored alert a finding names, by alert name. */
export function mirroredAlert(alert: string): MirroredAlert {
  const found = MIRRORED_ALERTS.find(entry => entry.alert === alert);
  if (!found) throw new Error(`${alert} is not a mirrored thanos-mixin alert`);
  return found;
}

/**
 * Whether a mirrored alert fires, given the steps of its window at which its condition held
 * (null: the query gave no series for the cluster, i.e. it held at no step).
 *
 * @public
 */
export function alertFires(
  alert: MirroredAlert,
  stepsHeld: number | null | undefined,
): boolean {
  const held = stepsHeld ?? 0;
  const window = (alert.forMinutes ?? 0) / ALERT_EVALUATION_STEP_MINUTES;
  return alert.held === 'at-no-step' ? held === 0 : held >= Math.max(1, window);
}

/** The sentence that states, next to a finding, how it differs from the alert it names. */
export function differsNote(alert: MirroredAlert): string {
  return alert.differs ? ` ${alert.differs}` : '';
}
