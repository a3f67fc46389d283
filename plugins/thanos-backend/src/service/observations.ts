import type {
  CompactorObservation,
  CompactorRetention,
  KubernetesView,
  MetricsPath,
  SidecarObservation,
  SourceError,
  StoreEndpoint,
  StoresRead,
} from '@thanos-backstage/plugin-thanos-common';
import {
  matchesLabelSet,
  workloadsForBucket,
} from '@thanos-backstage/plugin-thanos-common';
import type { CachedRead } from './CoalescingCache';
import {
  compactorMetrics,
  compactorVersion,
  sidecarMetrics,
} from './clusterMetrics';
import type { ObserveeTarget } from './observeeTarget';
import type { MetricsSnapshot } from './ThanosFacts';

/**
 * Turns the reads of one refresh into the inputs of the pure rules in thanos-common. Nothing here
 * does I/O: what failed arrives as a failed read and becomes "could not be read" for the rules.
 */

export function storesRead(read: CachedRead<StoreEndpoint[]>): StoresRead {
  return read.result.ok
    ? { ok: true, endpoints: read.result.value }
    : {
        ok: false,
        error: read.result.error.message,
        ...(read.result.error.status !== undefined
          ? { status: read.result.error.status }
          : {}),
      };
}

export function sidecarObservation(input: {
  now: number;
  target: ObserveeTarget;
  central: CachedRead<StoreEndpoint[]>;
  tlsQuerier: StoresRead | null;
  metrics: CachedRead<MetricsSnapshot>;
  view?: KubernetesView;
}): SidecarObservation {
  const { target, metrics, view } = input;
  return {
    now: input.now,
    externalLabels: target.externalLabels,
    observeeKey: target.observeeKey,
    central: storesRead(input.central),
    tlsQuerier: input.tlsQuerier,
    metrics: metrics.result.ok
      ? sidecarMetrics(metrics.result.value.series, target.externalLabels)
      : null,
    ...(view?.sidecar ? { sidecarContainer: view.sidecar.container } : {}),
  };
}

export function compactorObservation(input: {
  now: number;
  target: ObserveeTarget;
  metrics: CachedRead<MetricsSnapshot>;
  view?: KubernetesView;
  /** From the sidecar's judgement: whether the cluster's metrics can arrive at all. */
  metricsPath?: MetricsPath;
}): CompactorObservation {
  const { target, metrics, view } = input;
  const series = metrics.result.ok ? metrics.result.value.series : undefined;
  const workloads = view?.compactor?.workloads;
  return {
    now: input.now,
    metrics: series ? compactorMetrics(series, target.externalLabels) : null,
    retention: workloads?.length ? retentionFromArgs(workloads[0].args) : null,
    version: series ? compactorVersion(series, target.externalLabels) : null,
    ...(input.metricsPath ? { metricsPath: input.metricsPath } : {}),
    ...(view?.compactor
      ? {
          // Pods that could not be read are unknown, not absent.
          pods: view.compactor.podsRead === false ? null : view.compactor.pods,
          // Replicas on the busiest bucket: two Deployments on two buckets are fine, one with
          // two replicas is not.
          workloadsForBucket: workloadsForBucket(view),
        }
      : {}),
  };
}

/** Retention per resolution from the compactor's flags (`--retention.resolution-raw=30d`). */
export function retentionFromArgs(args: string[]): CompactorRetention {
  const flag = (name: string): string | null => {
    const prefix = `--retention.resolution-${name}=`;
    const arg = args.find(candidate => candidate.startsWith(prefix));
    return arg ? arg.slice(prefix.length) : null;
  };
  return { raw: flag('raw'), fiveMinutes: flag('5m'), oneHour: flag('1h') };
}

/**
 * Whether the central query shows a healthy `sidecar` entry with the cluster's labels: a sidecar
 * it dials directly (like the observer's own) has no TLS querier to ask.
 */
export function showsHealthyDirectSidecar(
  central: CachedRead<StoreEndpoint[]>,
  target: ObserveeTarget,
): boolean {
  return (
    central.result.ok &&
    central.result.value.some(
      endpoint =>
        endpoint.type === 'sidecar' &&
        endpoint.lastError === null &&
        endpoint.labelSets.some(labelSet =>
          matchesLabelSet(target.externalLabels, labelSet),
        ),
    )
  );
}

/** A failed read as the `errors[]` entry of the answer. */
export function failure(
  read: CachedRead<unknown>,
  source: SourceError['source'],
  target: string,
): SourceError[] {
  if (read.result.ok) return [];
  const { message, status } = read.result.error;
  return [{ source, target, message, ...(status ? { status } : {}) }];
}
