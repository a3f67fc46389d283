import {
  judgeCompactor,
  judgeSidecar,
  parseExternalLabels,
} from '@thanos-backstage/plugin-thanos-common';
import type {
  ClusterStatus,
  CompactorObservation,
  KubernetesView,
  PodHealth,
  SidecarObservation,
  StoreEndpoint,
} from '@thanos-backstage/plugin-thanos-common';

/**
 * `ClusterStatus` answers exactly as the backend emits them for `GET /api/thanos/v1/entities/…/status`:
 * the sidecar and compactor parts are produced by the same pure rules the backend runs
 * (`judgeSidecar`, `judgeCompactor` from thanos-common), fed with observations whose store entries
 * follow Thanos v0.42's `/api/v1/stores` (`EndpointStatus` in `pkg/query/endpointset.go`, after the
 * backend's normalisation: group key as `type`, int64 sentinels as null) and whose errors are
 * Thanos' own `lastError` strings. The envelope (`entityRef`, `instance`, `checkedAt`, `errors[]`,
 * `kubernetes`) is the `ClusterStatus` of thanos-common. Names, addresses and times are
 * illustrative.
 */

const NOW = Date.parse('2026-11-24T10:00:00Z');
const CHECKED_AT = new Date(NOW).toISOString();

const OBSERVEE_LABELS = {
  cluster: 'pio-thanos-observee',
  prometheus: 'monitoring/kube-prometheus-stack-prometheus',
  prometheus_replica: 'prometheus-kube-prometheus-stack-prometheus-0',
};

const centralTlsQuerier: StoreEndpoint = {
  name: '10.0.102.57:10901',
  type: 'query',
  lastCheck: '2026-11-24T09:59:58.413090112Z',
  lastError: null,
  labelSets: [OBSERVEE_LABELS],
  minTime: NOW - 2 * 86_400_000,
  maxTime: null,
};

/** The TLS querier after its remote sidecar went away: healthy, but with no labels and no data. */
const centralEmptyTlsQuerier: StoreEndpoint = {
  ...centralTlsQuerier,
  labelSets: [],
  minTime: null,
  maxTime: null,
};

const centralStoreGateway: StoreEndpoint = {
  name: '10.0.101.140:10901',
  type: 'store',
  lastCheck: '2026-11-24T09:59:58.413512208Z',
  lastError: null,
  labelSets: [OBSERVEE_LABELS],
  minTime: NOW - 90 * 86_400_000,
  maxTime: NOW - 2 * 3_600_000,
};

const tlsQuerierSidecar: StoreEndpoint = {
  name: 'thanos-sidecar.pio-thanos-observee.example.com:443',
  type: 'sidecar',
  lastCheck: '2026-11-24T09:59:57.660912005Z',
  lastError: null,
  labelSets: [OBSERVEE_LABELS],
  minTime: NOW - 2 * 86_400_000,
  maxTime: null,
};

/** grpc-go's message when the sidecar ingress does not trust the observer's client CA chain. */
const UNKNOWN_AUTHORITY_ERROR =
  'rpc error: code = DeadlineExceeded desc = latest balancer error: connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"';

const sidecarObservation: SidecarObservation = {
  now: NOW,
  externalLabels: parseExternalLabels('cluster=pio-thanos-observee'),
  observeeKey: 'observee',
  central: {
    ok: true,
    endpoints: [centralTlsQuerier, centralStoreGateway],
  },
  tlsQuerier: { ok: true, endpoints: [tlsQuerierSidecar] },
  expectedSidecarAddress: tlsQuerierSidecar.name,
  metrics: {
    prometheusUp: 1,
    shipperUploadFailures: 0,
    lastSuccessfulUploadTime: NOW / 1000 - 30 * 60,
  },
};

/** kube-thanos runs the compactor as a one-replica StatefulSet. */
const compactorPod: PodHealth = {
  name: 'thanos-compactor-0',
  namespace: 'monitoring',
  ready: true,
  phase: 'Running',
  restarts: 0,
  image: 'quay.io/thanos/thanos:v0.42.4',
};

const compactorObservation: CompactorObservation = {
  now: NOW,
  metrics: {
    halted: false,
    instancesUp: 1,
    lastSuccessfulRunTime: NOW / 1000 - 12 * 60,
    backlog: {
      todoCompactions: 0,
      todoCompactionBlocks: 0,
      todoDownsampleBlocks: 0,
      todoDeletionBlocks: 0,
    },
    compactionFailurePercent: 0,
    bucketOperationFailurePercent: 0,
    downsampleFailures: 0,
    blocksByResolution: [
      { resolution: '0', count: 48 },
      { resolution: '5m', count: 12 },
      { resolution: '1h', count: 3 },
    ],
  },
  retention: { raw: '30d', fiveMinutes: '90d', oneHour: '1y' },
  version: '0.42.4',
  pods: [compactorPod],
  workloadsForBucket: 1,
};

function clusterStatus(
  sidecar: SidecarObservation,
  compactor: CompactorObservation,
  rest: Partial<ClusterStatus> = {},
): ClusterStatus {
  // As the backend does: the sidecar's judgement says whether the compactor's metrics can arrive.
  const judgedSidecar = judgeSidecar(sidecar);
  return {
    entityRef: 'resource:default/pio-thanos-observee',
    instance: 'observer',
    observeeKey: 'observee',
    externalLabels: sidecar.externalLabels,
    checkedAt: CHECKED_AT,
    sidecar: judgedSidecar,
    compactor: judgeCompactor({
      ...compactor,
      metricsPath: judgedSidecar.evidence.metricsPath,
    }),
    errors: [],
    ...rest,
  };
}

/** Everything answers: central query → TLS querier → sidecar, compactor running. */
export const healthyStatus: ClusterStatus = clusterStatus(
  sidecarObservation,
  compactorObservation,
);

/**
 * The observee's sidecar ingress rejects the TLS querier: the central query still lists the TLS
 * querier as healthy but empty, and the TLS querier's own `/api/v1/stores` shows the x509 error.
 */
export const sidecarTlsFailureStatus: ClusterStatus = clusterStatus(
  {
    ...sidecarObservation,
    central: {
      ok: true,
      endpoints: [centralEmptyTlsQuerier, centralStoreGateway],
    },
    tlsQuerier: {
      ok: true,
      endpoints: [
        {
          ...tlsQuerierSidecar,
          lastError: UNKNOWN_AUTHORITY_ERROR,
          lastCheck: new Date(NOW - 3 * 60_000).toISOString(),
        },
      ],
    },
  },
  compactorObservation,
);

/** `thanos_compact_halted` is 1 while the pod still reports ready. */
export const compactorHaltedStatus: ClusterStatus = clusterStatus(
  sidecarObservation,
  {
    ...compactorObservation,
    metrics: {
      ...compactorObservation.metrics!,
      halted: true,
      lastSuccessfulRunTime: NOW / 1000 - 30 * 3600,
      backlog: {
        todoCompactions: 140,
        todoCompactionBlocks: 560,
        todoDownsampleBlocks: 20,
        todoDeletionBlocks: 0,
      },
    },
  },
);

/** PromQL could not be read (the backend reports it in `errors[]`); the stores still were. */
export const partialErrorStatus: ClusterStatus = clusterStatus(
  { ...sidecarObservation, metrics: null },
  { ...compactorObservation, metrics: null },
  {
    errors: [
      {
        source: 'promql',
        target: 'observer',
        message:
          'PromQL query to instance "observer" timed out after 10s; sidecar and compactor metrics are missing',
        status: 504,
      },
      {
        source: 'kubernetes',
        target: 'pio-thanos-observee',
        message:
          'Kubernetes cluster "pio-thanos-observee" answered 403 Forbidden: the service account cannot list pods in monitoring',
        status: 403,
      },
    ],
  },
);

/** The inside view as the backend reads it with @kubernetes/client-node. */
export const kubernetesView: KubernetesView = {
  cluster: 'pio-thanos-observee',
  compactor: {
    workloads: [
      {
        kind: 'StatefulSet',
        name: 'thanos-compactor',
        namespace: 'monitoring',
        replicas: 1,
        readyReplicas: 1,
        bucket: 'thanos-store-pio-prod-observee',
        args: ['compact', '--wait', '--retention.resolution-raw=30d'],
      },
    ],
    pods: [compactorPod],
  },
  sidecar: null,
  ingress: {
    name: 'kube-prometheus-stack-thanos-gateway',
    namespace: 'monitoring',
    hosts: ['thanos-sidecar.pio-thanos-observee.example.com'],
    tlsHosts: ['thanos-sidecar.pio-thanos-observee.example.com'],
    backendProtocol: 'GRPC',
    verifyClient: 'on',
    clientCaSecret: 'monitoring/thanos-ca',
    clientCaSecretExists: false,
    clientCaSecretKeys: null,
  },
};

/** The same cluster with the compactor crash-looping, as Kubernetes shows it. */
export const crashLoopingPod: PodHealth = {
  ...compactorPod,
  ready: false,
  restarts: 14,
  waitingReason: 'CrashLoopBackOff',
  lastTerminationReason: 'Error',
  lastTerminationExitCode: 1,
};

/** A fleet of three observees, one per state, as `GET /api/thanos/v1/fleet` returns them. */
export const fleet: ClusterStatus[] = [
  healthyStatus,
  {
    ...sidecarTlsFailureStatus,
    entityRef: 'resource:default/pio-thanos-observee-paris',
    observeeKey: 'observee-paris',
  },
  {
    ...compactorHaltedStatus,
    entityRef: 'resource:default/pio-thanos-observee-frankfurt',
    observeeKey: 'observee-frankfurt',
  },
];
