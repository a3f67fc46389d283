import { describePodHealth } from './podHealthText';
import type { Finding, PodHealth, SidecarEvidence } from '../types';
import { HOUR_MS, MINUTE_MS, describeDuration } from './durations';

/**
 * Findings about the sidecar itself rather than the path to it: its metrics (read with PromQL
 * through the central query) and its container (read from Kubernetes).
 */

/** Prometheus cuts a block every 2h and the sidecar ships it at once; two missed blocks = overdue. */
export const UPLOAD_OVERDUE_MS = 4 * HOUR_MS;
/** Prometheus scrapes every 30s or faster: a head that has not advanced for 15 min has stalled. */
export const INGESTION_STALLED_MS = 15 * MINUTE_MS;

export function sidecarMetricFindings(
  metrics: SidecarEvidence['metrics'] | null,
  now: number,
): Finding[] {
  if (metrics === null) {
    return [
      {
        id: 'sidecar.metrics-unavailable',
        severity: 'info',
        title: 'Sidecar metrics unavailable',
        detail:
          'The PromQL query for thanos_sidecar_prometheus_up, thanos_shipper_upload_failures_total and thanos_objstore_bucket_last_successful_upload_time could not be read, so the sidecar is judged from /api/v1/stores alone.',
        hint: 'See the errors of this status for why PromQL failed. These metrics reach the observer only through the sidecar itself, so they also vanish while the sidecar is unreachable.',
        source: 'promql',
        hop: 'sidecar',
      },
    ];
  }

  const findings: Finding[] = [];
  if (metrics.prometheusUp === 0) {
    findings.push({
      id: 'sidecar.prometheus-down',
      severity: 'error',
      title: 'Sidecar cannot reach its Prometheus',
      detail:
        'thanos_sidecar_prometheus_up is 0: the sidecar\'s last heartbeat to Prometheus (external labels and lowest timestamp) failed. While it lasts the sidecar reports "Not ready" to queriers.',
      hint: 'Check the Prometheus container in the same pod: is it running and ready? After a restart, WAL replay can take minutes (the upstream alert waits for prometheus_tsdb_data_replay_duration_seconds). Then check the sidecar log for the failing call to Prometheus.',
      source: 'promql',
      alert: 'ThanosSidecarNoConnectionToStartedPrometheus',
      hop: 'sidecar',
    });
  }
  if (
    metrics.shipperUploadFailures !== null &&
    metrics.shipperUploadFailures > 0
  ) {
    findings.push({
      id: 'sidecar.upload-failures',
      severity: 'warning',
      title: 'Sidecar fails to upload blocks to the bucket',
      detail: `thanos_shipper_upload_failures_total increased by ${formatCount(
        metrics.shipperUploadFailures,
      )} over the last hour.`,
      hint: "Read the sidecar log for the upload error. Usual causes: the Prometheus service account's IAM role (IRSA) lacks write access to the cluster's thanos-store bucket, a wrong bucket or region in the objstore config, or a VPC endpoint policy that blocks S3.",
      source: 'promql',
      alert: 'ThanosSidecarBucketOperationsFailed',
      hop: 'sidecar',
    });
  }
  const newestSample = metrics.newestSampleTime ?? null;
  if (newestSample !== null && now - newestSample > INGESTION_STALLED_MS) {
    findings.push({
      id: 'sidecar.ingestion-stalled',
      severity: 'warning',
      title: `Data stopped advancing ${describeDuration(
        now - newestSample,
      )} ago`,
      detail: `prometheus_tsdb_head_max_time of the cluster's Prometheus is ${new Date(
        newestSample,
      ).toISOString()}. The sidecar still answers and reports no upper time limit (a live sidecar always does), so queries succeed but return nothing newer than that.`,
      hint: 'Check that Prometheus in the observee is scraping: its targets page, the prometheus_target_scrapes_* and prometheus_tsdb_head_samples_appended_total metrics, remote storage full (retentionSize reached, PVC at 100%), or a paused Prometheus (replicas 0, paused: true in the Prometheus resource).',
      source: 'promql',
      hop: 'sidecar',
    });
  }
  if (metrics.lastSuccessfulUploadTime !== null) {
    const uploadedAt = metrics.lastSuccessfulUploadTime * 1000;
    if (
      metrics.lastSuccessfulUploadTime === 0 ||
      now - uploadedAt > UPLOAD_OVERDUE_MS
    ) {
      const never = metrics.lastSuccessfulUploadTime === 0;
      findings.push({
        id: 'sidecar.upload-overdue',
        severity: 'warning',
        title: never
          ? 'No block uploaded since the sidecar started'
          : `No block uploaded for ${describeDuration(now - uploadedAt)}`,
        detail: never
          ? 'thanos_objstore_bucket_last_successful_upload_time is 0: nothing was uploaded since the sidecar process started. That is expected only during the first 2 hours after a restart.'
          : `thanos_objstore_bucket_last_successful_upload_time is ${new Date(
              uploadedAt,
            ).toISOString()}, ${describeDuration(
              now - uploadedAt,
            )} ago; Prometheus cuts a block every 2 hours.`,
        hint: 'Check for upload failures, that the sidecar runs with an objstore config (kube-prometheus-stack thanos objectStorageConfig), and that Prometheus keeps 2h blocks (min and max block duration 2h), without which the sidecar has nothing to ship.',
        source: 'promql',
        hop: 'sidecar',
      });
    }
  }
  return findings;
}

export function sidecarContainerFindings(
  container: PodHealth | null | undefined,
): Finding[] {
  if (!container || container.ready) return [];
  return [
    {
      id: 'sidecar.container-not-ready',
      severity: 'error',
      title: 'Sidecar container is not ready',
      detail: `${container.namespace}/${container.name}: ${describePodHealth(
        container,
        { readiness: false },
      )}.`,
      hint: `Read its log: kubectl -n ${container.namespace} logs ${
        container.name
      } -c thanos-sidecar${
        container.restarts > 0 ? ' --previous' : ''
      }. The sidecar is ready only once it reaches Prometheus and has loaded its external labels.`,
      source: 'kubernetes',
      hop: 'sidecar',
    },
  ];
}

function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
