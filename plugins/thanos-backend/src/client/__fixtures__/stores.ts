/**
 * Raw `GET /api/v1/stores` bodies in the shapes Thanos releases emit, kept as text so the int64
 * sentinels (±2^63) reach the parser exactly as they travel on the wire. Field names and types
 * follow the Go structs named on each fixture (docs/thanos.md, "The store list" and "Response
 * shapes across Thanos versions"); cluster names,
 * addresses and times are illustrative.
 */

/**
 * Thanos v0.13: `pkg/query/storeset.go` `StoreStatus` with snake_case JSON tags, served by
 * `pkg/query/api/v1.go`. `last_error` is a Go `error` (marshals as `{}` when set) and label sets are
 * `storepb.LabelSet` objects `{"labels":[{"name","value"}]}`; `store_type` is an interface (`{}`).
 */
export const STORES_V0_13 = `{"status":"success","data":{
"query":[{"name":"10.0.102.57:10901","last_check":"2020-06-10T09:59:58.413090112Z","last_error":null,
 "label_sets":[{"labels":[{"name":"cluster","value":"observee"},{"name":"prometheus","value":"monitoring/kube-prometheus-stack-prometheus"}]}],
 "store_type":{},"min_time":1591689600009,"max_time":9223372036854775807}],
"sidecar":[{"name":"10.0.101.23:10901","last_check":"2020-06-10T09:58:03.204751993Z","last_error":{},
 "label_sets":[{"labels":[{"name":"cluster","value":"observer"}]}],
 "store_type":{},"min_time":1591689600017,"max_time":9223372036854775807}]}}`;

/**
 * Thanos v0.14–v0.15: `pkg/query/storeset.go` `StoreStatus` with camelCase tags, `StoreType`
 * omitted (`json:"-"`, used as the group key), `lastError` a string (PR #2809), label sets still
 * `storepb.LabelSet` objects.
 */
export const STORES_V0_15 = `{"status":"success","data":{
"query":[{"name":"10.0.102.57:10901","lastCheck":"2020-09-01T09:59:58.413090112Z","lastError":null,
 "labelSets":[{"labels":[{"name":"cluster","value":"observee"},{"name":"prometheus","value":"monitoring/kube-prometheus-stack-prometheus"}]}],
 "minTime":1598918400009,"maxTime":9223372036854775807}],
"store":[{"name":"10.0.101.140:10901","lastCheck":"2020-09-01T09:59:58.413512208Z","lastError":null,
 "labelSets":[],"minTime":1596240000000,"maxTime":1598918400000}]}}`;

/**
 * Thanos v0.16–v0.22: `pkg/query/storeset.go` with `labelSets` as `[]labels.Labels`
 * (`{"name":"value"}` maps, PR #2783); errors wrapped as `fetching store info from <addr>: …`, and a
 * store dropped from the active set reads `removing store because it's unhealthy or does not exist`.
 */
export const STORES_V0_22 = `{"status":"success","data":{
"query":[{"name":"10.0.102.57:10901","lastCheck":"2021-08-01T09:59:58.413090112Z","lastError":null,
 "labelSets":[{"cluster":"observee","prometheus":"monitoring/kube-prometheus-stack-prometheus"}],
 "minTime":1627718400009,"maxTime":9223372036854775807}],
"sidecar":[{"name":"10.0.101.23:10901","lastCheck":"2021-08-01T09:55:01.000000000Z",
 "lastError":"fetching store info from 10.0.101.23:10901: rpc error: code = DeadlineExceeded desc = context deadline exceeded",
 "labelSets":[{"cluster":"observer"}],"minTime":1627718400017,"maxTime":9223372036854775807},
 {"name":"10.0.101.24:10901","lastCheck":"2021-08-01T09:50:00.000000000Z",
 "lastError":"removing store because it's unhealthy or does not exist",
 "labelSets":[{"cluster":"observer"}],"minTime":1627718400017,"maxTime":9223372036854775807}]}}`;

/**
 * Thanos v0.23 and later (HEAD v0.43.0-dev): `pkg/query/endpointset.go` `EndpointStatus`, raw
 * gRPC errors in `lastError`. The observer's central query: a healthy TLS querier for `observee`,
 * the observer's own sidecar, a store gateway, and a TLS querier whose remote sidecar is gone
 * (empty `labelSets`, `minTime` = minimum int64; `pkg/store/proxy.go` `TimeRange`/`LabelSet`).
 */
export const STORES_HEAD = `{"status":"success","data":{
"query":[{"name":"10.0.102.57:10901","lastCheck":"2026-11-24T09:59:58.413090112Z","lastError":null,
 "labelSets":[{"cluster":"observee","prometheus":"monitoring/kube-prometheus-stack-prometheus","prometheus_replica":"prometheus-kube-prometheus-stack-prometheus-0"}],
 "minTime":1795341600009,"maxTime":9223372036854775807},
 {"name":"10.0.102.58:10901","lastCheck":"2026-11-24T09:59:58.413090112Z","lastError":null,
 "labelSets":[],"minTime":-9223372036854775808,"maxTime":9223372036854775807}],
"sidecar":[{"name":"10.0.101.23:10901","lastCheck":"2026-11-24T09:59:58.412415886Z","lastError":null,
 "labelSets":[{"cluster":"observer","prometheus":"monitoring/kube-prometheus-stack-prometheus","prometheus_replica":"prometheus-kube-prometheus-stack-prometheus-0"}],
 "minTime":1795341600017,"maxTime":9223372036854775807}],
"store":[{"name":"10.0.101.140:10901","lastCheck":"2026-11-24T09:59:58.413512208Z","lastError":null,
 "labelSets":[{"cluster":"observer","prometheus":"monitoring/kube-prometheus-stack-prometheus"},
 {"cluster":"observee","prometheus":"monitoring/kube-prometheus-stack-prometheus"}],
 "minTime":1787702400000,"maxTime":1795507200000}]}}`;

/** `pkg/api/api.go`: with zero endpoints the data is an empty map. */
export const STORES_EMPTY = '{"status":"success","data":{}}';

/** Builds a HEAD-shaped (`EndpointStatus`) body; used to vary one entry per test. */
export function storesBody(groups: Record<string, object[]>): string {
  return JSON.stringify({ status: 'success', data: groups });
}

/** A HEAD-shaped entry; `minTime`/`maxTime` sentinels are written as exact int64 text. */
export function endpointEntry(options: {
  name: string;
  labels?: Array<Record<string, string>>;
  lastError?: string | null;
  lastCheck?: string;
  minTime?: number | 'min-int64';
  maxTime?: number | 'max-int64';
}): object {
  return {
    name: options.name,
    lastCheck: options.lastCheck ?? new Date().toISOString(),
    lastError: options.lastError ?? null,
    labelSets: options.labels ?? [],
    minTime: options.minTime ?? Date.now() - 86_400_000,
    maxTime: options.maxTime ?? 'max-int64',
  };
}

/**
 * Serialises `storesBody` output with the sentinels as int64 numbers, as Go's encoder writes them
 * (JSON.stringify cannot write 9223372036854775807 exactly).
 */
export function withInt64Sentinels(json: string): string {
  return json
    .replace(/"max-int64"/g, '9223372036854775807')
    .replace(/"min-int64"/g, '-9223372036854775808');
}

/**
 * An observee TLS querier's own view of the remote sidecar behind the ingress (docs/thanos.md,
 * "The two hops"): the ingress answers 503 with an HTML page instead of gRPC.
 */
export const TLS_QUERIER_INGRESS_503 = `{"status":"success","data":{"sidecar":[{"name":"thanos-sidecar.observee.example.com:443",
"lastCheck":"2026-11-24T09:55:47.660912005Z",
"lastError":"rpc error: code = Unavailable desc = unexpected HTTP status code received from server: 503 (Service Unavailable); transport: received unexpected content-type \\"text/html\\"",
"labelSets":[{"cluster":"observee","prometheus":"monitoring/kube-prometheus-stack-prometheus","prometheus_replica":"prometheus-kube-prometheus-stack-prometheus-0"}],
"minTime":1795341600009,"maxTime":9223372036854775807}]}}`;

/** The TLS trust failure variant of the same hop (grpc-go transport wording). */
export const TLS_UNKNOWN_AUTHORITY_ERROR =
  'rpc error: code = DeadlineExceeded desc = latest balancer error: connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"';
