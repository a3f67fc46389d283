import type { ClusterStatus } from '@thanos-backstage/plugin-thanos-common';
import { overallState } from '@thanos-backstage/plugin-thanos-common';
import { thanosTabPath } from '../notifications/ownerNotificationPayload';
import type { ThanosStatusService } from '../service/ThanosStatusService';

/** The parts of the status service the actions read; callers' credentials go with every read. */
export type StatusReader = Pick<
  ThanosStatusService,
  'entityStatus' | 'fleetStatus' | 'instanceNames'
>;

/** How every state in the actions' answers is described to the assistant. */
export const HEALTH_STATES = ['ok', 'warning', 'error', 'unknown'] as const;
export const HEALTH_STATE_MEANING =
  '"ok" healthy; "warning" degraded or at risk; "error" broken (data is not reaching Thanos, or the compactor does not work); "unknown" could not be judged (a source could not be read).';

/** The parts of a status an assistant reasons with: states, summaries, finding titles and hints. */
export function describedStatus(status: ClusterStatus) {
  const part = (p: ClusterStatus['sidecar'] | ClusterStatus['compactor']) => ({
    state: p.state,
    summary: p.summary,
    findings: p.findings.map(finding => ({
      severity: finding.severity,
      title: finding.title,
      hint: finding.hint,
    })),
  });
  return {
    entityRef: status.entityRef,
    instance: status.instance,
    state: overallState(status),
    checkedAt: status.checkedAt,
    sidecar: part(status.sidecar),
    compactor: part(status.compactor),
    unreadSources: status.errors.map(error => ({
      source: error.source,
      target: error.target,
      message: error.message,
    })),
    link: thanosTabPath(status.entityRef),
  };
}
