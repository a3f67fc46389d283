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

/** One configured Thanos Query (or Query Frontend), validated. */
export interface ThanosInstanceConfig {
  name: string;
  /** Base URL without a trailing slash. */
  queryUrl: string;
  /** URL template with `{key}` for the observee key. */
  tlsQuerierUrlTemplate?: string;
  auth?: ThanosAuth;
  tls?: ThanosTls;
  timeoutMs: number;
  refreshIntervalSeconds: number;
}

/** The validated `thanos` config block. */
export interface ThanosConfig {
  instances: ThanosInstanceConfig[];
  /** How long facts stay in the cache; defaults to each instance's refresh interval. */
  cacheTtlSeconds?: number;
}
