import type {
  CompactorObservation,
  LabelMatcher,
  SidecarEvidence,
} from '@thanos-backstage/plugin-thanos-common';
import { BatchSeries, seriesForCluster, valueForCluster } from './promqlBatch';

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
    // The query answered but no compactor target of the cluster is scraped: that is the mixin's
    // ThanosCompactIsDown (`absent(up{job=~".*thanos-compact.*"} == 1)`), so it counts as 0 up.
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
