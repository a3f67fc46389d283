import { describePodHealth } from './podHealthText';
import type { Finding, PodHealth } from '../types';

/**
 * Findings about the compactor's pods as Kubernetes reports them. A halted compactor stays Ready,
 * so pods only reveal crashes and restarts; halting is judged from `thanos_compact_halted`.
 */

/** Restarts beyond which a pod that is not ready counts as crash-looping even between back-offs. */
export const CRASH_LOOP_RESTARTS = 3;

export function isCrashLooping(pod: PodHealth): boolean {
  return (
    pod.waitingReason === 'CrashLoopBackOff' ||
    (!pod.ready && pod.restarts > CRASH_LOOP_RESTARTS)
  );
}

export function compactorPodFindings(
  pods: PodHealth[] | null | undefined,
  halted: boolean | null,
): Finding[] {
  return (pods ?? []).flatMap<Finding>(pod => {
    if (isCrashLooping(pod)) {
      return [
        {
          id: 'compactor.pod-crashlooping',
          severity: 'error',
          title: `Compactor pod ${pod.name} is crash-looping`,
          detail: [
            `${pod.namespace}/${pod.name}: ${describePodHealth(pod)}.`,
            halted === false
              ? 'thanos_compact_halted reads 0, but that proves little here: the gauge resets to 0 on every restart.'
              : undefined,
          ]
            .filter(Boolean)
            .join(' '),
          hint: crashHint(pod),
          source: 'kubernetes',
        },
      ];
    }
    if (!pod.ready) {
      return [
        {
          id: 'compactor.pod-not-ready',
          severity: 'warning',
          title: `Compactor pod ${pod.name} is not ready`,
          detail: `${pod.namespace}/${pod.name}: ${describePodHealth(pod)}.`,
          hint: `kubectl -n ${pod.namespace} describe pod ${pod.name} shows why (scheduling, image pull, failing readiness probe on :10902/-/ready).`,
          source: 'kubernetes',
        },
      ];
    }
    return [];
  });
}

function crashHint(pod: PodHealth): string {
  const logs = `kubectl -n ${pod.namespace} logs ${pod.name} --previous`;
  if (
    pod.lastTerminationReason === 'OOMKilled' ||
    pod.lastTerminationExitCode === 137
  ) {
    return `It was killed for using too much memory: raise the compactor's memory limit (it holds the index of the blocks it compacts, which grows with series count and block range). ${logs} shows how far it got.`;
  }
  return `Read the log of the last crash: ${logs}. Common causes: no access to the bucket (IAM role), an invalid objstore config, or retention flags that downsampling refuses (raw must be at least 40h and 5m at least 10d).`;
}
