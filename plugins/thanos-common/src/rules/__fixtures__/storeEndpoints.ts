import type { StoreEndpoint } from '../../types';

/**
 * `/api/v1/stores` entries after the backend's normalisation, mirroring the examples of
 * docs/thanos.md ("The store list", "The two hops"). The shape comes from `EndpointStatus` in
 * `pkg/query/endpointset.go` (Thanos v0.42): `name`, `lastCheck`, `lastError`, `labelSets`,
 * `minTime`, `maxTime`, with the group key of the response as `type` and the int64 sentinels
 * (±9223372036854775807/8) as null. Names, IPs and times are illustrative.
 */

/** "Now" for every fixture: two seconds after the central query's last health checks. */
export const NOW = Date.parse('2026-11-24T10:00:00Z');

const OBSERVEE_PROMETHEUS = {
  cluster: 'observee',
  prometheus: 'monitoring/kube-prometheus-stack-prometheus',
  prometheus_replica: 'prometheus-kube-prometheus-stack-prometheus-0',
};

/** The observee's TLS querier as the central query lists it while the sidecar behind it is up. */
export const centralTlsQuerier: StoreEndpoint = {
  name: '10.0.102.57:10901',
  type: 'query',
  lastCheck: '2026-11-24T09:59:58.413090112Z',
  lastError: null,
  labelSets: [OBSERVEE_PROMETHEUS],
  minTime: 1795341600009,
  maxTime: null,
};

/**
 * The same TLS querier after its remote sidecar went away: healthy, but empty (docs/thanos.md, "The
 * two hops").
 */
export const centralEmptyTlsQuerier: StoreEndpoint = {
  name: '10.0.102.57:10901',
  type: 'query',
  lastCheck: '2026-11-24T09:59:58.413090112Z',
  lastError: null,
  labelSets: [],
  minTime: null,
  maxTime: null,
};

/** The observer's own sidecar, found through the kube-prometheus-stack discovery service. */
export const centralObserverSidecar: StoreEndpoint = {
  name: '10.0.101.23:10901',
  type: 'sidecar',
  lastCheck: '2026-11-24T09:59:58.412415886Z',
  lastError: null,
  labelSets: [
    {
      cluster: 'observer',
      prometheus: 'monitoring/kube-prometheus-stack-prometheus',
      prometheus_replica: 'prometheus-kube-prometheus-stack-prometheus-0',
    },
  ],
  minTime: 1795341600017,
  maxTime: null,
};

/** The observee's store gateway on the observer (bucket blocks only: finite maxTime). */
export const centralObserveeStoreGateway: StoreEndpoint = {
  name: '10.0.101.140:10901',
  type: 'store',
  lastCheck: '2026-11-24T09:59:58.413512208Z',
  lastError: null,
  labelSets: [
    {
      cluster: 'observee',
      prometheus: 'monitoring/kube-prometheus-stack-prometheus',
    },
    OBSERVEE_PROMETHEUS,
  ],
  minTime: 1787702400000,
  maxTime: 1795507200000,
};

/** The remote sidecar as the observee's TLS querier lists it when healthy. */
export const tlsQuerierSidecar: StoreEndpoint = {
  name: 'thanos-sidecar.observee.example.com:443',
  type: 'sidecar',
  lastCheck: '2026-11-24T09:59:57.660912005Z',
  lastError: null,
  labelSets: [OBSERVEE_PROMETHEUS],
  minTime: 1795341600009,
  maxTime: null,
};

/** The remote sidecar behind an ingress with no ready backend (docs/thanos.md, "The two hops"). */
export const tlsQuerierSidecar503: StoreEndpoint = {
  ...tlsQuerierSidecar,
  lastCheck: '2026-11-24T09:55:47.660912005Z',
  lastError:
    'rpc error: code = Unavailable desc = unexpected HTTP status code received from server: 503 (Service Unavailable); transport: received unexpected content-type "text/html"',
};

/** An entry with a chosen error, last healthy `minutesAgo` before NOW. */
export function failing(
  endpoint: StoreEndpoint,
  lastError: string,
  minutesAgo = 3,
): StoreEndpoint {
  return {
    ...endpoint,
    lastError,
    lastCheck: new Date(NOW - minutesAgo * 60_000).toISOString(),
  };
}

/** An entry last checked `minutesAgo` before NOW. */
export function checkedAgo(
  endpoint: StoreEndpoint,
  minutesAgo: number,
): StoreEndpoint {
  return {
    ...endpoint,
    lastCheck: new Date(NOW - minutesAgo * 60_000).toISOString(),
  };
}
