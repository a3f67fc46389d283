import type {
  CompactorBacklog,
  CompactorStatus,
  Finding,
  HealthState,
} from '../types';
import { compactorPodFindings } from './compactorPods';
import { HOUR_MS, describeDuration } from './durations';
import { bySeverity, stateOfFindings } from './healthState';
import type { CompactorObservation } from './observations';
import { lowerFirst } from './wording';

/**
 * Compactor status, judged the way the upstream thanos-mixin alerts judge it
 * (`mixin/alerts/compact.libsonnet`, `absent.libsonnet`; notes/thanos.md §3.3, §5). Each finding
 * names the alert it mirrors. A halted compactor keeps answering /-/ready with 200, so halting is
 * only visible in `thanos_compact_halted`.
 */

/** ThanosCompactHasNotRun: no compacted block uploaded for more than 24h. */
export const HAS_NOT_RUN_MS = 24 * HOUR_MS;
/** ThanosCompactHighCompactionFailures / ThanosCompactBucketHighOperationFailures: > 5 %. */
export const FAILURE_PERCENT_THRESHOLD = 5;
/** Backlog sizes from which the compactor is considered to be falling behind. */
export const HIGH_BACKLOG = { todoCompactions: 100, todoDownsampleBlocks: 100 };

const EMPTY_BACKLOG: CompactorBacklog = {
  todoCompactions: null,
  todoCompactionBlocks: null,
  todoDownsampleBlocks: null,
  todoDeletionBlocks: null,
};

/** @public */
export function judgeCompactor(obs: CompactorObservation): CompactorStatus {
  const { metrics } = obs;
  const findings = bySeverity([
    ...(metrics ? metricFindings(metrics, obs) : []),
    ...multipleWorkloadFindings(obs),
    ...compactorPodFindings(obs.pods, metrics?.halted ?? null),
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
    metrics === null && judged === 'ok' ? 'unknown' : judged;

  return {
    state,
    summary: summarise(obs, findings, state),
    findings,
    evidence: {
      halted: metrics?.halted ?? null,
      instancesUp: metrics?.instancesUp ?? null,
      lastSuccessfulRunTime: metrics?.lastSuccessfulRunTime ?? null,
      backlog: metrics?.backlog ?? EMPTY_BACKLOG,
      compactionFailurePercent: metrics?.compactionFailurePercent ?? null,
      bucketOperationFailurePercent:
        metrics?.bucketOperationFailurePercent ?? null,
      downsampleFailures: metrics?.downsampleFailures ?? null,
      ...(metrics?.blocksByResolution
        ? { blocksByResolution: metrics.blocksByResolution }
        : {}),
      retention: obs.retention,
      version: obs.version,
      pods: obs.pods ?? null,
    },
  };
}

type CompactorMetrics = NonNullable<CompactorObservation['metrics']>;

function metricFindings(
  metrics: CompactorMetrics,
  obs: CompactorObservation,
): Finding[] {
  const findings: Finding[] = [];
  if (metrics.halted === true) {
    findings.push({
      id: 'compactor.halted',
      severity: 'error',
      title: 'Compactor halted',
      detail:
        'thanos_compact_halted is 1: the compactor hit a critical error and stopped compacting, downsampling and applying retention. Its pod still reports ready and /-/healthy answers 200.',
      hint: 'Find "critical error detected; halting" in the compactor log; it names the cause (usually overlapping blocks or a block with a broken index). Inspect with `thanos tools bucket verify`, then delete the bad block or mark it no-compact (`thanos tools bucket mark --marker=no-compact-mark.json`) and restart the compactor. The gauge resets to 0 on restart and goes back to 1 at the first iteration if the cause remains.',
      source: 'promql',
      alert: 'ThanosCompactHalted',
    });
  }
  if (metrics.instancesUp === 0) {
    findings.push({
      id: 'compactor.down',
      severity: 'error',
      title: 'Compactor is down',
      detail:
        'No compactor target of this cluster is up (up{job=~".*thanos-compact.*"} == 1 is absent).',
      hint: 'Check the compactor workload in the observee (thanos release, compactor enabled) and that Prometheus scrapes it (ServiceMonitor). Without it blocks are never compacted, downsampled or deleted by retention.',
      source: 'promql',
      alert: 'ThanosCompactIsDown',
    });
  }
  if (metrics.lastSuccessfulRunTime !== null) {
    const ranAt = metrics.lastSuccessfulRunTime * 1000;
    if (
      metrics.lastSuccessfulRunTime === 0 ||
      obs.now - ranAt > HAS_NOT_RUN_MS
    ) {
      const never = metrics.lastSuccessfulRunTime === 0;
      findings.push({
        id: 'compactor.has-not-run',
        severity: 'warning',
        title: never
          ? 'Compactor has not uploaded a block since it started'
          : `Compactor has not run successfully for ${describeDuration(
              obs.now - ranAt,
            )}`,
        detail: never
          ? 'thanos_objstore_bucket_last_successful_upload_time is 0 for the compactor: it has uploaded nothing since the process started. A small or fully compacted bucket can legitimately have nothing to do.'
          : `thanos_objstore_bucket_last_successful_upload_time is ${new Date(
              ranAt,
            ).toISOString()}, more than 24 hours ago.`,
        hint: 'Check the compactor log for errors and retries (thanos_compact_retries_total), that it runs with --wait, and that it is not halted.',
        source: 'promql',
        alert: 'ThanosCompactHasNotRun',
      });
    }
  }
  if (
    metrics.compactionFailurePercent !== null &&
    metrics.compactionFailurePercent > FAILURE_PERCENT_THRESHOLD
  ) {
    findings.push({
      id: 'compactor.compaction-failures',
      severity: 'warning',
      title: 'Many compactions fail',
      detail: `${percent(
        metrics.compactionFailurePercent,
      )} of compactions failed over the last 5 minutes (thanos_compact_group_compactions_failures_total / thanos_compact_group_compactions_total; the alert fires above 5 %).`,
      hint: 'Read the compactor log for the failing group; repeated failures on one block often precede a halt.',
      source: 'promql',
      alert: 'ThanosCompactHighCompactionFailures',
    });
  }
  if (
    metrics.bucketOperationFailurePercent !== null &&
    metrics.bucketOperationFailurePercent > FAILURE_PERCENT_THRESHOLD
  ) {
    findings.push({
      id: 'compactor.bucket-failures',
      severity: 'warning',
      title: 'Many bucket operations fail',
      detail: `${percent(
        metrics.bucketOperationFailurePercent,
      )} of the compactor's bucket operations failed over the last 5 minutes (thanos_objstore_bucket_operation_failures_total / thanos_objstore_bucket_operations_total; the alert fires above 5 %).`,
      hint: "Check the compactor's access to its bucket: the IAM role of its service account (IRSA), the bucket name and region in the objstore config, and the S3 VPC endpoint policy.",
      source: 'promql',
      alert: 'ThanosCompactBucketHighOperationFailures',
    });
  }
  if (metrics.downsampleFailures !== null && metrics.downsampleFailures > 0) {
    findings.push({
      id: 'compactor.downsample-failures',
      severity: 'warning',
      title: 'Downsampling fails',
      detail: `thanos_compact_downsample_failures_total increased by ${metrics.downsampleFailures} over the last hour.`,
      hint: 'Read the compactor log for the failing block. Until downsampling succeeds, 5m and 1h data is missing and long-range queries read raw blocks. There is no upstream alert for this.',
      source: 'promql',
    });
  }
  findings.push(...backlogFindings(metrics.backlog));
  return findings;
}

function backlogFindings(backlog: CompactorBacklog): Finding[] {
  const { todoCompactions, todoDownsampleBlocks, todoDeletionBlocks } = backlog;
  const described = describeBacklog(backlog);
  if (
    (todoCompactions ?? 0) > HIGH_BACKLOG.todoCompactions ||
    (todoDownsampleBlocks ?? 0) > HIGH_BACKLOG.todoDownsampleBlocks
  ) {
    return [
      {
        id: 'compactor.backlog-high',
        severity: 'warning',
        title: 'Compactor is falling behind',
        detail: `Planned work: ${described} (thanos_compact_todo_*). More than ${HIGH_BACKLOG.todoCompactions} is more than one compactor clears quickly.`,
        hint: 'Raise --compact.concurrency (and CPU/memory to match), or split the work by time or labels across compactors (Thanos "compactor backlog" guide); a backlog that keeps growing ends with queries reading uncompacted data.',
        source: 'promql',
      },
    ];
  }
  if (
    (todoCompactions ?? 0) > 0 ||
    (todoDownsampleBlocks ?? 0) > 0 ||
    (todoDeletionBlocks ?? 0) > 0
  ) {
    return [
      {
        id: 'compactor.backlog',
        severity: 'info',
        title: 'Compactor has work queued',
        detail: `Planned work: ${described} (thanos_compact_todo_*, recomputed every 5 minutes). A backlog is normal right after new blocks arrive; only one that keeps growing is a problem.`,
        hint: 'Nothing to do unless the numbers keep growing over hours.',
        source: 'promql',
      },
    ];
  }
  return [];
}

function multipleWorkloadFindings(obs: CompactorObservation): Finding[] {
  const up = obs.metrics?.instancesUp ?? null;
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

function describeBacklog(backlog: CompactorBacklog): string {
  const parts = [
    count(backlog.todoCompactions, 'compaction'),
    count(
      backlog.todoCompactionBlocks,
      'block to compact',
      'blocks to compact',
    ),
    count(
      backlog.todoDownsampleBlocks,
      'block to downsample',
      'blocks to downsample',
    ),
    count(
      backlog.todoDeletionBlocks,
      'block past retention',
      'blocks past retention',
    ),
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'unknown';
}

function count(
  value: number | null,
  one: string,
  many = `${one}s`,
): string | undefined {
  return value === null ? undefined : `${value} ${value === 1 ? one : many}`;
}

function percent(value: number): string {
  return `${value.toFixed(1)} %`;
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
