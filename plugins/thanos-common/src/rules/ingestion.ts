import type { Finding, MetricsPath, SidecarEvidence } from '../types';
import { MINUTE_MS, describeDuration } from './durations';

/**
 * A cluster whose Prometheus stopped ingesting, judged from what can still reach the observer
 * (docs/thanos.md, "When ingestion stops"). Every series that Prometheus scrapes (its own, the
 * sidecar's, the compactor's) ends at the last sample it appended, so once Prometheus' lookback
 * has passed, instant queries return nothing for any of them, while every hop still answers and
 * the sidecar keeps advertising an unbounded maxTime. What still arrives is the past: the batched
 * query reads the highest `prometheus_tsdb_head_max_time` of the last 24 hours, which is the
 * newest sample the cluster's Prometheus holds.
 */

/** Prometheus' default lookback delta: an instant query sees no sample older than this. */
export const LOOKBACK_MS = 5 * MINUTE_MS;
/** Prometheus scrapes every 30s or faster: a head that has not advanced for 15 min has stalled. */
export const INGESTION_STALLED_MS = 15 * MINUTE_MS;

type SidecarMetrics = SidecarEvidence['metrics'];

/**
 * When the cluster's Prometheus stopped ingesting: its newest sample, once that is older than the
 * lookback (instant queries then miss every series it scrapes); null while it ingests or when
 * unknown.
 */
export function ingestionStoppedAt(
  metrics: SidecarMetrics | null,
  now: number,
): number | null {
  const newest = metrics?.newestSampleTime ?? null;
  return newest !== null && now - newest > LOOKBACK_MS ? newest : null;
}

/** The metrics path of a cluster whose sidecar answers but whose Prometheus stopped ingesting. */
export function ingestionStoppedPath(
  stoppedAt: number,
  now: number,
): MetricsPath {
  return {
    state: 'cut',
    reason: `the cluster's Prometheus stopped ingesting: its newest sample is from ${new Date(
      stoppedAt,
    ).toISOString()}, ${describeDuration(
      now - stoppedAt,
    )} ago, and every series it scrapes ends there`,
    ingestionStoppedAt: stoppedAt,
  };
}

/**
 * The data finding of a cluster whose Prometheus stopped ingesting: a warning once the head has
 * not advanced for `INGESTION_STALLED_MS`, before that a note that explains why the cluster's
 * metrics are not judged.
 */
export function ingestionStoppedFinding(
  stoppedAt: number,
  now: number,
  selector: string,
): Finding {
  const age = now - stoppedAt;
  const stalled = age > INGESTION_STALLED_MS;
  return {
    id: 'sidecar.ingestion-stalled',
    severity: stalled ? 'warning' : 'info',
    title: stalled
      ? `Data stopped advancing ${describeDuration(age)} ago`
      : `No new sample for ${describeDuration(age)}`,
    detail: `The newest sample of the cluster's Prometheus is from ${new Date(
      stoppedAt,
    ).toISOString()} (the highest prometheus_tsdb_head_max_time for ${selector} over the last 24 hours). Every hop to the sidecar answers, and a live sidecar always advertises no upper time limit (maxTime) in /api/v1/stores, so queries succeed but return nothing newer. The cluster's own series, its compactor's and its sidecar's included, stopped at the same moment: instant queries no longer find them.`,
    hint: "Check why Prometheus in the observee stopped appending samples: its log (TSDB or WAL write errors), a full volume (PVC at 100%), a process stuck at its memory or CPU limit, and prometheus_tsdb_head_samples_appended_total on its own /metrics. Until it ingests again, the observer sees none of the cluster's new data.",
    source: 'promql',
    hop: 'sidecar',
  };
}
