import type {
  CompactorObservation,
  CompactorRetention,
  Finding,
  KubernetesView,
  SidecarObservation,
  StoreEndpoint,
  StoresRead,
} from '@thanos-backstage/plugin-thanos-common';
import { workloadsForBucket } from '@thanos-backstage/plugin-thanos-common';
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
}): CompactorObservation {
  const { target, metrics, view } = input;
  const series = metrics.result.ok ? metrics.result.value.series : undefined;
  const workloads = view?.compactor?.workloads;
  return {
    now: input.now,
    metrics: series ? compactorMetrics(series, target.externalLabels) : null,
    retention: workloads?.length ? retentionFromArgs(workloads[0].args) : null,
    version: series ? compactorVersion(series, target.externalLabels) : null,
    ...(view?.compactor
      ? {
          pods: view.compactor.pods,
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
 * PromQL warnings (partial response: a store failed during the query) as a finding. Informational:
 * the batched query covers every cluster, so a warning does not say which cluster's numbers are
 * missing; the rules already treat absent series as unknown.
 */
export function partialResponseFinding(warnings: string[]): Finding[] {
  if (warnings.length === 0) return [];
  const shown = warnings.slice(0, 5).join(' | ');
  return [
    {
      id: 'promql.partial-response',
      severity: 'info',
      title: 'Metrics come from a partial PromQL answer',
      detail: `Thanos Query answered the metrics query with ${
        warnings.length
      } warning${warnings.length === 1 ? '' : 's'}: ${shown}${
        warnings.length > 5 ? ' | …' : ''
      }`,
      hint: 'A store failed while the query ran, so some metrics may be missing. The store named in the warning is the one to look at on the Stores page of Thanos Query.',
      source: 'promql',
    },
  ];
}
