/**
 * Types that cross the wire between the Thanos backend and frontend plugins (docs/architecture.md,
 * "ClusterStatus").
 * Everything here is plain JSON: no classes, no Dates (timestamps are ISO-8601 strings or
 * epoch milliseconds, as named).
 */

/** Overall judgement of one aspect of a cluster. @public */
export type HealthState = 'ok' | 'warning' | 'error' | 'unknown';

/** @public */
export type FindingSeverity = 'info' | 'warning' | 'error';

/** Where a fact came from. @public */
export type EvidenceSource =
  | 'thanos-query'
  | 'tls-querier'
  | 'promql'
  | 'kubernetes'
  | 'catalog'
  | 'config';

/**
 * PromQL's non-finite sample values, spelled as the Prometheus HTTP API spells them. They are
 * values, not missing data: a failure ratio is `+Inf` when every operation fails.
 *
 * @public
 */
export type PromQLSpecialValue = '+Inf' | '-Inf' | 'NaN';

/**
 * Whether the cluster's own metrics (sidecar, compactor) can reach the observer's Thanos Query.
 * They travel only through the cluster's sidecar (recent samples) and, hours later, its store
 * gateway: while the sidecar path is cut, their absence says nothing about the components.
 *
 * @public
 */
export interface MetricsPath {
  /**
   * `arriving`: a live path to the sidecar exists and recent samples come through it; `cut`: they
   * cannot arrive (the path fails, or the cluster's Prometheus stopped ingesting); `unknown`: not
   * judged.
   */
  state: 'arriving' | 'cut' | 'unknown';
  /** One line on why the metrics cannot arrive or it could not be judged. */
  reason?: string;
  /**
   * Set when the path to the sidecar works but the cluster's Prometheus stopped ingesting: the
   * newest sample it holds, epoch ms. Every series it scrapes ends there.
   */
  ingestionStoppedAt?: number;
}

/** The three hops between the observer's central query and an observee's sidecar. @public */
export type HopId = 'central-query' | 'tls-querier' | 'sidecar';

/** One explained observation, with what to do about it. @public */
export interface Finding {
  /** Stable identifier of the rule that produced it, e.g. `sidecar.endpoint-error`. */
  id: string;
  severity: FindingSeverity;
  /** One line, e.g. "Sidecar rejects the observer's client certificate". */
  title: string;
  /** What was seen, with the raw evidence (error text, values). */
  detail: string;
  /** What to do about it. */
  hint: string;
  source: EvidenceSource;
  /** The upstream thanos-mixin alert this finding mirrors, when there is one. */
  alert?: string;
  /** The hop this finding is about, for sidecar findings. */
  hop?: HopId;
}

/** A label matcher as in PromQL: `cluster="a"`, `env=~"prod|stg"`. @public */
export interface LabelMatcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/**
 * One entry of Thanos Query's `/api/v1/stores`, normalised across Thanos versions.
 * `minTime`/`maxTime` are epoch milliseconds; `null` means the int64 sentinel
 * ("no limit": a live sidecar's maxTime, or an empty querier's range).
 *
 * @public
 */
export interface StoreEndpoint {
  /** Address the querier dials (`host:port`, or a pod `IP:port` under DNS discovery). */
  name: string;
  /** Group key of `/api/v1/stores`: `sidecar`, `store`, `query`, `rule`, `receive`, … */
  type: string;
  /** RFC 3339 time of the last successful health check, or null if unknown. */
  lastCheck: string | null;
  /** Raw error of the last health check, null when healthy. */
  lastError: string | null;
  labelSets: Array<Record<string, string>>;
  minTime: number | null;
  maxTime: number | null;
}

/** One hop of the path central query → TLS querier → sidecar. @public */
export interface Hop {
  id: HopId;
  /** Human name, e.g. "Central Thanos Query", "TLS querier thanos-tls-querier-observee". */
  label: string;
  state: HealthState;
  summary: string;
  /** The store entry that represents this hop, where one was found. */
  endpoint?: StoreEndpoint;
}

/** @public */
export interface SidecarEvidence {
  hops: Hop[];
  /** Entries of the central query's `/api/v1/stores` that belong to this cluster. */
  centralEndpoints: StoreEndpoint[];
  /** Entries of the observee TLS querier's own `/api/v1/stores` (null when not read). */
  tlsQuerierEndpoints: StoreEndpoint[] | null;
  metrics: {
    /** `thanos_sidecar_prometheus_up` (min over the cluster's sidecars). */
    prometheusUp: number | null;
    /** Increase of `thanos_shipper_upload_failures_total` over 1h. */
    shipperUploadFailures: number | null;
    /** `thanos_objstore_bucket_last_successful_upload_time` of the sidecar, epoch seconds. */
    lastSuccessfulUploadTime: number | null;
    /**
     * Newest sample in the cluster's Prometheus head: the highest `prometheus_tsdb_head_max_time`
     * of the last 24 hours, epoch ms. Read over a range because the series itself stops when
     * ingestion does; a live sidecar always reports an unbounded maxTime, so this is what shows
     * ingestion stopping.
     */
    newestSampleTime?: number | null;
    /**
     * Rate of failed bucket operations of the sidecar over 5m (per second), as
     * `ThanosSidecarBucketOperationsFailed` reads it.
     */
    bucketOperationFailureRate?: number | null;
    /**
     * Evaluation steps (one a minute) of the last `for:` window at which a mirrored alert's
     * condition held, by alert name (see `MIRRORED_ALERTS`); the alert fires when it held at every
     * step. Absent when the query did not answer for it.
     */
    alertSteps?: Partial<Record<string, number>>;
  };
  /** Whether the cluster's metrics can reach the observer (judged from the path above). */
  metricsPath?: MetricsPath;
  /** Newest sample time the cluster's data reaches, epoch ms (null = live / no limit). */
  dataMaxTime: number | null;
  /** Oldest sample time, epoch ms. */
  dataMinTime: number | null;
}

/** @public */
export interface SidecarStatus {
  state: HealthState;
  summary: string;
  findings: Finding[];
  evidence: SidecarEvidence;
}

/** Retention per resolution as the compactor flags say, e.g. `30d`; `0d` keeps forever. @public */
export interface CompactorRetention {
  raw: string | null;
  fiveMinutes: string | null;
  oneHour: string | null;
}

/** @public */
export interface CompactorBacklog {
  todoCompactions: number | null;
  todoCompactionBlocks: number | null;
  todoDownsampleBlocks: number | null;
  todoDeletionBlocks: number | null;
}

/** Health of one pod or container as read from Kubernetes. @public */
export interface PodHealth {
  name: string;
  namespace: string;
  ready: boolean;
  phase: string;
  restarts: number;
  /** e.g. `CrashLoopBackOff` */
  waitingReason?: string;
  lastTerminationReason?: string;
  lastTerminationExitCode?: number;
  image?: string;
}

/** @public */
export interface CompactorEvidence {
  /** `thanos_compact_halted`, null when the metric could not be read. */
  halted: boolean | null;
  /** Number of compactor targets up for the cluster (`up{job=~".*thanos-compact.*"}`). */
  instancesUp: number | null;
  /** Last successful upload of a compacted block, epoch seconds. */
  lastSuccessfulRunTime: number | null;
  backlog: CompactorBacklog;
  /** Failed / total compactions over 5m, in percent. */
  compactionFailurePercent: number | null;
  /** Failed / total bucket operations over 5m, in percent. */
  bucketOperationFailurePercent: number | null;
  /** Downsample failures over 1h. */
  downsampleFailures: number | null;
  /** Compactor blocks per resolution over time, for the chart. */
  blocksByResolution?: Array<{ resolution: '0' | '5m' | '1h'; count: number }>;
  retention: CompactorRetention | null;
  version: string | null;
  /** Compactor pods from Kubernetes; null when not read (not configured, or the read failed). */
  pods: PodHealth[] | null;
  /**
   * Evaluation steps (one a minute) of the last `for:` window at which a mirrored alert's
   * condition held, by alert name (see `MIRRORED_ALERTS`).
   */
  alertSteps?: Partial<Record<string, number>>;
  /**
   * Metrics whose PromQL value is `+Inf`, `-Inf` or `NaN`, by evidence field name; the field
   * itself is null then, since JSON has no such numbers.
   */
  specialValues?: Partial<
    Record<
      'compactionFailurePercent' | 'bucketOperationFailurePercent',
      PromQLSpecialValue
    >
  >;
  /** Whether the cluster's metrics can reach the observer at all (from the sidecar's path). */
  metricsPath?: MetricsPath;
}

/** @public */
export interface CompactorStatus {
  state: HealthState;
  summary: string;
  findings: Finding[];
  evidence: CompactorEvidence;
}

/** The inside view of a cluster read through the Kubernetes API (absent when not configured). @public */
export interface KubernetesView {
  cluster: string;
  compactor: {
    workloads: Array<{
      kind: 'Deployment' | 'StatefulSet';
      name: string;
      namespace: string;
      replicas: number;
      readyReplicas: number;
      bucket: string | null;
      args: string[];
      /** Container image of the compactor, e.g. `docker.io/bitnami/thanos:0.38.0-debian-12-r3`. */
      image?: string;
      /** Thanos version read from the image tag, e.g. `0.38.0`. */
      version?: string | null;
      /** Retention per resolution from the `--retention.resolution-*` flags (null = flag absent). */
      retention?: CompactorRetention;
      /** `--downsampling.disable` is set. */
      downsamplingDisabled?: boolean;
      /**
       * `<namespace>/<name>` of the Secret mounted for `--objstore.config-file` (the bitnami chart's
       * layout). Two compactors mounting the same objstore Secret write to the same bucket.
       */
      objstoreSecret?: string | null;
    }>;
    pods: PodHealth[];
    /** False when the pods could not be read: `pods` is then empty and means nothing. */
    podsRead?: boolean;
  } | null;
  sidecar: { container: PodHealth | null; pods: PodHealth[] } | null;
  ingress: {
    name: string;
    namespace: string;
    hosts: string[];
    tlsHosts: string[];
    backendProtocol: string | null;
    verifyClient: string | null;
    clientCaSecret: string | null;
    clientCaSecretExists: boolean | null;
    clientCaSecretKeys: string[] | null;
  } | null;
}

/** A source that could not be read. Never carries credentials. @public */
export interface SourceError {
  source: EvidenceSource;
  /** Which endpoint or cluster, by configured name (never a URL with credentials). */
  target: string;
  message: string;
  /** HTTP status when there was one. */
  status?: number;
  /** The resource that could not be read, e.g. `secrets monitoring/thanos-ca` (Kubernetes sources). */
  resource?: string;
  /**
   * Every resource this one cause affected, when it failed several reads alike (an unreachable
   * API server fails them all): the cause is then reported once.
   */
  resources?: string[];
}

/** Answer of `GET /api/thanos/v1/entities/:namespace/:kind/:name/status`. @public */
export interface ClusterStatus {
  entityRef: string;
  instance: string;
  observeeKey: string;
  /** The entity's `thanos.io/external-labels`, parsed. */
  externalLabels: LabelMatcher[];
  /** RFC 3339 time the upstream facts were read (may be older than the request when cached). */
  checkedAt: string;
  sidecar: SidecarStatus;
  compactor: CompactorStatus;
  kubernetes?: KubernetesView;
  errors: SourceError[];
}

/** One entry of `GET /api/thanos/v1/instances`. @public */
export interface ThanosInstanceSummary {
  name: string;
  reachable: boolean;
  /** Thanos version from `/api/v1/status/buildinfo` when readable. */
  version: string | null;
  checkedAt: string;
  error?: string;
}
