import type { Finding, HealthState, MetricsPath, PodHealth } from '../types';
import { isCrashLooping } from './compactorPods';

/**
 * The compactor judged while its metrics cannot reach the observer. They are scraped by the
 * cluster's Prometheus and travel only through the cluster's sidecar (recent samples) and, hours
 * later, its store gateway; with the sidecar path cut, or that Prometheus no longer ingesting, a
 * missing `up` or `thanos_compact_halted` says nothing about the compactor (docs/thanos.md,
 * "Where metrics cannot arrive"). Only the Kubernetes inside view, when it is
 * configured and its pods could be read, can say more.
 */

export function metricsNotArrivingFinding(
  path: MetricsPath,
  pods: PodHealth[] | null | undefined,
): Finding {
  if (path.ingestionStoppedAt !== undefined) {
    return {
      id: 'compactor.metrics-not-arriving',
      severity: 'info',
      title: 'Compactor metrics stopped arriving with the ingestion',
      detail: `The compactor's metrics are scraped by this cluster's Prometheus and reach the observer only through it and its sidecar, and ${
        path.reason ?? 'that Prometheus stopped ingesting'
      }. So a missing up{job=~".*thanos-compact.*"} or thanos_compact_halted here says nothing about the compactor: neither "down" nor "healthy" can be told from the observer until that Prometheus ingests again.`,
      hint: insideViewHint(
        pods,
        "Get the cluster's Prometheus ingesting again first (see the sidecar's findings).",
        "the compactor's own /metrics (kubectl -n monitoring port-forward to its pod, port 10902: thanos_compact_halted), or the cluster's Prometheus once it ingests again",
      ),
      source: 'thanos-query',
    };
  }
  const reason = path.reason ?? "the sidecar path's state could not be judged";
  const cut = path.state === 'cut';
  return {
    id: 'compactor.metrics-not-arriving',
    severity: 'info',
    title: cut
      ? 'Compactor metrics cannot reach the observer'
      : 'Whether compactor metrics reach the observer is unknown',
    detail: `The compactor's metrics reach the observer's Thanos Query only through this cluster's sidecar (and hours later its store gateway), and ${
      cut ? 'that path is cut' : 'that path could not be judged'
    }: ${reason}. So a missing up{job=~".*thanos-compact.*"} or thanos_compact_halted here says nothing about the compactor; neither "down" nor "healthy" can be told from the observer.`,
    hint: insideViewHint(
      pods,
      "Fix the sidecar path first (see the sidecar's findings).",
      'the cluster\'s own Prometheus (up{job=~".*thanos-compact.*"}, thanos_compact_halted)',
    ),
    source: 'thanos-query',
  };
}

function insideViewHint(
  pods: PodHealth[] | null | undefined,
  first: string,
  own: string,
): string {
  if (pods === undefined) {
    return `${first} Meanwhile the compactor can be seen from inside the cluster: add the thanos.io/kubernetes-cluster annotation for the Kubernetes inside view, or ask ${own}.`;
  }
  if (pods === null) {
    return `${first} The Kubernetes inside view is configured but the compactor pods could not be read (see errors); ${own} can tell meanwhile.`;
  }
  return `${first} The state above comes from the compactor pods in Kubernetes; a halt shows only in thanos_compact_halted, which ${own} still has.`;
}

/** Why the compactor's metrics are missing, as its summary says it. */
export function notArrivingPhrase(path: MetricsPath): string {
  return path.ingestionStoppedAt !== undefined
    ? 'its metrics stopped arriving with the ingestion'
    : 'its metrics cannot reach the observer';
}

/** What the inside view says about a compactor whose metrics cannot arrive. */
export function stateFromPods(
  pods: PodHealth[] | null | undefined,
  path: MetricsPath,
): {
  state: HealthState;
  summary: string;
} {
  const why = notArrivingPhrase(path);
  const unread = `Unknown: ${why}`;
  if (pods === undefined) return { state: 'unknown', summary: unread };
  if (pods === null) {
    return {
      state: 'unknown',
      summary: `${unread}, and its pods could not be read`,
    };
  }
  if (pods.length === 0) {
    return {
      state: 'error',
      summary: `No compactor pod runs (Kubernetes); ${why}`,
    };
  }
  const ready = pods.filter(pod => pod.ready).length;
  const counted = `${ready}/${pods.length} pod${
    pods.length === 1 ? '' : 's'
  } ready`;
  if (pods.some(isCrashLooping)) {
    return {
      state: 'error',
      summary: `Crash-looping (Kubernetes: ${counted}); ${why}`,
    };
  }
  if (ready < pods.length) {
    return {
      state: 'warning',
      summary: `Not ready (Kubernetes: ${counted}); ${why}`,
    };
  }
  // Ready pods do not prove it works: a halted compactor stays ready, and halting shows only in
  // the metrics that cannot arrive. So the state stays unknown, with what is known said.
  return {
    state: 'unknown',
    summary: `Running (Kubernetes: ${counted}); ${why}, so a halt would not show`,
  };
}
