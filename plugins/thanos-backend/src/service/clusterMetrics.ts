import type {
  CompactorObservation,
  LabelMatcher,
  SidecarEvidence,
} from '@thanos-backstage/plugin-thanos-common';
import {
  BatchSeries,
  alertStepsForCluster,
  seriesForCluster,
  valueForCluster,
} from './promqlBatch';

/** The sidecar metrics of one cluster, taken from the batched query's result. */
export function sidecarMetrics(
  series: BatchSeries,
  matchers: LabelMatcher[],
): SidecarEvidence['metrics'] {
  return {
    prometheusUp: valueForCluster(series, 'sidecarPrometheusUp', matchers),
    shipperUploadFailures: valueForCluster(
      series,
      'sidecarShipperUploadFailures',
      matchers,
    ),
    lastSuccessfulUploadTime: valueForCluster(
      series,
      'sidecarLastUpload',
      matchers,
    ),
    newestSampleTime: valueForCluster(series, 'sidecarNewestSample', matchers),
    bucketOperationFailureRate: valueForCluster(
      series,
      'sidecarBucketFailureRate',
      matchers,
    ),
    alertSteps: alertStepsForCluster(series, matchers, 'ThanosSidecar'),
  };
}

/** The compactor metrics of one cluster, taken from the batched query's result. */
export function compactorMetrics(
  series: BatchSeries,
  matchers: LabelMatcher[],
): NonNullable<CompactorObservation['metrics']> {
  const value = (id: Parameters<typeof valueForCluster>[1]) =>
    valueForCluster(series, id, matchers);
  const halted = value('compactHalted');
  return {
    halted: halted === null ? null : halted >= 1,
    // The query answered but no compactor target of the cluster is scraped: 0 up. Whether that
    // is ThanosCompactIsDown is for the rules to say, over the alert's window and only while the
    // cluster's metrics can arrive at all.
    instancesUp: value('compactUp') ?? 0,
    lastSuccessfulRunTime: value('compactLastRun'),
    backlog: {
      todoCompactions: value('compactTodoCompactions'),
      todoCompactionBlocks: value('compactTodoCompactionBlocks'),
      todoDownsampleBlocks: value('compactTodoDownsampleBlocks'),
      todoDeletionBlocks: value('compactTodoDeletionBlocks'),
    },
    compactionFailurePercent: value('compactCompactionFailurePercent'),
    bucketOperationFailurePercent: value('compactBucketFailurePercent'),
    downsampleFailures: value('compactDownsampleFailures'),
    alertSteps: alertStepsForCluster(series, matchers, 'ThanosCompact'),
  };
}

/** The compactor's Thanos version from `thanos_build_info`, when exactly one is seen. */
export function compactorVersion(
  series: BatchSeries,
  matchers: LabelMatcher[],
): string | null {
  const versions = new Set(
    seriesForCluster(series, 'compactVersion', matchers)
      .map(sample => sample.labels.version)
      .filter(Boolean),
  );
  return versions.size === 1 ? [...versions][0] : null;
}
