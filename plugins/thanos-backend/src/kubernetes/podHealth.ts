import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { PodHealth } from '@thanos-backstage/plugin-thanos-common';

/**
 * One container of a pod as the Thanos views need it: ready, restarts, why it waits and how it
 * last died. The pod's name stands for the container, since each view looks at one container per
 * pod (the compactor, or Prometheus' `thanos-sidecar`).
 */
export function containerHealth(
  pod: V1Pod,
  containerName: string,
): PodHealth | null {
  const status = pod.status?.containerStatuses?.find(
    c => c.name === containerName,
  );
  const spec = pod.spec?.containers.find(c => c.name === containerName);
  if (!status && !spec) return null;
  return {
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
    ready: status?.ready ?? false,
    phase: pod.status?.phase ?? 'Unknown',
    restarts: status?.restartCount ?? 0,
    ...optional('waitingReason', status?.state?.waiting?.reason),
    ...lastTermination(status),
    ...optional('image', spec?.image ?? status?.image),
  };
}

function lastTermination(
  status: V1ContainerStatus | undefined,
): Partial<PodHealth> {
  // A container that is terminated right now (between crash and back-off) shows it in `state`.
  const terminated = status?.state?.terminated ?? status?.lastState?.terminated;
  if (!terminated) return {};
  return {
    ...optional('lastTerminationReason', terminated.reason),
    lastTerminationExitCode: terminated.exitCode,
  };
}

function optional<K extends string, V>(
  key: K,
  value: V | undefined,
): { [P in K]?: V } {
  return (value === undefined || value === null ? {} : { [key]: value }) as {
    [P in K]?: V;
  };
}

/** Not-ready first, then most restarts: the container a one-line summary should talk about. */
export function worstContainer(containers: PodHealth[]): PodHealth | null {
  return (
    [...containers].sort(
      (a, b) => Number(a.ready) - Number(b.ready) || b.restarts - a.restarts,
    )[0] ?? null
  );
}
