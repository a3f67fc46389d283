import type { PodHealth } from '../types';

/**
 * One pod or container's health as the words a finding's detail uses, e.g.
 * "phase Running, not ready, 7 restarts, waiting: CrashLoopBackOff, last terminated: OOMKilled
 * (exit code 137)". Callers pick the parts their sentence does not already say.
 */
export function describePodHealth(
  pod: PodHealth,
  parts: { name?: boolean; phase?: boolean; readiness?: boolean } = {},
): string {
  const { name = false, phase = true, readiness = true } = parts;
  const terminated =
    pod.lastTerminationReason || pod.lastTerminationExitCode !== undefined
      ? `last terminated: ${pod.lastTerminationReason ?? 'unknown reason'}${
          pod.lastTerminationExitCode === undefined
            ? ''
            : ` (exit code ${pod.lastTerminationExitCode})`
        }`
      : undefined;
  const readinessWord = pod.ready ? 'ready' : 'not ready';
  return [
    name ? `${pod.namespace}/${pod.name}` : undefined,
    phase ? `phase ${pod.phase}` : undefined,
    readiness ? readinessWord : undefined,
    `${pod.restarts} restart${pod.restarts === 1 ? '' : 's'}`,
    pod.waitingReason ? `waiting: ${pod.waitingReason}` : undefined,
    terminated,
  ]
    .filter(Boolean)
    .join(', ');
}
