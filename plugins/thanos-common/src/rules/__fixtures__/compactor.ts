import type { PodHealth } from '../../types';
import type { CompactorObservation } from '../observations';
import { NOW } from './storeEndpoints';

/**
 * A working compactor as the backend observes it: metric values as PromQL returns them for the
 * series of docs/thanos.md, "The compactor" (`thanos_compact_halted`, `up`,
 * `thanos_compact_todo_*`, `thanos_objstore_bucket_last_successful_upload_time` in epoch seconds,
 * failure ratios in percent as the mixin alerts compute them), and its pod as Kubernetes reports it
 * (kube-thanos runs the compactor as a one-replica StatefulSet). Values are illustrative.
 */
export const compactorPod: PodHealth = {
  name: 'thanos-compactor-0',
  namespace: 'monitoring',
  ready: true,
  phase: 'Running',
  restarts: 0,
  image: 'quay.io/thanos/thanos:v0.42.4',
};

export const healthyCompactor: CompactorObservation = {
  now: NOW,
  metrics: {
    halted: false,
    instancesUp: 1,
    lastSuccessfulRunTime: NOW / 1000 - 12 * 60,
    backlog: {
      todoCompactions: 3,
      todoCompactionBlocks: 12,
      todoDownsampleBlocks: 0,
      todoDeletionBlocks: 0,
    },
    compactionFailurePercent: 0,
    bucketOperationFailurePercent: 0,
    downsampleFailures: 0,
  },
  retention: { raw: '30d', fiveMinutes: '90d', oneHour: '1y' },
  version: '0.42.4',
  pods: [compactorPod],
  workloadsForBucket: 1,
};

/** The metrics of the healthy compactor with some values replaced. */
export function compactorWith(
  metrics: Partial<NonNullable<CompactorObservation['metrics']>>,
  rest: Partial<CompactorObservation> = {},
): CompactorObservation {
  return {
    ...healthyCompactor,
    metrics: { ...healthyCompactor.metrics!, ...metrics },
    ...rest,
  };
}
