import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  ClusterStatus,
  HealthState,
  OwnerNotice,
  bySeverity,
  overallState,
} from '@thanos-backstage/plugin-thanos-common';

type NotificationPayload = NotificationSendOptions['payload'];

/** The topic owners filter Thanos notifications by in the notifications page. */
export const THANOS_NOTIFICATION_TOPIC = 'thanos';

const SEVERITY: Record<HealthState, NotificationPayload['severity']> = {
  error: 'high',
  warning: 'normal',
  unknown: 'normal',
  ok: 'low',
};

/** The entity page's Thanos tab, relative to the app. */
export function thanosTabPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/thanos`;
}

/**
 * The notification for one announced change: what the entity is now, the summaries of its parts
 * that are not ok, and the first thing to do.
 */
export function ownerNotificationPayload(
  status: ClusterStatus,
  notice: OwnerNotice,
): NotificationPayload {
  const { name } = parseEntityRef(status.entityRef);
  const now = overallState(status);
  const parts = [
    { label: 'Sidecar', part: status.sidecar },
    { label: 'Compactor', part: status.compactor },
  ];
  const summaries = (
    notice.kind === 'recovery'
      ? parts
      : parts.filter(p => p.part.state !== 'ok')
  ).map(({ label, part }) => `${label}: ${part.summary}`);
  const hint =
    notice.kind === 'problem'
      ? bySeverity([...status.sidecar.findings, ...status.compactor.findings])
          .filter(finding => finding.severity !== 'info')
          .map(finding => finding.hint)[0]
      : undefined;
  return {
    title: titleOf(name, notice, now),
    description: [...summaries, ...(hint ? [`What to do: ${hint}`] : [])].join(
      '\n',
    ),
    link: thanosTabPath(status.entityRef),
    severity: SEVERITY[notice.to],
    topic: THANOS_NOTIFICATION_TOPIC,
  };
}

function titleOf(name: string, notice: OwnerNotice, now: HealthState) {
  if (notice.kind === 'problem') {
    return notice.to === 'error'
      ? `${name}: Thanos shows an error`
      : `${name}: Thanos shows a warning`;
  }
  return now === 'ok'
    ? `${name}: Thanos shows it healthy again`
    : `${name}: no longer in ${notice.from} (now ${now})`;
}
