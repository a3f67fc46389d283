import type {
  CompactorBacklog,
  CompactorEvidence,
  CompactorStatus,
  Finding,
  HealthState,
  MetricsPath,
} from '../types';
import {
  metricsNotArrivingFinding,
  notArrivingPhrase,
  stateFromPods,
} from './compactorMetricsPath';
import { compactorPodFindings } from './compactorPods';
import { HOUR_MS, describeDuration } from './durations';
import { bySeverity, stateOfFindings, worstState } from './healthState';
import {
  alertJudgement,
  failureRatioFindings,
  pendingFinding,
} from './compactorAlerts';
import { backlogFindings, count } from './compactorBacklog';
import { differsNote, mirroredAlert } from './mirroredAlerts';
import type { CompactorObservation } from './observations';
import { specialValueOf } from './promqlValues';
import { lowerFirst } from './wording';

/**
 * Compactor status, judged the way the upstream thanos-mixin alerts judge it
 * (`mixin/alerts/compact.libsonnet`, `absent.libsonnet`; docs/thanos.md, "The compactor" and "Mixin
 * alerts mirrored"). Each finding names the alert it mirrors, and fires only when the alert's
 * condition held for its whole `for:` window (`MIRRORED_ALERTS`). A halted compactor keeps
 * answering /-/ready with 200, so halting is only visible in `thanos_compact_halted`. While the
 * cluster's metrics cannot reach the observer, nothing is concluded from them.
 */

/** ThanosCompactHasNotRun: no compacted block uploaded for more than 24h. */
export const HAS_NOT_RUN_MS = 24 * HOUR_MS;
export { FAILURE_PERCENT_THRESHOLD, HIGH_BACKLOG } from './compactorBacklog';

const EMPTY_BACKLOG: CompactorBacklog = {
  todoCompactions: null,
  todoCompactionBlocks: null,
  todoDownsampleBlocks: null,
  todoDeletionBlocks: null,
};

const ARRIVING: MetricsPath = { state: 'arriving' };

/** @public */
export function judgeCompactor(obs: CompactorObservation): CompactorStatus {
  const path = obs.metricsPath ?? ARRIVING;
  const { state, summary, findings } =
    path.state === 'cut'
      ? judgeWithoutMetrics(obs, path)
      : judgeWithMetrics(obs, path);
  return { state, summary, findings, evidence: evidenceOf(obs, path) };
}

interface Verdict {
  state: HealthState;
  summary: string;
  findings: Finding[];
}

function judgeWithMetrics(
  obs: CompactorObservation,
  path: MetricsPath,
): Verdict {
  const { metrics } = obs;
  const findings = bySeverity([
    ...(metrics ? metricFindings(metrics, obs, path) : []),
    ...multipleWorkloadFindings(obs),
    ...compactorPodFindings(obs.pods, metrics?.halted ?? null),
    ...(path.state === 'unknown'
      ? [metricsNotArrivingFinding(path, obs.pods)]
      : []),
    ...(metrics
      ? []
      : [
          {
            id: 'compactor.metrics-unavailable',
            severity: 'info' as const,
            title: 'Compactor metrics unavailable',
            detail:
              'The PromQL query for thanos_compact_halted, up, thanos_compact_todo_* and thanos_objstore_bucket_last_successful_upload_time could not be read.',
            hint: 'See the errors of this status for why PromQL failed. Without the metrics a halted compactor cannot be told from a working one: its pods stay Ready while halted.',
            source: 'promql' as const,
          },
        ]),
  ]);

  const judged = stateOfFindings(findings);
  // Without metrics "no problem found" is not "healthy": halting only shows in the metrics.
  const state: HealthState =
    (metrics === null || path.state === 'unknown') && judged === 'ok'
      ? 'unknown'
      : judged;
  return { state, findings, summary: summarise(obs, findings, state) };
}

/**
 * The cluster's metrics cannot arrive (the sidecar path is cut, or its Prometheus stopped
 * ingesting): only Kubernetes can say anything (docs/thanos.md).
 */
function judgeWithoutMetrics(
  obs: CompactorObservation,
  path: MetricsPath,
): Verdict {
  const fromPods = stateFromPods(obs.pods, path);
  const findings = bySeverity([
    metricsNotArrivingFinding(path, obs.pods),
    ...compactorPodFindings(obs.pods, null),
    ...(obs.pods && obs.pods.length === 0
      ? [
          {
            id: 'compactor.no-pods',
            severity: 'error' as const,
            title: 'No compactor pod runs',
            detail:
              'Kubernetes lists no pod of the compactor workload in the Thanos namespace (label app.kubernetes.io/component=compactor running `thanos compact`).',
            hint: 'Check the compactor workload of the thanos release: replicas, scheduling events (kubectl -n monitoring describe statefulset), and that the compactor is enabled in the chart values.',
            source: 'kubernetes' as const,
          },
        ]
      : []),
    ...multipleWorkloadFindings({ ...obs, metrics: null }),
  ]);
  const state = worstState([fromPods.state, stateOfFindings(findings)]);
  const worst = findings.find(
    f => f.severity === 'error' && !f.id.startsWith('compactor.pod-'),
  );
  const summary =
    worst && state === 'error' && fromPods.state !== 'error'
      ? `${worst.title}${
          worst.alert ? ` (${worst.alert})` : ''
        }; ${notArrivingPhrase(path)}`
      : fromPods.summary;
  return { state, summary, findings };
}

function evidenceOf(
  obs: CompactorObservation,
  path: MetricsPath,
): CompactorEvidence {
  const { metrics } = obs;
  const specialValues: CompactorEvidence['specialValues'] = {};
  const finite = (
    field: 'compactionFailurePercent' | 'bucketOperationFailurePercent',
  ): number | null => {
    const value = metrics?.[field] ?? null;
    if (value === null) return null;
    const special = specialValueOf(value);
    if (special === undefined) return value;
    specialValues[field] = special;
    return null;
  };
  const compactionFailurePercent = finite('compactionFailurePercent');
  const bucketOperationFailurePercent = finite('bucketOperationFailurePercent');
  return {
    halted: metrics?.halted ?? null,
    instancesUp: metrics?.instancesUp ?? null,
    lastSuccessfulRunTime: metrics?.lastSuccessfulRunTime ?? null,
    backlog: metrics?.backlog ?? EMPTY_BACKLOG,
    compactionFailurePercent,
    bucketOperationFailurePercent,
    downsampleFailures: metrics?.downsampleFailures ?? null,
    ...(metrics?.blocksByResolution
      ? { blocksByResolution: metrics.blocksByResolution }
      : {}),
    retention: obs.retention,
    version: obs.version,
    pods: obs.pods ?? null,
    ...(metrics?.alertSteps ? { alertSteps: metrics.alertSteps } : {}),
    ...(Object.keys(specialValues).length > 0 ? { specialValues } : {}),
    ...(obs.metricsPath ? { metricsPath: path } : {}),
  };
}

type CompactorMetrics = NonNullable<CompactorObservation['metrics']>;

/** What each check of the compactor's metrics reads. */
interface MetricsInput {
  metrics: CompactorMetrics;
  now: number;
  path: MetricsPath;
}

/** One signal of the compactor's metrics: its findings, none while the signal is fine. */
type CompactorCheck = (input: MetricsInput) => Finding[];

/** The checks of the compactor's metrics, in the order their findings are listed. */
const METRIC_CHECKS: CompactorCheck[] = [
  halted,
  down,
  hasNotRun,
  compactionFailures,
  bucketFailures,
  downsampleFailures,
  backlog,
];

function metricFindings(
  metrics: CompactorMetrics,
  obs: CompactorObservation,
  path: MetricsPath,
): Finding[] {
  const input: MetricsInput = { metrics, now: obs.now, path };
  return METRIC_CHECKS.flatMap(check => check(input));
}

function halted({ metrics }: MetricsInput): Finding[] {
  const judged = alertJudgement(
    metrics,
    'ThanosCompactHalted',
    metrics.halted === true,
  );
  if (judged.pending) {
    return [
      pendingFinding(
        'compactor.halted',
        'Compactor reports halted',
        'ThanosCompactHalted',
      ),
    ];
  }
  if (!judged.fires) return [];
  return [
    {
      id: 'compactor.halted',
      severity: 'error',
      title: 'Compactor halted',
      detail: `thanos_compact_halted is 1${
        judged.held
      }: the compactor hit a critical error and stopped compacting, downsampling and applying retention. Its pod still reports ready and /-/healthy answers 200.${differsNote(
        mirroredAlert('ThanosCompactHalted'),
      )}`,
      hint: 'Find "critical error detected; halting" in the compactor log; it names the cause (usually overlapping blocks or a block with a broken index). Inspect with `thanos tools bucket verify`, then delete the bad block or mark it no-compact (`thanos tools bucket mark --marker=no-compact-mark.json`) and restart the compactor. The gauge resets to 0 on restart and goes back to 1 at the first iteration if the cause remains.',
      source: 'promql',
      alert: 'ThanosCompactHalted',
    },
  ];
}

// An absent `up` is the alert only while the cluster's metrics demonstrably arrive.
function down({ metrics, path }: MetricsInput): Finding[] {
  const judged = alertJudgement(
    metrics,
    'ThanosCompactIsDown',
    metrics.instancesUp === 0,
  );
  if (path.state !== 'arriving' || !judged.fires) return [];
  return [
    {
      id: 'compactor.down',
      severity: 'error',
      title: 'Compactor is down',
      detail: `No compactor target of this cluster was up${
        metrics.alertSteps ? ' at any evaluation of the last 5 minutes' : ''
      } (up{job=~".*thanos-compact.*"} == 1 is absent), while the cluster's other metrics reach the observer through its sidecar.`,
      hint: 'Check the compactor workload in the observee (thanos release, compactor enabled) and that Prometheus scrapes it (ServiceMonitor). Without it blocks are never compacted, downsampled or deleted by retention.',
      source: 'promql',
      alert: 'ThanosCompactIsDown',
    },
  ];
}

function hasNotRun({ metrics, now }: MetricsInput): Finding[] {
  const ranAtSeconds = metrics.lastSuccessfulRunTime;
  if (ranAtSeconds === null) return [];
  const ranAt = ranAtSeconds * 1000;
  const never = ranAtSeconds === 0;
  if (!never && !(now - ranAt > HAS_NOT_RUN_MS)) return [];
  return [
    {
      id: 'compactor.has-not-run',
      severity: 'warning',
      title: never
        ? 'Compactor has not uploaded a block since it started'
        : `Compactor has not run successfully for ${describeDuration(
            now - ranAt,
          )}`,
      detail: never
        ? 'thanos_objstore_bucket_last_successful_upload_time is 0 for the compactor: it has uploaded nothing since the process started. A small or fully compacted bucket can legitimately have nothing to do.'
        : `thanos_objstore_bucket_last_successful_upload_time is ${new Date(
            ranAt,
          ).toISOString()}, more than 24 hours ago.`,
      hint: 'Check the compactor log for errors and retries (thanos_compact_retries_total), that it runs with --wait, and that it is not halted.',
      source: 'promql',
      alert: 'ThanosCompactHasNotRun',
    },
  ];
}

function compactionFailures({ metrics }: MetricsInput): Finding[] {
  return failureRatioFindings(
    metrics,
    'ThanosCompactHighCompactionFailures',
    metrics.compactionFailurePercent,
    {
      id: 'compactor.compaction-failures',
      title: 'Many compactions fail',
      allFail: 'Every compaction fails',
      what: 'compactions',
      metric:
        'thanos_compact_group_compactions_failures_total / thanos_compact_group_compactions_total',
      hint: 'Read the compactor log for the failing group; repeated failures on one block often precede a halt.',
    },
  );
}

function bucketFailures({ metrics }: MetricsInput): Finding[] {
  return failureRatioFindings(
    metrics,
    'ThanosCompactBucketHighOperationFailures',
    metrics.bucketOperationFailurePercent,
    {
      id: 'compactor.bucket-failures',
      title: 'Many bucket operations fail',
      allFail: 'Every bucket operation of the compactor fails',
      what: "the compactor's bucket operations",
      metric:
        'thanos_objstore_bucket_operation_failures_total / thanos_objstore_bucket_operations_total',
      hint: "Check the compactor's access to its bucket: the IAM role of its service account (IRSA), the bucket name and region in the objstore config, and the S3 VPC endpoint policy.",
    },
  );
}

function downsampleFailures({ metrics }: MetricsInput): Finding[] {
  const failures = metrics.downsampleFailures;
  if (failures === null || !(failures > 0)) return [];
  return [
    {
      id: 'compactor.downsample-failures',
      severity: 'warning',
      title: 'Downsampling fails',
      detail: `thanos_compact_downsample_failures_total increased by ${failures} over the last hour.`,
      hint: 'Read the compactor log for the failing block. Until downsampling succeeds, 5m and 1h data is missing and long-range queries read raw blocks. There is no upstream alert for this.',
      source: 'promql',
    },
  ];
}

function backlog({ metrics }: MetricsInput): Finding[] {
  return backlogFindings(metrics.backlog);
}

function multipleWorkloadFindings(obs: CompactorObservation): Finding[] {
  const instant = obs.metrics?.instancesUp ?? null;
  const up =
    obs.metrics &&
    alertJudgement(
      obs.metrics,
      'ThanosCompactMultipleRunning',
      (instant ?? 0) > 1,
    ).fires
      ? instant
      : null;
  const workloads = obs.workloadsForBucket ?? null;
  if (!((up ?? 0) > 1 || (workloads ?? 0) > 1)) return [];
  const facts = [
    up !== null && up > 1 ? `${up} compactor targets are up` : undefined,
    workloads !== null && workloads > 1
      ? `${workloads} compactor replicas write to the cluster's bucket (Kubernetes)`
      : undefined,
  ].filter(Boolean);
  return [
    {
      id: 'compactor.multiple-running',
      severity: 'error',
      title: 'More than one compactor on the bucket',
      detail: `${facts.join(
        '; ',
      )}. Two compactors on one bucket compact the same blocks and produce overlaps, which halt them.`,
      hint: 'Keep exactly one compactor (one replica, one workload) per bucket: scale the extra one to zero or point it at its own bucket.',
      source: up !== null && up > 1 ? 'promql' : 'kubernetes',
      alert: 'ThanosCompactMultipleRunning',
    },
  ];
}

function summarise(
  obs: CompactorObservation,
  findings: Finding[],
  state: HealthState,
): string {
  const first = findings.find(f => f.severity === 'error');
  if (first?.id === 'compactor.halted') {
    return 'Halted — compaction stopped (ThanosCompactHalted)';
  }
  if (first)
    return first.alert ? `${first.title} (${first.alert})` : first.title;
  if (state === 'unknown') return 'Compactor metrics unavailable';

  const { metrics, now } = obs;
  const warning = findings.find(f => f.severity === 'warning');
  const parts = ['Running'];
  if (warning?.id !== 'compactor.has-not-run') {
    if (metrics?.lastSuccessfulRunTime) {
      parts.push(
        `last successful run ${describeDuration(
          now - metrics.lastSuccessfulRunTime * 1000,
        )} ago`,
      );
    } else if (metrics?.lastSuccessfulRunTime === 0) {
      parts.push('no successful run since start');
    }
  }
  const todo = metrics?.backlog.todoCompactions ?? null;
  if (todo !== null) {
    parts.push(
      todo === 0 ? 'no backlog' : `backlog ${count(todo, 'compaction')}`,
    );
  }
  if (warning) {
    parts.push(
      `${lowerFirst(warning.title)}${
        warning.alert ? ` (${warning.alert})` : ''
      }`,
    );
  }
  return parts.join('; ');
}
