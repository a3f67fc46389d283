import { describePodHealth } from './podHealthText';
import type {
  Finding,
  MetricsPath,
  PodHealth,
  SidecarEvidence,
} from '../types';
import { HOUR_MS, describeDuration } from './durations';
import { alertFires, differsNote, mirroredAlert } from './mirroredAlerts';
import { formatPromQLNumber } from './promqlValues';

/**
 * Findings about the sidecar itself rather than the path to it: its metrics (read with PromQL
 * through the central query) and its container (read from Kubernetes). The metrics travel through
 * the very path they would describe, so while it is cut they are not judged; the mirrored alerts
 * fire only when their condition held for the whole `for:` window (`MIRRORED_ALERTS`).
 */

type SidecarMetrics = SidecarEvidence['metrics'];

/** Whether a mirrored alert fires: over its window when steps were read, else from the instant. */
function fires(metrics: SidecarMetrics, alert: string, instant: boolean) {
  if (!metrics.alertSteps) return instant;
  return alertFires(mirroredAlert(alert), metrics.alertSteps[alert]);
}

export function metricsNotArrivingFinding(path: MetricsPath): Finding {
  const scraped =
    'thanos_sidecar_prometheus_up, the bucket and shipper counters and up{job=~".*thanos-sidecar.*"}';
  if (path.ingestionStoppedAt !== undefined) {
    return {
      id: 'sidecar.metrics-not-arriving',
      severity: 'info',
      title: "Sidecar's own metrics stopped arriving with the ingestion",
      detail: `${scraped} are scraped by the cluster's Prometheus, and ${
        path.reason ?? 'that Prometheus stopped ingesting'
      }. So they are not judged: their absence says nothing about the sidecar, which itself answers the observer (see the hops).`,
      hint: "Get the cluster's Prometheus ingesting again first. Meanwhile the Kubernetes inside view (thanos.io/kubernetes-cluster annotation) shows the sidecar container, and the sidecar's own /metrics (port 10902 of the Prometheus pod) has these values.",
      source: 'thanos-query',
      hop: 'sidecar',
    };
  }
  return {
    id: 'sidecar.metrics-not-arriving',
    severity: 'info',
    title: "Sidecar's own metrics cannot reach the observer",
    detail: `${scraped} reach the observer only through this sidecar, and the path to it is cut: ${
      path.reason ?? 'see the other findings'
    }. They are not judged until it works again; values the store gateway serves from uploaded blocks are hours old.`,
    hint: "Fix the path first. Meanwhile the Kubernetes inside view (thanos.io/kubernetes-cluster annotation) shows the sidecar container, and the cluster's own Prometheus has its metrics.",
    source: 'thanos-query',
    hop: 'sidecar',
  };
}

/** Prometheus cuts a block every 2h and the sidecar ships it at once; two missed blocks = overdue. */
export const UPLOAD_OVERDUE_MS = 4 * HOUR_MS;

/** What each check of the sidecar's metrics reads. */
interface SignalInput {
  metrics: SidecarMetrics;
  now: number;
  path: MetricsPath;
}

/** One signal of the sidecar's metrics: its finding, or undefined while the signal is fine. */
type SidecarCheck = (input: SignalInput) => Finding | undefined;

const BUCKET_ALERT = 'ThanosSidecarBucketOperationsFailed';

/** The checks of the sidecar's metrics, in the order their findings are listed. */
const METRIC_CHECKS: SidecarCheck[] = [
  prometheusDown,
  notScraped,
  bucketOperationsFail,
  uploadFailures,
  uploadOverdue,
];

/**
 * The sidecar's own metrics; not judged while they cannot arrive (a cut path, or a Prometheus
 * that stopped ingesting: `ingestion.ts` judges that from the newest sample).
 */
export function sidecarMetricFindings(
  metrics: SidecarMetrics | null,
  now: number,
  path: MetricsPath = { state: 'arriving' },
): Finding[] {
  if (path.state === 'cut') return [metricsNotArrivingFinding(path)];
  if (metrics === null) return [metricsUnavailableFinding()];
  const input: SignalInput = { metrics, now, path };
  return METRIC_CHECKS.map(check => check(input)).filter(
    (finding): finding is Finding => finding !== undefined,
  );
}

function metricsUnavailableFinding(): Finding {
  return {
    id: 'sidecar.metrics-unavailable',
    severity: 'info',
    title: 'Sidecar metrics unavailable',
    detail:
      'The PromQL query for thanos_sidecar_prometheus_up, thanos_shipper_upload_failures_total and thanos_objstore_bucket_last_successful_upload_time could not be read, so the sidecar is judged from /api/v1/stores alone.',
    hint: 'See the errors of this status for why PromQL failed. These metrics reach the observer only through the sidecar itself, so they also vanish while the sidecar is unreachable.',
    source: 'promql',
    hop: 'sidecar',
  };
}

function prometheusDown({ metrics }: SignalInput): Finding | undefined {
  const noPrometheus = mirroredAlert(
    'ThanosSidecarNoConnectionToStartedPrometheus',
  );
  if (!fires(metrics, noPrometheus.alert, metrics.prometheusUp === 0)) {
    return undefined;
  }
  return {
    id: 'sidecar.prometheus-down',
    severity: 'error',
    title: 'Sidecar cannot reach its Prometheus',
    detail: `thanos_sidecar_prometheus_up is 0${
      metrics.alertSteps
        ? ' at every evaluation of the last 5 minutes, while Prometheus has finished replaying its WAL'
        : ''
    }: the sidecar\'s heartbeat to Prometheus (external labels and lowest timestamp) fails. While it lasts the sidecar reports "Not ready" to queriers.${differsNote(
      noPrometheus,
    )}`,
    hint: 'Check the Prometheus container in the same pod: is it running and ready? Then check the sidecar log for the failing call to Prometheus. A Prometheus still replaying its WAL after a restart does not count (prometheus_tsdb_data_replay_duration_seconds is 0 until it is done).',
    source: 'promql',
    alert: noPrometheus.alert,
    hop: 'sidecar',
  };
}

function notScraped({ metrics, path }: SignalInput): Finding | undefined {
  const down = mirroredAlert('ThanosSidecarIsDown');
  if (
    path.state !== 'arriving' ||
    !metrics.alertSteps ||
    !fires(metrics, down.alert, false)
  ) {
    return undefined;
  }
  return {
    id: down.findingId,
    severity: down.severity,
    title: "The cluster's Prometheus does not scrape its sidecar",
    detail: `No sidecar target of this cluster was up at any evaluation of the last 5 minutes (up{${'job=~".*thanos-sidecar.*|.*thanos-discovery.*"'}} == 1 is absent), so ${
      down.alert
    } fires in the cluster. Yet the observer reaches the sidecar, so it answers: what fails is its scrape.${differsNote(
      down,
    )}`,
    hint: "Check the sidecar's ServiceMonitor (kube-prometheus-stack prometheus.thanosServiceMonitor.enabled) and the target on the cluster Prometheus' Targets page; the sidecar's metrics port is 10902.",
    source: 'promql',
    alert: down.alert,
    hop: 'sidecar',
  };
}

function bucketOperationsFail({ metrics }: SignalInput): Finding | undefined {
  const bucket = mirroredAlert(BUCKET_ALERT);
  const rate = metrics.bucketOperationFailureRate ?? null;
  if (!fires(metrics, bucket.alert, rate !== null && rate > 0)) {
    return undefined;
  }
  return {
    id: bucket.findingId,
    severity: bucket.severity,
    title: 'Sidecar bucket operations fail',
    detail: `rate(thanos_objstore_bucket_operation_failures_total[5m]) of the sidecar ${
      rate === null ? 'is above 0' : `is ${formatRate(rate)}/s`
    }${
      metrics.alertSteps
        ? ', above 0 at every evaluation of the last 5 minutes'
        : ''
    }.${differsNote(bucket)}`,
    hint: "Read the sidecar log for the failing bucket operation. Usual causes: the Prometheus service account's IAM role (IRSA) lacks access to the cluster's thanos-store bucket, a wrong bucket or region in the objstore config, or a VPC endpoint policy that blocks S3.",
    source: 'promql',
    alert: bucket.alert,
    hop: 'sidecar',
  };
}

function uploadFailures({ metrics }: SignalInput): Finding | undefined {
  const failures = metrics.shipperUploadFailures;
  if (failures === null || !(failures > 0)) return undefined;
  return {
    id: 'sidecar.upload-failures',
    severity: 'warning',
    title: 'Sidecar fails to upload blocks to the bucket',
    detail: `thanos_shipper_upload_failures_total increased by ${formatCount(
      failures,
    )} over the last hour. No upstream alert reads this counter; ${
      mirroredAlert(BUCKET_ALERT).alert
    } covers every bucket operation over 5 minutes.`,
    hint: "Read the sidecar log for the upload error. Usual causes: the Prometheus service account's IAM role (IRSA) lacks write access to the cluster's thanos-store bucket, a wrong bucket or region in the objstore config, or a VPC endpoint policy that blocks S3.",
    source: 'promql',
    hop: 'sidecar',
  };
}

function uploadOverdue({ metrics, now }: SignalInput): Finding | undefined {
  const uploadedAtSeconds = metrics.lastSuccessfulUploadTime;
  if (uploadedAtSeconds === null) return undefined;
  const uploadedAt = uploadedAtSeconds * 1000;
  const never = uploadedAtSeconds === 0;
  if (!never && !(now - uploadedAt > UPLOAD_OVERDUE_MS)) return undefined;
  return {
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
  };
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

function formatRate(value: number): string {
  return formatPromQLNumber(value, finite =>
    finite >= 0.01 ? finite.toFixed(2) : finite.toPrecision(2),
  );
}

function formatCount(value: number): string {
  return formatPromQLNumber(value, finite =>
    Number.isInteger(finite) ? String(finite) : finite.toFixed(1),
  );
}
