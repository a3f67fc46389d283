import {
  ClusterStatus,
  SourceError,
  StoreEndpoint,
  judgeCompactor,
  judgeSidecar,
  expectedSidecarAddress,
  joinInsideView,
  partialResponseFinding,
} from '@thanos-backstage/plugin-thanos-common';
import type { CachedRead } from './CoalescingCache';
import type { InsideViewFact } from './insideViewFact';
import {
  compactorObservation,
  failure,
  sidecarObservation,
} from './observations';
import type { ObserveeTarget } from './observeeTarget';
import type { MetricsSnapshot } from './ThanosFacts';
import type { TlsQuerierFact } from './tlsQuerierFact';

/** Every fact one observee's status rests on, as read (or failed to read) for one request. */
export interface ObserveeFacts {
  instanceName: string;
  target: ObserveeTarget;
  central: CachedRead<StoreEndpoint[]>;
  metrics: CachedRead<MetricsSnapshot>;
  tlsQuerier: TlsQuerierFact;
  inside: InsideViewFact;
}

/**
 * The status of one observee from its facts, judged by the pure rules of thanos-common: the
 * sidecar first, since whether its metrics can arrive decides how the compactor's are read, then
 * the Kubernetes inside view joined in. Every source that failed is in `errors[]`. No I/O.
 */
export function judgeObservee(
  facts: ObserveeFacts,
  now: number,
): ClusterStatus {
  const { instanceName, target, central, metrics, tlsQuerier, inside } = facts;
  const errors: SourceError[] = [
    ...tlsQuerier.errors,
    ...failure(central, 'thanos-query', instanceName),
    ...failure(metrics, 'promql', instanceName),
    ...inside.errors,
  ];

  const expectedAddress = expectedSidecarAddress(
    tlsQuerier.stores?.ok ? tlsQuerier.stores.endpoints : null,
  );
  let sidecar = judgeSidecar({
    ...sidecarObservation({
      now,
      target,
      central,
      tlsQuerier: tlsQuerier.stores,
      metrics,
      view: inside.view,
    }),
    ...(expectedAddress ? { expectedSidecarAddress: expectedAddress } : {}),
  });
  let compactor = judgeCompactor(
    compactorObservation({
      now,
      target,
      metrics,
      view: inside.view,
      metricsPath: sidecar.evidence.metricsPath,
    }),
  );
  if (inside.view) {
    ({ sidecar, compactor } = joinInsideView({
      sidecar,
      compactor,
      view: inside.view,
      errors: inside.errors,
    }));
  }
  if (metrics.result.ok) {
    const partial = partialResponseFinding(metrics.result.value.warnings);
    sidecar.findings.push(...partial);
    compactor.findings.push(...partial);
  }

  const readTimes = [central.readAt, metrics.readAt];
  if (tlsQuerier.readAt !== undefined) readTimes.push(tlsQuerier.readAt);
  if (inside.readAt !== undefined) readTimes.push(inside.readAt);
  return {
    entityRef: target.entityRef,
    instance: instanceName,
    observeeKey: target.observeeKey,
    externalLabels: target.externalLabels,
    // The oldest fact the answer rests on: cached facts make it older than the request.
    checkedAt: new Date(Math.min(...readTimes)).toISOString(),
    sidecar,
    compactor,
    ...(inside.view ? { kubernetes: inside.view } : {}),
    errors,
  };
}
