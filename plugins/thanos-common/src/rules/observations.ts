import type {
  CompactorEvidence,
  LabelMatcher,
  MetricsPath,
  PodHealth,
  SidecarEvidence,
  StoreEndpoint,
} from '../types';

/**
 * Inputs of the pure status rules. The backend gathers these from Thanos Query, PromQL and
 * Kubernetes; the rules turn them into states, summaries and findings without any I/O.
 */

/** The result of reading one `/api/v1/stores`: the entries, or why they could not be read. @public */
export type StoresRead =
  | { ok: true; endpoints: StoreEndpoint[] }
  | { ok: false; error: string; status?: number };

/** @public */
export interface SidecarObservation {
  /** Epoch ms used as "now" for ages. */
  now: number;
  externalLabels: LabelMatcher[];
  observeeKey: string;
  /** The observer's central query `/api/v1/stores`. */
  central: StoresRead;
  /** The observee TLS querier's own `/api/v1/stores`; null when no way to reach it is configured. */
  tlsQuerier: StoresRead | null;
  /** The sidecar host the observer's `stores` entry names, when known (e.g. from the TLS querier list). */
  expectedSidecarAddress?: string;
  /** Sidecar metrics through PromQL; null when PromQL could not be read. */
  metrics: SidecarEvidence['metrics'] | null;
  /** Sidecar container as read from Kubernetes, when the inside view is configured. */
  sidecarContainer?: PodHealth | null;
}

/** @public */
export interface CompactorObservation {
  now: number;
  /**
   * Compactor metrics through PromQL; null when PromQL could not be read. Values may be `+Inf`,
   * `-Inf` or `NaN` (a failure ratio is `+Inf` when every compaction fails). With `alertSteps` the
   * mirrored alerts are judged over their `for:` window; without, from the instant values.
   */
  metrics: Omit<
    CompactorEvidence,
    'retention' | 'version' | 'pods' | 'specialValues' | 'metricsPath'
  > | null;
  /**
   * Whether the cluster's metrics can reach the observer, from the sidecar's judgement
   * (`SidecarStatus.evidence.metricsPath`); absent means they do.
   */
  metricsPath?: MetricsPath;
  retention: CompactorEvidence['retention'];
  version: string | null;
  /**
   * Compactor pods from Kubernetes: undefined when the inside view is not configured, null when
   * it is but the pods could not be read, `[]` when there are none.
   */
  pods?: PodHealth[] | null;
  /** Compactor replicas writing to the busiest bucket of the cluster (Kubernetes, `workloadsForBucket`). */
  workloadsForBucket?: number | null;
}

/** What a raw gRPC/HTTP error from a store endpoint means, and how to fix it. @public */
export interface ErrorExplanation {
  /** Stable id, e.g. `tls-unknown-authority`. */
  id: string;
  title: string;
  cause: string;
  hint: string;
}
