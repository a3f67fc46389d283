/** How the plugin authenticates to one Thanos instance. Never logged, never returned. */
export type ThanosAuth =
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string }
  | { type: 'headers'; headers: Record<string, string> };

/** TLS settings for one Thanos instance (PEM strings). */
export interface ThanosTls {
  ca?: string;
  cert?: string;
  key?: string;
  insecureSkipVerify: boolean;
}

/**
 * How to reach each observee's TLS querier through the observer cluster's API-server service
 * proxy instead of a URL template (the TLS queriers then need not be exposed outside it).
 */
export interface ThanosTlsQuerierKubernetes {
  /** A cluster name of `kubernetes.clusterLocatorMethods` (type config): the observer cluster. */
  cluster: string;
  namespace: string;
  /** Service name with `{key}` for the observee key. */
  serviceTemplate: string;
  port: number;
}

/** One configured Thanos Query (or Query Frontend), validated. */
export interface ThanosInstanceConfig {
  name: string;
  /** Base URL without a trailing slash. */
  queryUrl: string;
  /** URL template with `{key}` for the observee key. */
  tlsQuerierUrlTemplate?: string;
  /** The alternative to the URL template: the TLS querier through the Kubernetes API. */
  tlsQuerierKubernetes?: ThanosTlsQuerierKubernetes;
  auth?: ThanosAuth;
  tls?: ThanosTls;
  timeoutMs: number;
  refreshIntervalSeconds: number;
  /**
   * Label names the batched PromQL query groups by (default `cluster`). Entities whose matchers
   * use other labels are judged with a query of their own.
   */
  groupingLabels?: string[];
  /**
   * Names of `kubernetes.clusterLocatorMethods` clusters that entities of this instance may name
   * with `thanos.io/kubernetes-cluster` (default none).
   */
  kubernetesClusters?: string[];
}

/** The validated `thanos` config block. */
export interface ThanosConfig {
  instances: ThanosInstanceConfig[];
  /** How long facts stay in the cache; defaults to each instance's refresh interval. */
  cacheTtlSeconds?: number;
}
